// One benchmark task, run in its own process by measure.ts so that peak memory is its own.
// Prints one JSON line: { task, units, ms, peakMb, extra }.
import * as nodeBuffer from 'node:buffer';
import { createReadStream, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { httpModelInvoker } from '@vigil/aws';
import { asciiDecoderFromNodeBuffer, provideAsciiDecoder, SkippedInputTally } from '@vigil/core';
import type { CaptureRecord } from '@vigil/core/capture';
import {
  createDataQualityBaseline,
  DRIFT_METHODS,
  evaluateDrift,
  parseConstraintsFile,
  parseStatisticsFile,
  profileCaptureChunks,
} from '@vigil/core/dataquality';
import { functionInvoker, measureShapThroughput } from '@vigil/core/explain';
import type { GroundTruthLabel } from '@vigil/core/groundtruth';
import { mergeAndMeasure } from '@vigil/core/modelquality';
import { ProfileBuilder } from '@vigil/core/profile';
import { serveModel } from '@vigil/local';
import { readAndParseLines } from './floor.ts';
import { seededRandom } from './generate-capture.ts';

/** Profiles one capture file as profile-capture does, read in 1 MiB chunks. */
async function profileCaptureFile(path: string, names: string[], outputColumns: 'START' | 'NONE') {
  const builder = new ProfileBuilder(names);
  const tally = new SkippedInputTally();
  const counts = await profileCaptureChunks(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    path,
    builder,
    { outputColumns, tally },
  );
  return { counts, profile: builder.build(), tally };
}

type Task = () => Promise<{ units: number; extra?: Record<string, number | string> }>;

const [taskName = '', ...args] = process.argv.slice(2);

const tasks: Record<string, Task> = {
  async floor() {
    return { units: await readAndParseLines(args[0] ?? '') };
  },

  async profile() {
    const { counts, profile, tally } = await profileCaptureFile(args[0] ?? '', [], 'START');
    return { units: counts.records, extra: { columns: profile.columns.length, skipped: tally.total } };
  },

  async baselineDrift() {
    // args: reference CSV, folder for statistics.json and constraints.json
    const [csv = '', folder = ''] = args;
    const files = await createDataQualityBaseline(createReadStream(csv, { highWaterMark: 1 << 20 }), {
      format: 'csv',
      header: true,
    });
    await writeFile(`${folder}statistics.json`, files.statistics);
    await writeFile(`${folder}constraints.json`, files.constraints);
    return { units: files.profile.itemCount };
  },

  async profileDrift() {
    // args: capture file, baseline folder. Profiling is what is timed; the verdicts follow it.
    const [path = '', folder = ''] = args;
    const statistics = parseStatisticsFile(readFileSync(`${folder}statistics.json`, 'utf8'));
    const constraints = parseConstraintsFile(readFileSync(`${folder}constraints.json`, 'utf8'));
    const names = constraints.features.map((f) => f.name);
    const { counts, profile, tally } = await profileCaptureFile(path, names, 'NONE');
    const profiledMs = performance.now() - started;
    const extra: Record<string, number | string> = {
      profileMs: profiledMs,
      types: profile.columns.map((c) => c.inferredType).join(','),
      skipped: tally.total,
    };
    const baseline = { statistics, constraints };
    for (const method of DRIFT_METHODS.filter((m) => m.types.includes('numerical'))) {
      const report = evaluateDrift(profile, baseline, names, { numerical: { method: method.name } });
      extra[`drifted:${method.name}`] = report.drifted_features.join(',');
      extra[`values:${method.name}`] = names
        .map((n) => report.features[n]?.value ?? Number.NaN)
        .map((v) => v.toPrecision(3))
        .join(',');
    }
    extra.driftMs = performance.now() - started - profiledMs;
    return { units: counts.records, extra };
  },

  async mergeFloor() {
    const { records, labels } = mergeInputs(Number(args[0]));
    // The floor of a join: a hand-written hash join of the same ids, nothing else.
    const byId = new Map<string, string>();
    for (const label of labels) byId.set(label.id, String(label.values[0]));
    let matched = 0;
    for (const record of records) if (byId.has(record.inferenceId ?? record.eventId)) matched++;
    return { units: matched };
  },

  async merge() {
    const { records, labels } = mergeInputs(Number(args[0]));
    const { merge, statistics } = mergeAndMeasure(records, labels, 'BinaryClassification', {
      probabilityAttribute: '0',
      probabilityThreshold: 0.5,
    });
    const accuracy = statistics.metrics.accuracy?.value ?? Number.NaN;
    return { units: merge.matched, extra: { accuracy } };
  },

  async shapInProcess() {
    const { model, records, background } = shapInputs();
    const result = await measureShapThroughput(functionInvoker(model), records, background, { seed: 1 });
    return { units: result.shapValues, extra: { rowsScored: result.rowsScored } };
  },

  async shapHttp() {
    const { model, records, background } = shapInputs();
    const server = await serveModel(model);
    try {
      const invoker = httpModelInvoker({ url: server.url });
      const result = await measureShapThroughput(invoker, records, background, { seed: 1 });
      return { units: result.shapValues, extra: { rowsScored: result.rowsScored } };
    } finally {
      await server.close();
    }
  },
};

function mergeInputs(count: number): { records: CaptureRecord[]; labels: GroundTruthLabel[] } {
  const random = seededRandom(7);
  const records: CaptureRecord[] = [];
  const labels: GroundTruthLabel[] = [];
  for (let i = 0; i < count; i++) {
    const id = `inference-${i}`;
    const score = random();
    records.push({
      eventId: `event-${i}`,
      inferenceId: id,
      inferenceTime: '2024-05-01T13:00:00Z',
      inputs: [[1, 2, 3]],
      outputs: [[score]],
      source: { key: 'bench', line: i + 1 },
    });
    // Labels agree with the score 80% of the time; one in 50 predictions never gets a label.
    if (i % 50 !== 0) {
      const label = random() < 0.8 ? (score >= 0.5 ? 1 : 0) : score >= 0.5 ? 0 : 1;
      labels.push({ id, eventId: id, values: [label], source: { key: 'labels', line: i + 1 } });
    }
  }
  return { records, labels };
}

function shapInputs() {
  const random = seededRandom(11);
  const features = 12;
  const weights = Array.from({ length: features }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i + 1) * 0.1);
  const row = () => Array.from({ length: features }, () => random() * 4 - 2);
  const model = (record: readonly (number | string)[]) => {
    const z = record.reduce<number>((s, v, i) => s + Number(v) * (weights[i] ?? 0), 0);
    return 1 / (1 + Math.exp(-z));
  };
  return {
    model,
    records: Array.from({ length: 20 }, row),
    background: { rows: Array.from({ length: 5 }, row) },
  };
}

const task = tasks[taskName];
if (!task) {
  console.error(`unknown task "${taskName}"; known: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
// The ASCII decoding fast path the CLI and the Lambdas install at start-up.
provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
const started = performance.now();
const { units, extra } = await task();
const ms = performance.now() - started;
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ task: taskName, units, ms, peakMb, extra }));
