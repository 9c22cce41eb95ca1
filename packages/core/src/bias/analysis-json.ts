import { BaselineValidationError, InputError } from '../errors/vigil-error.ts';
import type { JsonOut } from '../json/jackson.ts';
import { parseJson } from '../json/parse-json.ts';
import { toPythonJson } from '../json/python-json.ts';
import { validateDocument } from '../validation/validate-document.ts';
import { biasAnalysisJsonSchema } from './analysis-json-schema.ts';
import type { MetricNumber } from './divide.ts';

const FIX = 'point to the analysis.json a bias job wrote (`vigil bias`), or fix that field';

/** Beyond Clarify: a bootstrap interval and the group sizes of one metric (written only when enabled). */
export interface MetricUncertainty {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  readonly resamples: number;
  /** n_a and n_d of the window. */
  readonly groupSizes: { readonly a: number; readonly d: number };
}

/** One metric of analysis.json. */
export interface AnalysisMetric {
  readonly name: string;
  readonly description: string;
  /** ±Infinity is written as the strings "Infinity" / "-Infinity", as Clarify does. */
  readonly value: MetricNumber | null;
  readonly error?: string;
  readonly uncertainty?: MetricUncertainty;
}

/** One facet value (or threshold) of analysis.json. */
export interface AnalysisFacetEntry {
  readonly valueOrThreshold: string;
  readonly metrics: readonly AnalysisMetric[];
}

/** `pre_training_bias_metrics` or `post_training_bias_metrics`. */
export interface AnalysisStage {
  readonly label: string;
  readonly facets: ReadonlyMap<string, readonly AnalysisFacetEntry[]>;
  readonly labelValueOrThreshold: string;
}

/** A Clarify bias analysis.json: the output of `vigil bias`, and the bias monitor's baseline. */
export interface BiasAnalysis {
  readonly version: string;
  readonly postTraining?: AnalysisStage;
  readonly preTraining?: AnalysisStage;
  /** Other top-level fields (`explanations`, …), kept as read. */
  readonly other?: Readonly<Record<string, JsonOut>>;
}

/**
 * Writes analysis.json as Clarify does (`json.dump`, indent 4): `version`, then post- and
 * pre-training metrics (the key order of real Clarify output), metrics with `value: null` plus
 * `error` when they failed, infinities as strings.
 *
 * @example
 * ```ts
 * analysisJson({ version: '1.0' }); // '{\n    "version": "1.0"\n}'
 * ```
 */
export function analysisJson(analysis: BiasAnalysis): string {
  return toPythonJson(analysisDocument(analysis));
}

/**
 * The JSON document of {@link analysisJson}.
 *
 * @example
 * ```ts
 * toPythonJson(analysisDocument(analysis)) === analysisJson(analysis); // true
 * ```
 */
export function analysisDocument(analysis: BiasAnalysis): JsonOut {
  return {
    version: analysis.version,
    post_training_bias_metrics: analysis.postTraining && stageDocument(analysis.postTraining),
    pre_training_bias_metrics: analysis.preTraining && stageDocument(analysis.preTraining),
    ...analysis.other,
  };
}

function stageDocument(stage: AnalysisStage): JsonOut {
  const facets: Record<string, JsonOut> = {};
  for (const [name, entries] of stage.facets)
    facets[name] = entries.map((e) => ({
      value_or_threshold: e.valueOrThreshold,
      metrics: e.metrics.map(metricDocument),
    }));
  return { label: stage.label, facets, label_value_or_threshold: stage.labelValueOrThreshold };
}

// Clarify's inf_as_str: ±infinity as the strings "Infinity" / "-Infinity".
function infinityAsText(value: MetricNumber | null): JsonOut {
  if (typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value))
    return value > 0 ? 'Infinity' : '-Infinity';
  return value;
}

function numberOf(value: JsonOut | undefined): number | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}

function metricDocument(m: AnalysisMetric): JsonOut {
  const u = m.uncertainty;
  return {
    name: m.name,
    description: m.description,
    value: infinityAsText(m.value),
    error: m.error,
    confidence_interval: u && {
      lower: infinityAsText(u.lower),
      upper: infinityAsText(u.upper),
      confidence: u.confidence,
      resamples: BigInt(u.resamples),
    },
    group_sizes: u && { a: BigInt(u.groupSizes.a), d: BigInt(u.groupSizes.d) },
  };
}

