import { EventShapeError } from '../errors/vigil-error.ts';

/**
 * One SageMaker asynchronous-inference notification ("InferenceResult", posted to the endpoint
 * config's SuccessTopic or ErrorTopic), as Vigil reads it.
 */
export interface AsyncInferenceNotification {
  inferenceId: string;
  status: 'Completed' | 'Failed';
  endpointName: string;
  /** Where the request payload is (InvokeEndpointAsync's InputLocation). */
  inputLocation: string;
  /** The request's content type, when the caller gave one. */
  inputContentType?: string;
  /** Completed: where the response is. */
  outputLocation?: string;
  outputContentType?: string;
  /** Failed: where the failure response is, when the endpoint config has an S3FailurePath. */
  failureLocation?: string;
  failureReason?: string;
  /** When SageMaker received the request: the record's inference time. */
  receivedTime: Date;
  /** When the result was posted. */
  eventTime: Date;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads one asynchronous-inference notification (the JSON SageMaker posts to SNS, documented in
 * "Check prediction results" of the SageMaker developer guide); throws `EventShapeError` naming
 * the missing or wrong field, never a value of it.
 *
 * @example
 * ```ts
 * const n = parseAsyncNotification(JSON.parse(record.Sns.Message));
 * n.status; // 'Completed'
 * n.outputLocation; // 's3://bucket/output/prediction.out'
 * ```
 */
export function parseAsyncNotification(value: unknown): AsyncInferenceNotification {
  if (!isRecord(value))
    throw new EventShapeError('An asynchronous-inference notification must be a JSON object');
  if (value.eventSource !== 'aws:sagemaker' || value.eventName !== 'InferenceResult') {
    throw new EventShapeError(
      'Not a SageMaker asynchronous-inference notification (eventSource "aws:sagemaker", eventName "InferenceResult"): check the SNS subscription',
    );
  }
  const status = value.invocationStatus;
  if (status !== 'Completed' && status !== 'Failed') {
    throw new EventShapeError('The notification\'s invocationStatus must be "Completed" or "Failed"');
  }
  const request = isRecord(value.requestParameters) ? value.requestParameters : {};
  const response = isRecord(value.responseParameters) ? value.responseParameters : {};
  const inferenceId = text(value.inferenceId);
  const endpointName = text(request.endpointName);
  const inputLocation = text(request.inputLocation);
  const outputLocation = text(response.outputLocation);
  const missing = [
    inferenceId ? '' : 'inferenceId',
    endpointName ? '' : 'requestParameters.endpointName',
    inputLocation ? '' : 'requestParameters.inputLocation',
    status === 'Completed' && !outputLocation ? 'responseParameters.outputLocation' : '',
  ].filter(Boolean);
  if (missing.length > 0) throw new EventShapeError(`The notification lacks ${missing.join(', ')}`);
  const receivedTime = new Date(String(value.receivedTime));
  const eventTime = new Date(String(value.eventTime));
  if (Number.isNaN(receivedTime.getTime()) || Number.isNaN(eventTime.getTime())) {
    throw new EventShapeError("The notification's receivedTime and eventTime must be ISO-8601 times");
  }
  return {
    inferenceId: inferenceId as string,
    status,
    endpointName: endpointName as string,
    inputLocation: inputLocation as string,
    ...(text(request.contentType) ? { inputContentType: text(request.contentType) } : {}),
    ...(outputLocation ? { outputLocation } : {}),
    ...(text(response.contentType) ? { outputContentType: text(response.contentType) } : {}),
    ...(text(response.failureLocation) ? { failureLocation: text(response.failureLocation) } : {}),
    ...(text(value.failureReason) ? { failureReason: text(value.failureReason) } : {}),
    receivedTime,
    eventTime,
  };
}

/**
 * The notifications an invocation carries: a Lambda SNS event (`Records[].Sns.Message`), an SQS
 * event of SNS messages (`Records[].body`, raw or SNS-wrapped), or one bare notification.
 *
 * @example
 * ```ts
 * for (const notification of asyncNotificationsOf(event)) … // one per SNS record
 * ```
 */
export function asyncNotificationsOf(event: unknown): AsyncInferenceNotification[] {
  if (isRecord(event) && Array.isArray(event.Records)) {
    return event.Records.map((record, i) => {
      const r = isRecord(record) ? record : {};
      const body = isRecord(r.Sns) ? r.Sns.Message : r.body;
      if (typeof body !== 'string') {
        throw new EventShapeError(
          `Records[${i}] has neither Sns.Message nor body: expected an SNS or SQS event`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch (error) {
        throw new EventShapeError(`Records[${i}] does not carry JSON`, { cause: error });
      }
      // SQS subscribed to SNS without raw delivery: the notification is the envelope's Message.
      if (isRecord(parsed) && parsed.Type === 'Notification' && typeof parsed.Message === 'string') {
        parsed = JSON.parse(parsed.Message);
      }
      return parseAsyncNotification(parsed);
    });
  }
  return [parseAsyncNotification(event)];
}
