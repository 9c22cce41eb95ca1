/** One production variant's share of an endpoint's traffic. */
export interface VariantWeight {
  variant: string;
  /** SageMaker's weights are relative; Vigil always writes shares that sum to 1. */
  weight: number;
}

/**
 * Reads and sets how an endpoint splits traffic between its production variants: SageMaker's
 * `DescribeEndpoint` / `UpdateEndpointWeightsAndCapacities` in AWS, a JSON record in local mode.
 *
 * @example
 * ```ts
 * const now = await weights.current('churn'); // [{ variant: 'A', weight: 0.8 }, { variant: 'B', weight: 0.2 }]
 * await weights.update('churn', [{ variant: 'A', weight: 0.7 }, { variant: 'B', weight: 0.3 }]);
 * ```
 */
export interface EndpointWeights {
  /** The current weights, normalised to shares that sum to 1. */
  current(endpointName: string): Promise<VariantWeight[]>;
  update(endpointName: string, weights: readonly VariantWeight[]): Promise<void>;
}

/**
 * Says which of the named alarms are in ALARM now: CloudWatch's DescribeAlarms in AWS, the local
 * metrics store's alarm evaluation in local mode.
 *
 * @example
 * ```ts
 * await alarms.inAlarm(['vigil-churn-model-quality-violations']); // [] when all is well
 * ```
 */
export interface AlarmStates {
  inAlarm(alarmNames: readonly string[]): Promise<string[]>;
}
