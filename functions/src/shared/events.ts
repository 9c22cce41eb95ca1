import { type EventBridgeEnvelope, EventShapeError } from '@vigil/core';
import {
  describeIssues,
  EventEnvelopeSchema,
  ObjectCreatedDetailSchema,
  ScheduledMonitorInputSchema,
} from './event-schemas.ts';

export type { EventBridgeEnvelope };

/** What a zod schema's `safeParse` answers. */
type DetailParse<T> =
  | { success: true; data: T }
  | { success: false; error: Parameters<typeof describeIssues>[0] };

/** What {@link assertEventBridge} accepts. */
export interface EventExpectation<TDetailType extends string, TDetail> {
  source: string | readonly string[];
  detailType: TDetailType | readonly TDetailType[];
  /**
   * Checks the detail and returns it typed: a zod schema (for example one of Powertools'), or a
   * function that throws (any error) when the detail does not fit.
   */
  detail?: ((detail: unknown) => TDetail) | { safeParse(detail: unknown): DetailParse<TDetail> };
}

/**
 * The event as a typed EventBridge envelope, after checking its source and detail-type, the
 * envelope against Powertools' `EventBridgeSchema` and (when a `detail` check is given) its
 * detail; throws `EventShapeError` saying what differs otherwise. Messages name fields, never
 * payload values.
 *
 * @example
 * ```ts
 * const event = assertEventBridge(input, {
 *   source: 'aws.sagemaker',
 *   detailType: 'SageMaker Model Package State Change',
 *   detail: (d) => requireFields(d, ['ModelPackageArn', 'ModelPackageGroupName']) as ModelPackageDetail,
 * });
 * ```
 */
export function assertEventBridge<TDetailType extends string, TDetail = Record<string, unknown>>(
  event: unknown,
  expected: EventExpectation<TDetailType, TDetail>,
): EventBridgeEnvelope<TDetailType, TDetail> {
  if (!isRecord(event))
    throw new EventShapeError('Expected an EventBridge event (an object), got something else');
  const sources = list(expected.source);
  const detailTypes = list(expected.detailType);
  if (typeof event.source !== 'string' || !sources.includes(event.source)) {
    throw new EventShapeError(
      `Expected an event from ${sources.join(' or ')}, got source "${String(event.source)}": check the rule's pattern`,
    );
  }
  const detailType = event['detail-type'];
  if (typeof detailType !== 'string' || !(detailTypes as readonly string[]).includes(detailType)) {
    throw new EventShapeError(
      `Expected detail-type ${detailTypes.map((d) => `"${d}"`).join(' or ')}, got "${String(detailType)}": ` +
        "check the rule's pattern",
    );
  }
  if (!isRecord(event.detail)) throw new EventShapeError(`The "${detailType}" event has no detail object`);
  const envelope = EventEnvelopeSchema.safeParse(event);
  if (!envelope.success) {
    throw new EventShapeError(
      `The "${detailType}" event is not a whole EventBridge event: ${describeIssues(envelope.error)}`,
      { cause: envelope.error },
    );
  }
  return {
    ...envelope.data,
    'detail-type': detailType as TDetailType,
    detail: checkDetail(detailType, event.detail, expected.detail),
  };
}

/**
 * A handler of one kind of EventBridge event: checks the event with {@link assertEventBridge} and
 * hands the typed envelope to `handle`.
 *
 * @example
 * ```ts
 * const record = eventBridgeHandler({ source: 'vigil', detailType: 'Vigil Audit Head' }, async (envelope) =>
 *   store.putIfAbsent(keyOf(envelope.detail), JSON.stringify(envelope.detail)),
 * );
 * ```
 */
export function eventBridgeHandler<TDetailType extends string, TResult, TDetail = Record<string, unknown>>(
  expected: EventExpectation<TDetailType, TDetail>,
  handle: (envelope: EventBridgeEnvelope<TDetailType, TDetail>) => Promise<TResult>,
): (event: unknown) => Promise<TResult> {
  return async (event) => handle(assertEventBridge(event, expected));
}

function checkDetail<TDetail>(
  detailType: string,
  detail: Record<string, unknown>,
  check: EventExpectation<string, TDetail>['detail'],
): TDetail {
  if (!check) return detail as TDetail;
  if (typeof check !== 'function') {
    const parsed = check.safeParse(detail);
    if (parsed.success) return parsed.data;
    throw new EventShapeError(
      `The "${detailType}" event's detail is not as expected: ${describeIssues(parsed.error)}`,
      { cause: parsed.error },
    );
  }
  try {
    return check(detail);
  } catch (error) {
    throw new EventShapeError(`The "${detailType}" event's detail is not as expected: ${describe(error)}`, {
      cause: error,
    });
  }
}

