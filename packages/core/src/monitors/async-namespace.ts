import { SAGEMAKER_NAMESPACE_PREFIX } from './names.ts';

/**
 * The namespace of Vigil's asynchronous-inference metrics, `<prefix>/Endpoints/async-metrics`:
 * Vigil's own, beside SageMaker's monitor namespaces, assembled here where every metric namespace is.
 *
 * @example
 * ```ts
 * asyncMetricsNamespace('aws/sagemaker'); // 'aws/sagemaker/Endpoints/async-metrics'
 * ```
 */
export function asyncMetricsNamespace(prefix?: string): string {
  return `${prefix ?? SAGEMAKER_NAMESPACE_PREFIX}/Endpoints/async-metrics`;
}
