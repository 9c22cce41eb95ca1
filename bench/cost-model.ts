// What monitoring one endpoint costs for a month on Lambda, from the load test's measured CPU per
// profile and per monitor run, next to SageMaker Model Monitor's four hourly schedules. Prices are
// on-demand us-east-1 list prices as AWS's pricing pages state them (see PRICES); every figure that
// is an assumption rather than a measurement is named in ASSUMPTIONS and printed with the result.
import { FUNCTIONS } from '../infra/wiring/functions.ts';

/** List prices, us-east-1, on demand (USD). */
export const PRICES = {
  /** aws.amazon.com/lambda/pricing: per request, and per GB-second on arm64 (first tier). */
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  /** aws.amazon.com/s3/pricing, S3 Standard: PUT/COPY/POST/LIST and GET, per request. */
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  /** aws.amazon.com/cloudwatch/pricing: per custom metric-month (first 10,000), per PutMetricData call, per GB of logs ingested. */
  cloudWatchMetricMonth: 0.3,
  cloudWatchPutMetricData: 0.01 / 1000,
  cloudWatchLogsGb: 0.5,
  /** aws.amazon.com/eventbridge/pricing: custom events and Scheduler invocations, per million. */
  eventBridgeEvent: 1 / 1e6,
  schedulerInvocation: 1 / 1e6,
  /** aws.amazon.com/step-functions/pricing, Standard workflows: per state transition. */
  stepFunctionsTransition: 0.025 / 1000,
  /** aws.amazon.com/sagemaker/pricing, Processing (what Model Monitor schedules run on): ml.m5.xlarge per hour. */
  sageMakerProcessingM5XlargeHour: 0.23,
} as const;

/** The figures that are assumed, not measured: change them here, the README quotes them. */
export const ASSUMPTIONS = {
  hoursPerMonth: 730,
  monitorsPerEndpoint: 4,
  /** Wall time a handler spends waiting on S3 per call, on top of its CPU time. */
  s3RoundTripMs: 15,
  /** Model, bias and attribution runs are costed like the measured data-quality run. */
  otherMonitorsLikeDataQuality: true,
  /** Metric series of the other three monitors per endpoint (model quality ~12 metrics, bias ~20, attribution 1 + features). */
  otherMonitorMetricSeries: 12 + 20 + 21,
  /** Log bytes per invocation (Powertools JSON lines: start, summary, metrics EMF line). */
  logBytesPerInvocation: 1500,
  /** Minutes SageMaker bills per monitoring execution (instance start, container, analysis, upload). */
  sageMakerMinutesPerExecution: 8,
} as const;

/** The measured inputs: per file and per monitor run, from `runLoadTest`. */
export interface MeasuredCosts {
  cpuMsPerProfile: number;
  cpuMsPerMonitorRun: number;
  /** Capture files per endpoint-hour the monitor-run figure was measured at. */
  filesPerEndpointHourMeasured: number;
  metricSeriesPerEndpoint: number;
  bytesPerFile: number;
}

/** One line of the bill. */
export interface CostLine {
  item: string;
  usd: number;
}

function memoryGb(name: keyof typeof FUNCTIONS): number {
  return Number.parseInt(FUNCTIONS[name].memory, 10) / 1024;
}

/**
 * The monthly cost of monitoring one endpoint that writes `filesPerHour` capture files, on Vigil
 * (Lambda, S3, CloudWatch, EventBridge).
 *
 * @example
 * ```ts
 * vigilEndpointMonth(measured, 60).reduce((sum, line) => sum + line.usd, 0); // USD per endpoint-month
 * ```
 */
export function vigilEndpointMonth(m: MeasuredCosts, filesPerHour: number): CostLine[] {
  const a = ASSUMPTIONS;
  const files = filesPerHour * a.hoursPerMonth;
  const runs = a.monitorsPerEndpoint * a.hoursPerMonth;
  const profileSeconds = (m.cpuMsPerProfile + 3 * a.s3RoundTripMs) / 1000;
  // A run's work grows with the files it merges; at least the measured run's fixed part (baseline, reports).
  const runCpuMs = Math.max(200, (m.cpuMsPerMonitorRun * filesPerHour) / m.filesPerEndpointHourMeasured);
  const runSeconds = (runCpuMs + 8 * a.s3RoundTripMs) / 1000;
  const series = m.metricSeriesPerEndpoint + a.otherMonitorMetricSeries;
  const invocations = files + runs;
  return [
    { item: 'Lambda requests', usd: invocations * PRICES.lambdaRequest },
    {
      item: 'Lambda duration, profile-capture',
      usd: files * profileSeconds * memoryGb('profile-capture') * PRICES.lambdaGbSecondArm,
    },
    {
      item: 'Lambda duration, monitors',
      usd: runs * runSeconds * memoryGb('monitor-data-quality') * PRICES.lambdaGbSecondArm,
    },
    // Per file: GET the capture, PUT profile and extract. Per run: GET each file's profile (or
    // extract, or capture), LIST, GET two baseline files, PUT reports and the run record.
    {
      item: 'S3 requests',
      usd: (files + runs * filesPerHour + 2 * runs) * PRICES.s3Get + (2 * files + 6 * runs) * PRICES.s3Put,
    },
    {
      item: 'CloudWatch metrics',
      usd: series * PRICES.cloudWatchMetricMonth + runs * PRICES.cloudWatchPutMetricData,
    },
    {
      item: 'CloudWatch Logs',
      usd: ((invocations * a.logBytesPerInvocation) / 1e9) * PRICES.cloudWatchLogsGb,
    },
    {
      item: 'EventBridge (run events, schedules)',
      usd: runs * (PRICES.eventBridgeEvent + PRICES.schedulerInvocation),
    },
  ];
}

