import { InputError } from '../errors/vigil-error.ts';

/**
 * SageMaker's pattern for endpoint, model package group and model card names: letters, digits and
 * single or repeated hyphens between them, 1 to 63 characters. Such a name is safe as a key part
 * and inside an ARN: no `/`, `..`, spaces or control characters.
 */
export const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/**
 * Why a name cannot be a SageMaker endpoint, model package group or model card name, or undefined
 * when it can.
 *
 * @example
 * ```ts
 * sageMakerNameProblem('../../x'); // 'must be 1–63 letters, digits and hyphens, starting and ending with a letter or digit'
 * sageMakerNameProblem('churn-prod'); // undefined
 * ```
 */
export function sageMakerNameProblem(name: string): string | undefined {
  return SAGEMAKER_NAME.test(name)
    ? undefined
    : 'must be 1–63 letters, digits and hyphens, starting and ending with a letter or digit';
}

/**
 * Why a string cannot be a CloudWatch metric name (PutMetricData: 1–255 printable ASCII
 * characters, at least one not a space), or undefined when it can. Feature names become metric
 * names (`feature_baseline_drift_<feature>`), so a column called `montréal` or one of 300
 * characters yields a name CloudWatch would reject, failing the whole request.
 *
 * @example
 * ```ts
 * cloudWatchMetricNameProblem('feature_baseline_drift_age'); // undefined
 * cloudWatchMetricNameProblem('feature_null_montréal'); // 'has characters outside printable ASCII'
 * ```
 */
export function cloudWatchMetricNameProblem(name: string): string | undefined {
  if (name.length < 1 || name.length > 255) return `is ${name.length} characters long (1–255 allowed)`;
  if (!/^[\x20-\x7e]+$/.test(name)) return 'has characters outside printable ASCII';
  if (!/\S/.test(name)) return 'is only spaces';
  return undefined;
}

/**
 * Why a string cannot be a CloudWatch dimension value (1–1024 printable ASCII characters, at least
 * one not a space), or undefined when it can.
 *
 * @example
 * ```ts
 * cloudWatchDimensionValueProblem('churn-prod'); // undefined
 * ```
 */
export function cloudWatchDimensionValueProblem(value: string): string | undefined {
  if (value.length < 1 || value.length > 1024) return `is ${value.length} characters long (1–1024 allowed)`;
  if (!/^[\x20-\x7e]+$/.test(value)) return 'has characters outside printable ASCII';
  if (!/\S/.test(value)) return 'is only spaces';
  return undefined;
}

/**
 * A name (endpoint, variant, model package group) checked before it becomes one segment of a
 * key: names arrive in events and from the command line, and `a/../../x` must not write outside
 * its folder. Refuses what no SageMaker name can be (`/`, `\`, `.`, `..`, control characters,
 * empty, over 255 characters) with an `InputError` naming what the name is.
 *
 * @example
 * ```ts
 * keySegment('churn-prod', 'endpoint'); // 'churn-prod'
 * keySegment('../x', 'endpoint'); // throws InputError
 * ```
 */
export function keySegment(name: string, what: string): string {
  if (
    name.length === 0 ||
    name.length > 255 ||
    name === '.' ||
    name === '..' ||
    /[/\\]/.test(name) ||
    /\p{Cc}/u.test(name)
  ) {
    throw new InputError(
      `${what} name ${JSON.stringify(name.slice(0, 100))} cannot name a folder: use a SageMaker name (letters, digits, hyphens)`,
    );
  }
  return name;
}
