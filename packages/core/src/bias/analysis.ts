import { ConfigError } from '../errors/vigil-error.ts';
import { type AnalysisConfig, requestedMethods } from './analysis-config.ts';
import type { AnalysisFacetEntry, AnalysisMetric, AnalysisStage, BiasAnalysis } from './analysis-json.ts';
import { type BootstrapOptions, bootstrapIntervals, hashText } from './bootstrap.ts';
import { facetSizes } from './metric-inputs.ts';
import type { BiasStage } from './registry.ts';
import { prepareBiasReport, runMetrics } from './report.ts';
import type { ConfigValue, Series } from './values.ts';

/** Options of {@link runBiasAnalysis}. */
export interface BiasAnalysisOptions {
  /**
   * The stages to run and their metrics. Default: what `methods` of the config asks for; the
   * bias monitor passes the stages its baseline has.
   */
  readonly stages?: Partial<Record<BiasStage, 'all' | readonly string[]>>;
  /** Beyond Clarify: a bootstrap interval and the group sizes next to every metric. */
  readonly bootstrap?: BootstrapOptions;
}

/**
 * Runs Clarify's bias analysis for an analysis_config.json on a dataset: one smclarify
 * `bias_report` per configured facet and stage, as analysis.json holds it. Throws `ConfigError`
 * when a named column is missing and `BiasReportError` when the label or facet configuration
 * cannot fit the data (Clarify fails the job then).
 *
 * @example
 * ```ts
 * const analysis = runBiasAnalysis(parseAnalysisConfig(configText), readBiasDataset(csv, config));
 * await writeFile('analysis.json', analysisJson(analysis));
 * ```
 */
export function runBiasAnalysis(
  config: AnalysisConfig,
  dataset: { readonly columns: readonly Series[] },
  options: BiasAnalysisOptions = {},
): BiasAnalysis {
  const columns = dataset.columns;
  const resolve = (field: string, nameOrIndex: string | number): Series => {
    const column =
      typeof nameOrIndex === 'number' ? columns[nameOrIndex] : columns.find((c) => c.name === nameOrIndex);
    if (!column)
      throw new ConfigError(
        `${field} "${nameOrIndex}" is not a column of the dataset (columns: ${columns.map((c) => c.name).join(', ')}): fix the name or the headers`,
        { path: field },
      );
    return column;
  };
  const label = resolve('label', config.label!);
  const facets = (config.facet ?? []).map((f, i) => ({
    column: resolve(`facet[${i}].name_or_index`, f.name_or_index),
    values: f.value_or_threshold as ConfigValue[] | undefined,
  }));
  const group =
    config.group_variable === undefined ? undefined : resolve('group_variable', config.group_variable);
  let predicted =
    config.predicted_label === undefined ? undefined : resolve('predicted_label', config.predicted_label);
  if (predicted && config.probability_threshold !== undefined)
    predicted = thresholded(predicted, config.probability_threshold);
  const excluded = new Set(
    (config.excluded_columns ?? []).map((c, i) => resolve(`excluded_columns[${i}]`, c).name),
  );
  const kept = columns
    .filter((c) => !excluded.has(c.name) || c === label || facets.some((f) => f.column === c))
    .map((c) => (predicted && c.name === predicted.name ? predicted : c));

  const stages = options.stages ?? {
    pre_training: requestedMethods(config, 'pre_training'),
    post_training: requestedMethods(config, 'post_training'),
  };
  const runStage = (stage: BiasStage, methods: 'all' | readonly string[]): AnalysisStage => {
    if (stage === 'post_training' && !predicted)
      throw new ConfigError(
        'post-training bias metrics need "predicted_label": name the dataset column that holds the model\'s predictions',
        { path: 'predicted_label' },
      );
    const byFacet = new Map<string, AnalysisFacetEntry[]>();
    let labelValueOrThreshold = '';
    for (const facet of facets) {
      const prepared = prepareBiasReport({
        columns: kept,
        facet: { name: facet.column.name, values: facet.values },
        label: { name: label.name, values: config.label_values_or_threshold as ConfigValue[] },
        stage,
        predictedLabel: predicted && { name: predicted.name },
        methods,
        groupVariable: group,
      });
      labelValueOrThreshold = prepared.labelValueOrThreshold;
      const entries = prepared.facets.map((f): AnalysisFacetEntry => {
        const metrics: AnalysisMetric[] = runMetrics(prepared.metrics, f.facet, prepared.shared);
        if (!options.bootstrap || f.facet instanceof Error)
          return { valueOrThreshold: f.valueOrThreshold, metrics };
        const facetIndex = f.facet;
        const bootstrap = options.bootstrap;
        const intervals = bootstrapIntervals(
          prepared.metrics,
          { ...prepared.shared, facet: facetIndex },
          {
            ...bootstrap,
            seed: (bootstrap.seed ^ hashText(`${stage}|${facet.column.name}|${f.valueOrThreshold}`)) >>> 0,
          },
        );
        const { na, nd } = facetSizes(facetIndex);
        return {
          valueOrThreshold: f.valueOrThreshold,
          metrics: metrics.map((m) => {
            const interval = intervals.get(m.name);
            return interval
              ? {
                  ...m,
                  uncertainty: {
                    ...interval,
                    confidence: bootstrap.confidence,
                    resamples: bootstrap.resamples,
                    groupSizes: { a: na, d: nd },
                  },
                }
              : m;
          }),
        };
      });
      byFacet.set(facet.column.name, entries);
    }
    return { label: label.name, facets: byFacet, labelValueOrThreshold };
  };
  return {
    version: '1.0',
    postTraining: stages.post_training ? runStage('post_training', stages.post_training) : undefined,
    preTraining: stages.pre_training ? runStage('pre_training', stages.pre_training) : undefined,
  };
}

/**
 * Scores turned into 0/1 labels as Clarify does with `probability_threshold`: a score greater than
 * the threshold is 1, else 0.
 *
 * @example
 * ```ts
 * thresholded({ name: 'p', dtype: 'float64', values: [0.2, 0.5, 0.9] }, 0.5).values; // [0, 0, 1]
 * ```
 */
export function thresholded(series: Series, threshold: number): Series {
  if (series.dtype !== 'float64' && series.dtype !== 'int64') return series;
  return {
    name: series.name,
    dtype: series.values.some((v) => v === null) ? 'float64' : 'int64',
    values: series.values.map((v) => (typeof v === 'number' ? (v > threshold ? 1 : 0) : v)),
  };
}
