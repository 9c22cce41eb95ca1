import { httpModelInvoker, SageMakerInvoker } from '@vigil/aws';
import type { ModelInvoker } from '@vigil/core';
import { explainDataset, type ModelFormat, modelFormatFor, parseAnalysisConfig } from '@vigil/core/explain';
import { optionalName, optionalString, requiredString } from '../args.ts';
import { type CliIO, type CommandArgs, defineCommand, helpText, UsageError } from '../command.ts';
import { readUserText } from '../user-files.ts';
import { outFolder } from './run-options.ts';

/**
 * `vigil explain`: a Clarify explainability job on a data set, against a model served over HTTP
 * (SageMaker's container contract) or a SageMaker endpoint.
 */
export const explainCommand = defineCommand({
  name: 'explain',
  usage: 'explain --analysis-config FILE --dataset FILE [--model URL | --endpoint NAME] --out DIR',
  options: {
    'analysis-config': 'string',
    dataset: 'string',
    model: 'string',
    endpoint: 'string',
    out: 'string',
  },
  details: helpText`
    --analysis-config  Clarify analysis_config.json: headers, label, methods.shap, predictor.
    --dataset          CSV or JSON Lines data set (dataset_type); label and excluded columns are dropped.
    --model            URL of a server with POST /invocations (SageMaker container contract).
    --endpoint         SageMaker endpoint to call; default predictor.endpoint_name.
    --out              Folder for analysis.json and explanations_shap/out.csv.

    Example: vigil explain --analysis-config analysis_config.json --dataset train.csv --model http://127.0.0.1:8080 --out out/
  `,
  async run(args, io) {
    const configText = await readUserText(
      '--analysis-config',
      requiredString(args, 'analysis-config'),
      io.cwd,
    );
    const datasetText = await readUserText('--dataset', requiredString(args, 'dataset'), io.cwd);
    const out = outFolder(args, io);
    const config = parseAnalysisConfig(configText, requiredString(args, 'analysis-config'));
    const invoker = modelInvokerFor(
      args,
      modelFormatFor(config.predictor, config.dataset_type),
      config.predictor.endpoint_name,
    );
    const result = await explainDataset(
      { invoker, log: cliLog(io) },
      {
        analysisConfigText: configText,
        datasetText,
        readText: (location) => readUserText('the analysis config names', location, io.cwd),
        onPlan: (_plan, summary) => io.stdout(summary),
      },
    );
    const folder = out.key === '' || out.key.endsWith('/') ? out.key : `${out.key}/`;
    await out.store.put(`${folder}analysis.json`, result.analysisJson, 'application/json');
    if (result.localShapCsv !== undefined) {
      await out.store.put(`${folder}explanations_shap/out.csv`, result.localShapCsv, 'text/csv');
    }
    for (const [reason, count] of Object.entries(result.skipped)) {
      io.stderr(`Skipped ${count} data set rows: ${reason}`);
    }
    for (const entry of result.explanation.perLabel) {
      const top = Object.entries(entry.globalShapValues)
        .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
        .slice(0, 5)
        .map(([name, value]) => `${name}=${value.toPrecision(4)}`);
      io.stdout(
        `${entry.label}: expected value ${entry.expectedValue.toPrecision(6)}; top features ${top.join(', ')}`,
      );
    }
    io.stdout(`Wrote ${out.store.location.replace(/\/$/, '')}/${folder}analysis.json`);
    return 0;
  },
});

/**
 * The model a command calls: `--model URL` (HTTP container contract), `--endpoint NAME` or the
 * config's endpoint name (SageMaker Runtime).
 */
export function modelInvokerFor(
  args: CommandArgs,
  format: ModelFormat,
  configuredEndpoint?: string,
): ModelInvoker {
  const url = optionalString(args, 'model');
  const endpoint = optionalName(args, 'endpoint');
  if (url && endpoint) throw new UsageError('give either --model or --endpoint, not both');
  if (url) {
    if (!/^https?:\/\//.test(url)) throw new UsageError(`--model must be an http(s) URL, got "${url}"`);
    return httpModelInvoker({ url, format });
  }
  const name = endpoint ?? configuredEndpoint;
  if (!name) {
    throw new UsageError(
      'name the model: --model URL, --endpoint NAME, or predictor.endpoint_name in the analysis config',
    );
  }
  return new SageMakerInvoker({ endpointName: name, format });
}

function cliLog(io: CliIO) {
  return {
    debug() {},
    info() {},
    warn: (message: string) => io.stderr(message),
    error: (message: string) => io.stderr(message),
  };
}
