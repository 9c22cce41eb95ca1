/** An event Vigil emits on its bus (EventBridge in AWS, the local loop in local mode). */
export interface VigilEvent<TDetail = Record<string, unknown>> {
  /** Always `vigil`, so rules can tell Vigil's events from AWS's. */
  source: 'vigil';
  detailType: string;
  detail: TDetail;
  time: Date;
  /** ARNs or keys the event is about. */
  resources?: string[];
}

/**
 * Publishes Vigil's own events.
 *
 * @example
 * ```ts
 * await events.publish([{ source: 'vigil', detailType: 'Vigil Monitoring Execution', detail, time: clock.now() }]);
 * ```
 */
export interface EventPublisher {
  publish(events: readonly VigilEvent[]): Promise<void>;
}
