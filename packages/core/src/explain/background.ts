import { InputError } from '../errors/vigil-error.ts';
import type { ModelRecord, ModelValue } from '../ports/model-invoker.ts';
import type { ShapSettings } from './analysis-config.ts';
import { toModelValue } from './dataset.ts';
import { evaluatePath } from './json-path.ts';
import type { Background } from './kernel-shap.ts';
import { kmeansBackground } from './kmeans.ts';
import { splitCsv } from './model-codec.ts';

export interface BackgroundSources {
  /** Reads the text of a baseline file named by URI or path (`methods.shap.baseline` as a string). */
  readText?: (location: string) => Promise<string>;
  /** JMESPath of the feature array in JSON baseline rows (the config's `features`). */
  featuresPath?: string;
}

/**
 * The background of an explanation: the configured baseline rows (in place, as objects with the
 * `features` path, or a CSV file by URI), else a k-means summary of `data` with `num_clusters`
 * clusters, as Clarify does when no baseline is given.
 *
 * @example
 * ```ts
 * await resolveBackground({ ...settings, baseline: [[0, 0, 1]] }, data, 3); // { rows: [[0, 0, 1]] }
 * ```
 */
export async function resolveBackground(
  settings: ShapSettings,
  data: readonly ModelRecord[],
  featureCount: number,
  sources: BackgroundSources = {},
): Promise<Background> {
  const baseline = settings.baseline;
  let rows: ModelRecord[];
  if (baseline === undefined) {
    if (data.length === 0)
      throw new InputError('No records to summarize as a SHAP baseline: give methods.shap.baseline');
    return kmeansBackground(data, { clusters: settings.numClusters, seed: settings.seed });
  }
  if (typeof baseline === 'string') {
    if (!sources.readText) {
      throw new InputError(
        `methods.shap.baseline names a file (${baseline}) that cannot be read here: give the rows in place`,
      );
    }
    const text = await sources.readText(baseline);
    rows = text
      .split(/\r?\n/)
      .filter((line) => line.trim().length > 0)
      .map(splitCsv)
      .filter(
        (cells) => cells.some((c) => typeof toModelValue(c) === 'number') || cells.length === featureCount,
      )
      .map((cells) => cells.map((c) => toModelValue(c) ?? Number.NaN));
  } else if (Array.isArray(baseline)) {
    rows = baseline.map((row) => baselineRow(row, sources.featuresPath));
  } else {
    rows = [baselineRow(baseline, sources.featuresPath)];
  }
  const bad = rows.findIndex((row) => row.length !== featureCount);
  if (bad >= 0) {
    throw new InputError(
      `methods.shap.baseline row ${bad + 1} has ${rows[bad]!.length} values for ${featureCount} features: give feature values only`,
    );
  }
  return { rows };
}

function baselineRow(row: unknown, featuresPath = 'features'): ModelValue[] {
  const values = Array.isArray(row) ? row : evaluatePath(row, featuresPath);
  if (!Array.isArray(values)) {
    throw new InputError(
      `A methods.shap.baseline row has no "${featuresPath}" array: give rows as arrays of feature values`,
    );
  }
  return values.map((v) => toModelValue(v) ?? Number.NaN);
}