/**
 * Checks that `value` is an object whose `fields` are non-empty strings, and returns it; a small
 * `detail` check for {@link assertEventBridge}.
 *
 * @example
 * ```ts
 * requireFields({ alarmName: 'a' }, ['alarmName']); // { alarmName: 'a' }
 * ```
 */
export function requireFields<TField extends string>(
  value: unknown,
  fields: readonly TField[],
): Record<TField, string> & Record<string, unknown> {
  if (!isRecord(value)) throw new EventShapeError('Expected an object');
  const missing = fields.filter((f) => typeof value[f] !== 'string' || value[f] === '');
  if (missing.length > 0) throw new EventShapeError(`Missing or empty string fields: ${missing.join(', ')}`);
  return value as Record<TField, string> & Record<string, unknown>;
}

/** What EventBridge Scheduler hands a scheduled monitor function. */
export interface ScheduledMonitorEvent {
  endpoint: string;
  /** The variant, for an endpoint monitored per variant; absent for an endpoint monitored as one stream. */
  variant?: string;
  /** The hour to cover; absent on scheduled runs, which cover the hour of the invocation. */
  scheduledTime?: Date;
  /** True when a backfill sent it: the window is re-run even if it was settled before. */
  backfill?: boolean;
}

/**
 * The `{ "endpoint": "<name>", "variant"?: "<variant>", "scheduledTime"?: ISO, "backfill"?: true }`
 * input of a scheduled monitor function;
 * throws `EventShapeError` on anything else (for example an EventBridge envelope sent by mistake).
 *
 * @example
 * ```ts
 * const { endpoint, scheduledTime } = assertScheduledMonitorEvent({ endpoint: 'churn-ep' });
 * ```
 */
export function assertScheduledMonitorEvent(event: unknown): ScheduledMonitorEvent {
  if (!isRecord(event) || typeof event.endpoint !== 'string' || event.endpoint === '') {
    throw new EventShapeError(
      'Expected {"endpoint": "<name>"} from the monitor schedule: check the schedule\'s input in the infrastructure',
    );
  }
  const parsed = ScheduledMonitorInputSchema.safeParse(event);
  if (!parsed.success) {
    const accepted = ['endpoint', 'variant', 'scheduledTime', 'backfill'];
    const unexpected = Object.keys(event).filter((k) => !accepted.includes(k));
    if (unexpected.length > 0) {
      throw new EventShapeError(
        `Unexpected fields ${unexpected.join(', ')} in a monitor schedule's input: only "endpoint", "variant", "scheduledTime" and "backfill" are accepted`,
      );
    }
    if (event.variant !== undefined && (typeof event.variant !== 'string' || event.variant === '')) {
      throw new EventShapeError('"variant" must be the name of one of the endpoint\'s variants, a string');
    }
    if ('backfill' in event && typeof event.backfill !== 'boolean') {
      throw new EventShapeError('"backfill" must be true or false (a backfill sets it to true)', {
        cause: parsed.error,
      });
    }
    throw new EventShapeError('"scheduledTime" must be an ISO-8601 time such as "2024-05-01T13:00:00Z"', {
      cause: parsed.error,
    });
  }
  const { endpoint, variant, scheduledTime, backfill } = parsed.data;
  return {
    endpoint,
    ...(variant === undefined ? {} : { variant }),
    ...(scheduledTime === undefined ? {} : { scheduledTime: new Date(scheduledTime) }),
    ...(backfill ? { backfill } : {}),
  };
}

/** Bucket and key of an S3 "Object Created" event delivered through EventBridge. */
export interface CreatedObject {
  bucket: string;
  key: string;
  /** The object's size in bytes; absent when the event does not carry it. */
  size?: number;
}

/**
 * The object an S3 "Object Created" EventBridge event is about; throws `EventShapeError` otherwise.
 *
 * @example
 * ```ts
 * const { bucket, key } = assertS3ObjectCreated(event); // e.g. capture/ep/AllTraffic/2024/05/01/13/x.jsonl
 * ```
 */
export function assertS3ObjectCreated(event: unknown): CreatedObject {
  const { detail } = assertEventBridge(event, {
    source: 'aws.s3',
    detailType: 'Object Created',
    detail: ObjectCreatedDetailSchema,
  });
  const created: CreatedObject = { bucket: detail.bucket.name, key: detail.object.key };
  // profile-capture compares the bytes it reads with the size: never guess one the event lacks.
  const { size } = detail.object as { size?: number };
  if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) created.size = size;
  return created;
}

function list<T>(value: T | readonly T[]): readonly T[] {
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
