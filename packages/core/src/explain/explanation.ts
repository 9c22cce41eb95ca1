import type { JsonOut } from '../json/jackson.ts';
import { pythonFloat } from '../json/java-double.ts';
import type { ModelInvoker, ModelRecord } from '../ports/model-invoker.ts';
import { aggregateShap } from './aggregate.ts';
import type { ShapSettings } from './analysis-config.ts';
import { type Background, kernelShap } from './kernel-shap.ts';
import { labelNames } from './model-codec.ts';

/** Global and local attributions of a data set, per explained label. */
export interface Explanation {
  featureNames: string[];
  labels: string[];
  /** One per label, in label order. */
  perLabel: LabelExplanation[];
  /** local[i][d][j], as KernelShapResult.local. */
  local: number[][][];
  rowsScored: number;
}

export interface LabelExplanation {
  label: string;
  expectedValue: number;
  /** feature name → aggregated SHAP value, in feature order. */
  globalShapValues: Record<string, number>;
}

/**
 * Explains `rows` with KernelSHAP and aggregates the local values per label with the configured
 * `agg_method`, as a Clarify explainability job does.
 *
 * @example
 * ```ts
 * const explanation = await explainRecords(invoker, rows, ['age', 'income'], settings, background);
 * explanation.perLabel[0].globalShapValues; // { age: 0.12, income: 0.03 }
 * ```
 */
export async function explainRecords(
  invoker: ModelInvoker,
  rows: readonly ModelRecord[],
  featureNames: readonly string[],
  settings: ShapSettings,
  background: Background,
  labelHeaders?: readonly (string | number)[],
): Promise<Explanation> {
  const result = await kernelShap(invoker, rows, background, {
    numSamples: settings.numSamples,
    useLogit: settings.useLogit,
    seed: settings.seed,
  });
  const labels = labelNames(result.expectedValues.length, labelHeaders);
  const perLabel = labels.map((label, d) => {
    const globalShapValues: Record<string, number> = {};
    featureNames.forEach((name, j) => {
      globalShapValues[name] = aggregateShap(
        result.local.map((instance) => instance[d]![j]!),
        settings.aggMethod,
      );
    });
    return { label, expectedValue: result.expectedValues[d]!, globalShapValues };
  });
  return {
    featureNames: [...featureNames],
    labels,
    perLabel,
    local: result.local,
    rowsScored: result.rowsScored,
  };
}

/**
 * The `explanations` section of Clarify's analysis.json:
 * `{"kernel_shap": {"<label>": {"global_shap_values": {...}, "expected_value": x}}}`.
 */
export function kernelShapSection(perLabel: readonly LabelExplanation[]): JsonOut {
  const kernelShapEntries: Record<string, JsonOut> = {};
  for (const entry of perLabel) {
    kernelShapEntries[entry.label] = {
      global_shap_values: entry.globalShapValues,
      expected_value: entry.expectedValue,
    };
  }
  return { kernel_shap: kernelShapEntries };
}

/**
 * Clarify's analysis.json for an explanation; render it with `toPythonJson` (Python's json.dumps,
 * 4-space indent) as Clarify writes it.
 *
 * @example
 * ```ts
 * toPythonJson(analysisJsonObject(explanation.perLabel));
 * // '{\n    "version": "1.0",\n    "explanations": {\n        "kernel_shap": {\n            "label0": {...'
 * ```
 */
export function analysisJsonObject(perLabel: readonly LabelExplanation[]): JsonOut {
  return { version: '1.0', explanations: kernelShapSection(perLabel) };
}

/**
 * Local SHAP values as `explanations_shap/out.csv`: one row per explained record; columns are the
 * feature names for one label, `<label>_<feature>` when several labels are explained.
 */
export function localShapCsv(explanation: Explanation): string {
  const single = explanation.labels.length === 1;
  const header = explanation.labels.flatMap((label) =>
    explanation.featureNames.map((name) => (single ? name : `${label}_${name}`)),
  );
  const lines = [header.map(csvHeader).join(',')];
  for (const instance of explanation.local) {
    lines.push(instance.flatMap((values) => values.map(pythonFloat)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function csvHeader(name: string): string {
  return /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}
