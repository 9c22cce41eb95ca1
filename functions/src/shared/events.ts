import { EventShapeError } from '@vigil/core';

/** An EventBridge event as a Lambda target receives it. */
export interface EventBridgeEnvelope<TDetailType extends string = string, TDetail = unknown> {
  version: string;
  id: string;
  'detail-type': TDetailType;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: TDetail;
}

/** What {@link assertEventBridge} accepts. */
export interface EventExpectation<TDetailType extends string, TDetail> {
  source: string | readonly string[];
  detailType: TDetailType | readonly TDetailType[];
  /**
   * Checks the detail and returns it typed; throw (any error) when it does not fit. A zod schema's
   * `parse` works as it is.
   */
  detail?: (detail: unknown) => TDetail;
}

/**
 * The event as a typed EventBridge envelope, after checking its source, detail-type and (when a
 * `detail` check is given) its detail; throws `EventShapeError` saying what differs otherwise.
 * Messages name fields, never payload values.
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
  let detail: TDetail = event.detail as TDetail;
  if (expected.detail) {
    try {
      detail = expected.detail(event.detail);
    } catch (error) {
      throw new EventShapeError(`The "${detailType}" event's detail is not as expected: ${describe(error)}`, {
        cause: error,
      });
    }
  }
  return {
    version: String(event.version ?? '0'),
    id: String(event.id ?? ''),
    'detail-type': detailType as TDetailType,
    source: event.source,
    account: String(event.account ?? ''),
    time: String(event.time ?? ''),
    region: String(event.region ?? ''),
    resources: Array.isArray(event.resources) ? event.resources.map(String) : [],
    detail,
  };
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
  /** The hour to cover; absent on scheduled runs, which cover the hour of the invocation. */
  scheduledTime?: Date;
}

/**
 * The `{ "endpoint": "<name>", "scheduledTime"?: ISO }` input of a scheduled monitor function;
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
  const unexpected = Object.keys(event).filter((k) => k !== 'endpoint' && k !== 'scheduledTime');
  if (unexpected.length > 0) {
    throw new EventShapeError(
      `Unexpected fields ${unexpected.join(', ')} in a monitor schedule's input: only "endpoint" and "scheduledTime" are accepted`,
    );
  }
  if (event.scheduledTime === undefined) return { endpoint: event.endpoint };
  const scheduledTime = typeof event.scheduledTime === 'string' ? new Date(event.scheduledTime) : undefined;
  if (!scheduledTime || Number.isNaN(scheduledTime.getTime())) {
    throw new EventShapeError('"scheduledTime" must be an ISO-8601 time such as "2024-05-01T13:00:00Z"');
  }
  return { endpoint: event.endpoint, scheduledTime };
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
  const envelope = assertEventBridge(event, {
    source: 'aws.s3',
    detailType: 'Object Created',
    detail: (detail) => {
      const d = detail as { bucket?: { name?: unknown }; object?: { key?: unknown; size?: unknown } };
      if (typeof d.bucket?.name !== 'string' || typeof d.object?.key !== 'string') {
        throw new EventShapeError('bucket.name and object.key must be strings');
      }
      const created: CreatedObject = { bucket: d.bucket.name, key: d.object.key };
      const { size } = d.object;
      if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) created.size = size;
      return created;
    },
  });
  return envelope.detail;
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