/**
 * SageMaker Model Monitor's equivalent: four hourly monitoring schedules (data quality, model
 * quality, bias, attribution), each execution a processing job on one ml.m5.xlarge, and the same
 * CloudWatch metrics, which SageMaker publishes too.
 *
 * @example
 * ```ts
 * sageMakerEndpointMonth(measured)[0]?.usd; // ≈ 89.7 at 8 billed minutes per execution
 * ```
 */
export function sageMakerEndpointMonth(m: MeasuredCosts): CostLine[] {
  const a = ASSUMPTIONS;
  const executions = a.monitorsPerEndpoint * a.hoursPerMonth;
  return [
    {
      item: `Processing jobs, ml.m5.xlarge, ${a.sageMakerMinutesPerExecution} min each`,
      usd: executions * (a.sageMakerMinutesPerExecution / 60) * PRICES.sageMakerProcessingM5XlargeHour,
    },
    {
      item: 'CloudWatch metrics',
      usd:
        (m.metricSeriesPerEndpoint + a.otherMonitorMetricSeries) * PRICES.cloudWatchMetricMonth +
        executions * PRICES.cloudWatchPutMetricData,
    },
  ];
}

/** Backfilling one endpoint-month on Step Functions: one Distributed Map item per capture file, then the runs. */
export function backfillEndpointMonth(m: MeasuredCosts, filesPerHour: number): CostLine[] {
  const live = vigilEndpointMonth(m, filesPerHour);
  const compute = live
    .filter((line) => line.item.startsWith('Lambda') || line.item === 'S3 requests')
    .reduce((sum, line) => sum + line.usd, 0);
  const files = filesPerHour * ASSUMPTIONS.hoursPerMonth;
  const runs = ASSUMPTIONS.monitorsPerEndpoint * ASSUMPTIONS.hoursPerMonth;
  // About three transitions per map item (start, task, end) and four per monitor window.
  return [
    { item: 'Lambda and S3 (as live)', usd: compute },
    { item: 'Step Functions transitions', usd: (3 * files + 4 * runs) * PRICES.stepFunctionsTransition },
  ];
}

const total = (lines: readonly CostLine[]) => lines.reduce((sum, line) => sum + line.usd, 0);

/** The lines `npm run bench` prints: a typical and a heavy endpoint, and SageMaker's bill. */
export function formatCostModel(m: MeasuredCosts): string[] {
  const usd = (x: number) => `$${x < 10 ? x.toFixed(2) : x.toFixed(0)}`;
  const sageMaker = sageMakerEndpointMonth(m);
  const lines = [
    'Cost per endpoint-month (us-east-1 list prices; measured CPU per file and run from the load test; assumptions in bench/cost-model.ts):',
  ];
  for (const [label, filesPerHour] of [
    ['typical, 60 capture files an hour', 60],
    [
      `heavy, ${Math.round(m.filesPerEndpointHourMeasured).toLocaleString('en')} files an hour (the load test's rate)`,
      m.filesPerEndpointHourMeasured,
    ],
  ] as const) {
    const bill = vigilEndpointMonth(m, filesPerHour);
    lines.push(
      `  Vigil, ${label}: ${usd(total(bill))}  (${bill.map((line) => `${line.item} ${usd(line.usd)}`).join(', ')})`,
    );
    lines.push(`    a backfill of such a month: ${usd(total(backfillEndpointMonth(m, filesPerHour)))}`);
  }
  lines.push(
    `  SageMaker Model Monitor, four hourly schedules: ${usd(total(sageMaker))}  (${sageMaker.map((line) => `${line.item} ${usd(line.usd)}`).join(', ')})`,
  );
  return lines;
}
