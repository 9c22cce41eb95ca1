import { InputError, type VigilConfig } from '@vigil/core';
import { resolveGuardrails } from '@vigil/core/alerting';
import { COMPARISON_OPERATORS, CONSTRAINTS_KEY, parseConstraints } from '@vigil/core/modelquality';

/**
 * Checks the `--constraints` document of `vigil alarms` before the alarms are built from it: it must
 * be a model-quality constraints.json, and when the endpoint's `modelMetric` guardrail takes its
 * threshold from it, it must constrain that metric with a number and a known operator. Otherwise the
 * guardrail's rollback alarm would be left out without a word.
 *
 * @example
 * ```ts
 * checkModelMetricConstraints(config, 'churn-prod', '--constraints mq/constraints.json', json);
 * // InputError: --constraints mq/constraints.json: binary_classification_constraints has no recall constraint …
 * ```
 */
export function checkModelMetricConstraints(
  config: VigilConfig,
  endpointName: string,
  label: string,
  document: unknown,
): void {
  let parsed: ReturnType<typeof parseConstraints>;
  try {
    parsed = parseConstraints(JSON.stringify(document), label);
  } catch (error) {
    const message = (error as Error).message;
    // parseConstraints names the file in its field errors, not when no section is there at all.
    throw new InputError(message.startsWith(label) ? message : `${label}: ${message}`, { cause: error });
  }
  const endpoint = config.endpoints.find((e) => e.name === endpointName);
  const metric = endpoint ? resolveGuardrails(endpoint).modelMetric : undefined;
  if (!endpoint || !metric || metric.threshold !== undefined) return;
  const section = CONSTRAINTS_KEY[parsed.constraints.problemType];
  const where = `the modelMetric guardrail of endpoint ${endpointName}`;
  if (parsed.ignored.includes(metric.metric)) {
    throw new InputError(
      `${label}: ${section}.${metric.metric} needs a numeric threshold and a comparison_operator ` +
        `(${listOr(COMPARISON_OPERATORS)}) for ${where}: fix it, or set ` +
        'alerts.guardrails.modelMetric.threshold in the configuration',
    );
  }
  if (!(metric.metric in parsed.constraints.constraints)) {
    throw new InputError(
      `${label}: ${section} has no ${metric.metric} constraint for ${where}: give the baseline that ` +
        `constrains ${metric.metric}, or set alerts.guardrails.modelMetric.threshold in the configuration`,
    );
  }
}

function listOr(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