/**
 * Reads a Clarify bias analysis.json (a baseline, or a previous run). Tolerates missing stages and
 * extra fields; throws `InputError` when the file is not an analysis.json, and
 * BaselineValidationError naming the field when a stage, facet or metric has the wrong type.
 *
 * @example
 * ```ts
 * const baseline = parseAnalysisJson(text);
 * baseline.preTraining?.facets.get('customer_gender_female')?.[0]?.metrics[0]?.name; // 'CDDL'
 * ```
 */
export function parseAnalysisJson(text: string, source = 'analysis.json'): BiasAnalysis {
  let doc: JsonOut;
  try {
    doc = parseJson(text, { integersAsBigInt: true });
  } catch (error) {
    throw new BaselineValidationError(`${source} is not valid JSON (${(error as Error).message}): ${FIX}`, {
      cause: error,
      file: source,
      path: '',
    });
  }
  if (!isObject(doc)) throw notAnalysis(source, 'the top level is not an object');
  validateDocument(biasAnalysisJsonSchema, doc, { file: source, fix: FIX });
  const { version, post_training_bias_metrics, pre_training_bias_metrics, ...other } = doc;
  return {
    version: typeof version === 'string' ? version : '1.0',
    postTraining:
      post_training_bias_metrics === undefined ? undefined : parseStage(post_training_bias_metrics, source),
    preTraining:
      pre_training_bias_metrics === undefined ? undefined : parseStage(pre_training_bias_metrics, source),
    other: Object.keys(other).length > 0 ? (other as Record<string, JsonOut>) : undefined,
  };
}

function parseStage(doc: JsonOut, source: string): AnalysisStage {
  if (!isObject(doc) || !isObject(doc['facets']))
    throw notAnalysis(source, 'a bias stage has no "facets" object');
  const facets = new Map<string, AnalysisFacetEntry[]>();
  for (const [name, entries] of Object.entries(doc['facets'])) {
    if (!Array.isArray(entries)) throw notAnalysis(source, `facet "${name}" is not a list`);
    facets.set(
      name,
      entries.map((entry: JsonOut) => {
        if (!isObject(entry) || !Array.isArray(entry['metrics']))
          throw notAnalysis(source, `an entry of facet "${name}" has no "metrics" list`);
        return {
          valueOrThreshold: text(entry['value_or_threshold']),
          metrics: entry['metrics'].map(parseMetric),
        };
      }),
    );
  }
  return {
    label: text(doc['label']),
    facets,
    labelValueOrThreshold: text(doc['label_value_or_threshold']),
  };
}

function parseMetric(doc: JsonOut): AnalysisMetric {
  const m = isObject(doc) ? doc : {};
  const raw = m['value'];
  let value: MetricNumber | null = null;
  if (typeof raw === 'number' || typeof raw === 'bigint') value = raw;
  else if (raw === 'Infinity') value = Number.POSITIVE_INFINITY;
  else if (raw === '-Infinity') value = Number.NEGATIVE_INFINITY;
  else if (raw === 'NaN') value = Number.NaN;
  return {
    name: text(m['name']),
    description: text(m['description']),
    value,
    error: typeof m['error'] === 'string' ? m['error'] : undefined,
    uncertainty: parseUncertainty(m['confidence_interval'], m['group_sizes']),
  };
}

// Vigil's bootstrap fields, when a run wrote them.
function parseUncertainty(
  interval: JsonOut | undefined,
  sizes: JsonOut | undefined,
): MetricUncertainty | undefined {
  if (!isObject(interval) || !isObject(sizes)) return undefined;
  const lower = numberOf(interval['lower']);
  const upper = numberOf(interval['upper']);
  const confidence = numberOf(interval['confidence']);
  const resamples = numberOf(interval['resamples']);
  const a = numberOf(sizes['a']);
  const d = numberOf(sizes['d']);
  if ([lower, upper, confidence, resamples, a, d].some((x) => x === undefined)) return undefined;
  return {
    lower: lower!,
    upper: upper!,
    confidence: confidence!,
    resamples: resamples!,
    groupSizes: { a: a!, d: d! },
  };
}

function text(value: JsonOut | undefined): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

function isObject(value: JsonOut | undefined): value is Record<string, JsonOut> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function notAnalysis(source: string, why: string): InputError {
  return new InputError(
    `${source} is not a Clarify bias analysis.json (${why}): point to the analysis.json a bias job wrote`,
  );
}
