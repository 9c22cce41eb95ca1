import { InputError, joinKey } from '@vigil/core';
import {
  analysisJson,
  parseAnalysisConfig,
  readBiasDataset,
  requestedMethods,
  runBiasAnalysis,
} from '@vigil/core/bias';
import { optionalString, requiredString } from '../args.ts';
import { defineCommand, helpText, UsageError } from '../command.ts';
import { readUserText } from '../user-files.ts';
import { BOOTSTRAP_OPTIONS, bootstrapOptions } from './bootstrap-options.ts';
import { outFolder } from './run-options.ts';

/** `vigil bias`: Clarify's bias analysis (pre- and post-training metrics) of a dataset. */
export const biasCommand = defineCommand({
  name: 'bias',
  usage:
    'bias --analysis-config FILE --dataset FILE --out DIR [--bootstrap [--resamples N] [--confidence C] [--seed S]]',
  options: {
    'analysis-config': 'string',
    dataset: 'string',
    out: 'string',
    ...BOOTSTRAP_OPTIONS,
  },
  details: helpText`
    --analysis-config  Clarify analysis_config.json, unchanged: label, label_values_or_threshold, facet,
                       group_variable, predicted_label / probability_threshold, excluded_columns, headers,
                       methods.pre_training_bias / methods.post_training_bias ("all" or a list).
    --dataset          The dataset: text/csv (with or without a header row) or application/jsonlines;
                       default: dataset_uri of the analysis config.
                       Post-training metrics read the predictions from the predicted_label column.
    --out              Folder to write analysis.json to (local path or s3:// URI).
    --bootstrap        Beyond Clarify: a percentile bootstrap interval and the group sizes next to each
                       metric (--resamples 500, --confidence 0.95, --seed 1; FlipTest has none).
  `,
  async run(args, io) {
    const configPath = requiredString(args, 'analysis-config');
    const out = outFolder(args, io);
    const config = parseAnalysisConfig(
      await readUserText('--analysis-config', configPath, io.cwd),
      configPath,
    );
    const datasetPath = optionalString(args, 'dataset') ?? config.dataset_uri;
    if (!datasetPath) throw new UsageError('--dataset is required (or dataset_uri in the analysis config)');
    const dataset = readBiasDataset(await readUserText('--dataset', datasetPath, io.cwd), config);
    for (const skipped of dataset.skipped)
      io.stderr(`Skipped ${skipped.count} row(s): ${skipped.reason} (${skipped.examples?.join('; ')})`);
    const analysis = runBiasAnalysis(config, dataset, { bootstrap: bootstrapOptions(args) });
    // Without a bias stage the analysis.json would be empty, and a baseline that checks nothing.
    if (!requestedMethods(config, 'pre_training') && !requestedMethods(config, 'post_training')) {
      throw new InputError(
        `${configPath} asks for no bias metric: add methods.pre_training_bias and/or ` +
          'methods.post_training_bias, e.g. {"post_training_bias": {"methods": "all"}}',
      );
    }
    const key = joinKey(out.key, 'analysis.json');
    await out.store.put(key, analysisJson(analysis), 'application/json');
    for (const [stageName, stage] of [
      ['Pre-training', analysis.preTraining],
      ['Post-training', analysis.postTraining],
    ] as const) {
      for (const [facet, entries] of stage?.facets ?? []) {
        for (const entry of entries) {
          const failed = entry.metrics.filter((m) => m.value === null).length;
          io.stdout(
            `${stageName} ${facet}=${entry.valueOrThreshold}: ${entry.metrics.length - failed} metrics` +
              (failed > 0 ? `, ${failed} failed (see "error" in analysis.json)` : ''),
          );
        }
      }
    }
    io.stdout(`Analysed ${dataset.rowCount} rows: ${out.store.location.replace(/\/$/, '')}/${key}`);
    return 0;
  },
});
