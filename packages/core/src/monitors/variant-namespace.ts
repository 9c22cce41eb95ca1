import { SAGEMAKER_NAMESPACE_PREFIX } from './names.ts';

/**
 * The namespace of the variant comparison's metrics, `<prefix>/Endpoints/variant-metrics`. The
 * comparison is not (yet) a monitor of the table, so its namespace is assembled here, beside the
 * table's own, where every metric namespace is.
 *
 * @example
 * ```ts
 * variantMetricsNamespace('aws/sagemaker'); // 'aws/sagemaker/Endpoints/variant-metrics'
 * ```
 */
export function variantMetricsNamespace(prefix?: string): string {
  return `${prefix ?? SAGEMAKER_NAMESPACE_PREFIX}/Endpoints/variant-metrics`;
}
