/**
 * An EventBridge event as a target (a Lambda, the local loop) receives it: the envelope every
 * event Vigil reads or synthesizes has, whatever its detail.
 *
 * @example
 * ```ts
 * const event: EventBridgeEnvelope<'Vigil Monitoring Execution', { status: string }> = JSON.parse(text);
 * console.log(event['detail-type'], event.detail.status);
 * ```
 */
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
  'replay-name'?: string;
}
