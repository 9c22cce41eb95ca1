// The event path under a real endpoint's load (issue 17): 10,000 capture files written within one
// simulated hour, on several endpoints, into an S3-protocol bucket (s3rver), through the local loop
// that `vigil dev` runs: "Object Created" on the local bus (one per object, as S3 sends them to
// EventBridge; `vigil dev`'s polling watcher is left out, it would only measure s3rver's listing)
// → profile-capture → the hourly data-quality monitors on the loop's schedules → metrics. It checks that no profile is lost or counted twice (a
// share of the events is delivered twice, as S3 may) and reports the capture-to-metric processing
// latency and the CPU per profile and per monitor run that the cost model uses.
// Run alone: `VIGIL_BENCH_ONLY=load npm run bench` (VIGIL_BENCH_LOAD_FILES=2000 for a shorter run).
import { createCipheriv, createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logger } from '@vigil/aws';
import { type Clock, type MonitoringExecutionDetail, parseConfig } from '@vigil/core';
import { createDataQualityBaseline } from '@vigil/core/dataquality';
import { type BusEvent, LOCAL_BUCKET, objectCreatedEvent } from '@vigil/local';
import { createLocalSystem } from '../packages/cli/src/dev/local-system.ts';
import { startS3rverBucket } from '../test/support/s3rver-store.ts';
import { formatG6, gaussian, WORKLOAD_COLUMNS, workloadRow } from './drift-workload.ts';
import { seededRandom } from './generate-capture.ts';

/** What the load test measured. */
export interface LoadTestResult {
  files: number;
  endpoints: number;
  records: number;
  bytes: number;
  /** Object Created events delivered twice on purpose (S3 delivers at least once). */
  duplicateEvents: number;
  profilesWritten: number;
  /** Records the monitors' runs counted, summed: equals `records` when nothing is lost or doubled. */
  recordsMonitored: number;
  runs: { endpoint: string; status: string; recordCount: number; ms: number }[];
  /** Capture written → its profile written, wall ms (the minute's files are handled one after another). */
  captureToProfileMs: number[];
  /** Capture written → the metrics of its hour published, counting processing only (not the wait for the hourly schedule). */
  captureToMetricMs: number[];
  /** Metric series one endpoint's data-quality run publishes (the most of any endpoint). */
  metricSeriesPerEndpoint: number;
  /** Mean records and bytes per capture file. */
  recordsPerFile: number;
  bytesPerFile: number;
  /** CPU ms per profiled file and per monitor run (this process, s3rver included). */
  cpuMsPerProfile: number;
  cpuMsPerMonitorRun: number;
  wallSeconds: number;
}

const HOUR = Date.parse('2024-05-01T13:00:00Z');
const ENDPOINTS = ['churn-model', 'fraud-score', 'price-elasticity', 'search-ranker'];

/**
 * s3rver signs its ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers through
 * its legacy provider; without it, listing more than 1,000 keys fails with an InternalError deep
 * in the run. Real S3 needs nothing of the kind: this is the test double's requirement.
 */
function requireDesForS3rver(): void {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
  } catch (cause) {
    throw new Error(
      'The load test lists more than 1,000 keys from s3rver, whose continuation tokens use DES. ' +
        "Run it with NODE_OPTIONS='--openssl-legacy-provider' (npm run bench sets it).",
      { cause },
    );
  }
}

/** Records per capture file: log-normal around 30 (data capture flushes by time and size), 1–400. */
function recordsPerFile(normal: () => number): number {
  return Math.max(1, Math.min(400, Math.round(30 * Math.exp(0.8 * normal()))));
}

