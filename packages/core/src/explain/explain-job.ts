import { toPythonJson } from '../json/python-json.ts';
import type { Log } from '../ports/log.ts';
import type { ModelInvoker } from '../ports/model-invoker.ts';
import { parseAnalysisConfig, shapSettings } from './analysis-config.ts';
import { describeCostPlan, type ExplanationCostPlan } from './cost.ts';
import { readFeatureDataset } from './dataset.ts';
import { analysisJsonObject, type Explanation, explainRecords, localShapCsv } from './explanation.ts';
import { planExplanation } from './plan.ts';

export interface ExplainDatasetOptions {
  analysisConfigText: string;
  datasetText: string;
  /** Reads a baseline file named by `methods.shap.baseline`. */
  readText?: (location: string) => Promise<string>;
  /** Called with the planned model calls before any call is made. */
  onPlan?: (plan: ExplanationCostPlan, summary: string) => void;
}

export interface ExplainDatasetResult {
  explanation: Explanation;
  plan: ExplanationCostPlan;
  /** analysis.json text, as Clarify writes it. */
  analysisJson: string;
  /** explanations_shap/out.csv text; undefined when save_local_shap_values is false. */
  localShapCsv?: string;
  /** Rows of the data set left out, by reason. */
  skipped: Record<string, number>;
}

/**
 * A Clarify explainability job on a data set: reads the analysis config and the data set, builds
 * the background (configured rows or k-means), explains every record with KernelSHAP and renders
 * analysis.json and the local values. `vigil explain` and the demo run it.
 *
 * @example
 * ```ts
 * const result = await explainDataset({ invoker, log }, { analysisConfigText, datasetText });
 * await writeFile('out/analysis.json', result.analysisJson);
 * ```
 */
export async function explainDataset(
  ports: { invoker: ModelInvoker; log: Log },
  options: ExplainDatasetOptions,
): Promise<ExplainDatasetResult> {
  const config = parseAnalysisConfig(options.analysisConfigText);
  const settings = shapSettings(config);
  const data = readFeatureDataset(options.datasetText, config);
  const width = data.featureNames.length;
  const { background, plan } = await planExplanation(config, settings, data.rows, width, {
    budget: Number.MAX_SAFE_INTEGER,
    readText: options.readText,
  });
  const summary = describeCostPlan(plan);
  options.onPlan?.(plan, summary);
  ports.log.info('Explanation plan', { ...plan });
  const explanation = await explainRecords(
    ports.invoker,
    data.rows,
    data.featureNames,
    settings,
    background,
    config.predictor.label_headers,
  );
  return {
    explanation,
    plan,
    analysisJson: toPythonJson(analysisJsonObject(explanation.perLabel)),
    localShapCsv: settings.saveLocalShapValues ? localShapCsv(explanation) : undefined,
    skipped: data.skipped,
  };
}