function captureFile(normal: () => number, records: number, at: number, serial: number): string {
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    lines.push(
      JSON.stringify({
        captureData: {
          endpointInput: {
            observedContentType: 'text/csv',
            mode: 'INPUT',
            data: workloadRow(normal, false).map(formatG6).join(','),
            encoding: 'CSV',
          },
        },
        eventMetadata: {
          eventId: `${serial.toString(16).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
          inferenceTime: new Date(at + i * 50).toISOString().replace('.000Z', 'Z'),
        },
        eventVersion: '0',
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function referenceCsv(rows: number): string {
  const normal = gaussian(seededRandom(7));
  const lines = [WORKLOAD_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) lines.push(workloadRow(normal, false).map(formatG6).join(','));
  return `${lines.join('\n')}\n`;
}

async function* chunksOf(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** A clock the test moves by hand, as the demo does. */
function manualClock(start: number): Clock & { set(ms: number): void } {
  let now = start;
  return {
    now: () => new Date(now),
    set: (ms) => {
      now = ms;
    },
  };
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs the load test: `files` capture files spread over one simulated hour on four endpoints.
 *
 * @example
 * ```ts
 * console.log(formatLoadTest(await runLoadTest(10_000)).join('\n'));
 * ```
 */
export async function runLoadTest(files: number, duplicateShare = 0.01): Promise<LoadTestResult> {
  requireDesForS3rver();
  const started = performance.now();
  // The handlers' INFO lines would bury the figures; errors still show.
  logger.setLogLevel('ERROR');
  const s3 = await startS3rverBucket(LOCAL_BUCKET);
  const home = await mkdtemp(join(tmpdir(), 'vigil-load-'));
  try {
    const baseline = await createDataQualityBaseline(chunksOf(referenceCsv(20_000)), {
      format: 'csv',
      header: true,
    });
    await s3.store.put('baselines/data-quality/statistics.json', baseline.statistics, 'application/json');
    await s3.store.put('baselines/data-quality/constraints.json', baseline.constraints, 'application/json');
    const config = parseConfig({
      version: 1,
      endpoints: ENDPOINTS.map((name) => ({
        name,
        capture: 'capture',
        reports: 'reports',
        monitors: { dataQuality: { baseline: 'baselines/data-quality/', outputColumns: 'NONE' } },
      })),
    });
    // Built just after 13:00, so the one scheduled run per endpoint is 14:00's, over 13:00–14:00.
    const clock = manualClock(HOUR + 1000);
    const system = createLocalSystem({ config, cwd: home, home, clock, store: s3.store });
    const written = new Map<string, number>();
    const profiled = new Map<string, number>();
    const announced: BusEvent[] = [];
    // Subscribed after profile-capture, and the bus delivers in order: the file is profiled by now.
    system.bus.subscribe(
      'load-profiled',
      { source: ['aws.s3'], 'detail-type': ['Object Created'] },
      (event) => {
        const key = (event.detail as { object: { key: string } }).object.key;
        if (profiled.has(key)) return;
        profiled.set(key, performance.now());
        announced.push(event);
      },
    );
    // Every metric series (namespace, name, dimensions) the run publishes: what CloudWatch bills monthly.
    const series = new Map<string, Set<string>>();
    const publish = system.metrics.publish.bind(system.metrics);
    system.metrics.publish = async (data) => {
      for (const datum of data) {
        const endpoint = datum.dimensions.Endpoint ?? datum.dimensions.EndpointName ?? '';
        const set = series.get(endpoint) ?? new Set<string>();
        set.add(`${datum.namespace}|${datum.name}|${JSON.stringify(datum.dimensions)}`);
        series.set(endpoint, set);
      }
      return publish(data);
    };
    const runs: { detail: MonitoringExecutionDetail; at: number }[] = [];
    system.bus.subscribe(
      'load-runs',
      { source: ['vigil'], 'detail-type': ['Vigil Monitoring Execution'] },
      (event) => {
        runs.push({ detail: event.detail as MonitoringExecutionDetail, at: performance.now() });
      },
    );

    const uniform = seededRandom(17);
    const normal = gaussian(seededRandom(18));
    const recordsByEndpoint = new Map<string, number>(ENDPOINTS.map((e) => [e, 0]));
    let bytes = 0;
    let profileCpu = 0;
    const perMinute = Math.ceil(files / 60);
    let serial = 0;
    for (let minute = 0; minute < 60; minute++) {
      const batch = Math.min(perMinute, files - serial);
      const created: BusEvent[] = [];
      for (let i = 0; i < batch; i++, serial++) {
        const endpoint = ENDPOINTS[serial % ENDPOINTS.length] as string;
        const at = HOUR + minute * 60_000 + Math.floor(uniform() * 59_000);
        const records = recordsPerFile(normal);
        const stamp = new Date(at).toISOString().slice(11, 19).replaceAll(':', '-');
        const key = `capture/${endpoint}/AllTraffic/2024/05/01/13/${stamp}-${serial}.jsonl`;
        const body = captureFile(normal, records, at, serial);
        await s3.store.put(key, body, 'application/jsonlines');
        written.set(key, performance.now());
        created.push(
          objectCreatedEvent({
            bucket: LOCAL_BUCKET,
            key,
            size: Buffer.byteLength(body),
            etag: createHash('md5').update(body).digest('hex'),
            sequencer: (at * 1000 + (serial % 1000)).toString(16).toUpperCase().padStart(16, '0'),
            time: new Date(at),
          }),
        );
        recordsByEndpoint.set(endpoint, (recordsByEndpoint.get(endpoint) ?? 0) + records);
        bytes += body.length;
      }
      if (minute % 10 === 0) process.stderr.write(`  load test: minute ${minute}, ${serial} files written\n`);
      clock.set(HOUR + minute * 60_000 + 59_000);
      // S3 announces each new object to EventBridge, which invokes profile-capture: here the bus.
      const cpu = cpuMs();
      await system.bus.put(created);
      profileCpu += cpuMs() - cpu;
    }
    // A share of the events arrives a second time, as S3's at-least-once delivery allows.
    const cpu = cpuMs();
    const duplicates = announced.filter((_, i) => i % Math.round(1 / duplicateShare) === 0);
    await system.bus.put(duplicates);
    profileCpu += cpuMs() - cpu;

    const monitorStart = performance.now();
    const monitorCpu = cpuMs();
    await system.loop.runDueSchedules(new Date(HOUR + 65 * 60_000));
    const monitorCpuMs = cpuMs() - monitorCpu;

    let profilesWritten = 0;
    for await (const info of s3.store.list('profiles/capture/'))
      if (info.key.endsWith('.profile.json')) profilesWritten++;
    const runRows = runs.map((run, i) => ({
      endpoint: run.detail.endpointName,
      status: run.detail.status,
      recordCount: run.detail.recordCount,
      ms: run.at - (i === 0 ? monitorStart : (runs[i - 1]?.at ?? monitorStart)),
    }));
    const runMs = new Map(runRows.map((r) => [r.endpoint, r.ms]));
    const captureToProfileMs = [...written].map(([key, at]) => (profiled.get(key) ?? Number.NaN) - at);
    const captureToMetricMs = [...written].map(
      ([key, at]) =>
        (profiled.get(key) ?? Number.NaN) - at + (runMs.get(key.split('/')[1] as string) ?? Number.NaN),
    );
    return {
      files,
      endpoints: ENDPOINTS.length,
      records: [...recordsByEndpoint.values()].reduce((a, b) => a + b, 0),
      bytes,
      duplicateEvents: duplicates.length,
      profilesWritten,
      recordsMonitored: runRows.reduce((n, r) => n + r.recordCount, 0),
      runs: runRows,
      captureToProfileMs,
      captureToMetricMs,
      metricSeriesPerEndpoint: Math.max(0, ...[...series.values()].map((set) => set.size)),
      recordsPerFile: [...recordsByEndpoint.values()].reduce((a, b) => a + b, 0) / files,
      bytesPerFile: bytes / files,
      cpuMsPerProfile: profileCpu / (files + duplicates.length),
      cpuMsPerMonitorRun: monitorCpuMs / Math.max(1, runRows.length),
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await s3.stop();
    await rm(home, { recursive: true, force: true });
  }
}

/** The `p`-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** The lines `npm run bench` prints. */
export function formatLoadTest(r: LoadTestResult): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const dist = (values: number[]) =>
    `p50 ${s(percentile(values, 50))}, p95 ${s(percentile(values, 95))}, p99 ${s(percentile(values, 99))}, max ${s(Math.max(...values))}`;
  const lost = r.files - r.profilesWritten;
  const doubled = r.recordsMonitored - r.records;
  return [
    `Load: ${r.files.toLocaleString('en')} capture files in one simulated hour on ${r.endpoints} endpoints ` +
      `(${r.records.toLocaleString('en')} records, ${(r.bytes / 1e6).toFixed(0)} MB, s3rver bucket, local loop), ` +
      `${r.duplicateEvents} events delivered twice:`,
    `  profiles: ${r.profilesWritten.toLocaleString('en')} written, ${lost} lost; records monitored ${r.recordsMonitored.toLocaleString('en')} ` +
      `of ${r.records.toLocaleString('en')} written (${doubled === 0 ? '0 double-counted' : `${doubled} off`})`,
    `  monitor runs: ${r.runs.map((run) => `${run.endpoint} ${run.status} (${run.recordCount.toLocaleString('en')} records, ${s(run.ms)})`).join('; ')}`,
    `  capture → profile (processing, wall): ${dist(r.captureToProfileMs)}`,
    `  capture → metric (processing, without the wait for the hourly schedule): ${dist(r.captureToMetricMs)}  (target p99 < 60 s)`,
    `  CloudWatch: ${r.metricSeriesPerEndpoint} metric series per endpoint (20 features, data quality)`,
    `  CPU: ${r.cpuMsPerProfile.toFixed(1)} ms per capture file profiled, ${r.cpuMsPerMonitorRun.toFixed(0)} ms per monitor run; wall ${r.wallSeconds.toFixed(0)} s in all`,
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  console.log(
    formatLoadTest(await runLoadTest(Number(process.env.VIGIL_BENCH_LOAD_FILES ?? 10_000))).join('\n'),
  );
}
