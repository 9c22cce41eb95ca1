import { MONITOR_SPECS } from '@vigil/core';
import type { BackfillPlan } from '@vigil/core/backfill';
import { resourceName } from './names.ts';
import type { Permission } from './permissions.ts';

/** Where the backfill state machine writes the results of its map runs, in Vigil's bucket. */
export const BACKFILL_RESULTS_PREFIX = 'backfill/results/';

/** The Label of the Distributed Map that profiles one capture hour (DescribeMapRun names it). */
export const PROFILE_MAP_LABEL = 'ProfileHour';

/** The Label of the Distributed Map that runs the monitors, one child execution per monitor type. */
export const MONITOR_MAP_LABEL = 'MonitorRuns';

/**
 * Hours one execution may hold: a month. The hour loop adds about ten history events an hour and a
 * Standard execution keeps at most 25,000; the input (hour prefixes and run times) stays far below
 * Step Functions' 256 KB. A longer range runs as consecutive executions (`splitPlan`).
 */
export const BACKFILL_MAX_HOURS = 31 * 24;

/** Lambda's transient errors, retried with backoff before a file or run counts as failed. */
const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/** The deployed names the state machine's definition refers to. */
export interface BackfillDefinitionContext {
  account: string;
  region: string;
  /** Vigil's bucket: results of the map runs go to `backfill/results/` there. */
  bucket: string;
  /** The ARN of each function the machine invokes: profile-capture and the monitors. */
  functionArns: Record<string, string>;
  /** Capture files profiled at once (default 100): leaves Lambda concurrency to live traffic. */
  maxConcurrency?: number;
  /** Share of an hour's files that may fail before the backfill stops (default 5). */
  toleratedFailurePercentage?: number;
}

/** The input of one execution, as `vigil backfill --aws` starts it. */
export interface BackfillExecutionInput {
  /** The bucket the capture lives in. */
  bucket: string;
  /** Capture hour prefixes, oldest first. */
  hours: string[];
  hourCount: number;
  /** Per monitor type, its runs oldest first. */
  monitors: { function: string; runs: { endpoint: string; scheduledTime: string; backfill: true }[] }[];
}

/**
 * The input of the backfill state machine for a plan: the capture bucket, the hour prefixes, and
 * the monitor runs grouped by monitor in the plan's order.
 *
 * @example
 * ```ts
 * backfillExecutionInput(plan, 'my-capture-bucket');
 * // { bucket: 'my-capture-bucket', hours: ['capture/ep/AllTraffic/2024/05/01/00/', …], hourCount: 24, monitors: [{ function: 'monitor-data-quality', runs: [...] }] }
 * ```
 */
export function backfillExecutionInput(plan: BackfillPlan, bucket: string): BackfillExecutionInput {
  const monitors = plan.monitors.map((monitor) => {
    const runs = plan.runs.filter((run) => run.monitor === monitor);
    return {
      function: runs[0]?.function ?? monitor,
      runs: runs.map((run) => ({
        endpoint: run.endpoint,
        scheduledTime: run.scheduledTime.toISOString(),
        backfill: true as const,
      })),
    };
  });
  return {
    bucket,
    hours: plan.captureHours.map((h) => h.prefix),
    hourCount: plan.captureHours.length,
    monitors: monitors.filter((m) => m.runs.length > 0),
  };
}

/**
 * The Amazon States Language definition of the backfill state machine, as plain data:
 *
 * 1. An hour loop over `$.hours`: for each capture hour prefix a Distributed Map (label
 *    `ProfileHour`) whose ItemReader lists the prefix (S3 ListObjectsV2) and invokes
 *    profile-capture once per object with the S3 "Object Created" event it would get live,
 *    `maxConcurrency` at a time, retrying Lambda's errors, tolerating `toleratedFailurePercentage`
 *    of failed files and writing the failed items to `backfill/results/` in Vigil's bucket.
 * 2. A Distributed Map (label `MonitorRuns`) over `$.monitors`: one child execution per monitor
 *    type, which invokes that monitor's function for each window oldest first (an Inline Map of
 *    concurrency 1), `{ endpoint, scheduledTime, backfill: true }`; a run that still fails after
 *    its retries is caught and recorded, and the next window runs.
 *
 * @example
 * ```ts
 * const definition = JSON.stringify(backfillDefinition({ account, region, bucket, functionArns }));
 * ```
 */
export function backfillDefinition(ctx: BackfillDefinitionContext): Record<string, unknown> {
  const arn = (name: string): string => {
    const found = ctx.functionArns[name];
    if (!found) throw new Error(`backfillDefinition: no ARN for the function "${name}"`);
    return found;
  };
  const resultWriter = {
    Resource: 'arn:aws:states:::s3:putObject',
    Parameters: { Bucket: ctx.bucket, Prefix: BACKFILL_RESULTS_PREFIX },
  };
  const retries = [
    { ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 },
    { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, MaxAttempts: 2, BackoffRate: 2 },
  ];
  const invoke = (fn: string) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: arn(fn), 'Payload.$': '$' },
    ResultSelector: { 'status.$': '$.Payload.status' },
    Retry: retries,
  });
  const monitorBranches = MONITOR_SPECS.map((spec) => spec.function.name);
  return {
    Comment: 'Vigil backfill: profile the capture hour by hour, then run each monitor window by window',
    StartAt: 'StartHours',
    States: {
      StartHours: {
        Type: 'Pass',
        Parameters: { 'bucket.$': '$.bucket', 'hours.$': '$.hours', 'hourCount.$': '$.hourCount', index: 0 },
        ResultPath: '$',
        Next: 'AnyHourLeft',
      },
      AnyHourLeft: {
        Type: 'Choice',
        Choices: [{ Variable: '$.index', NumericLessThanPath: '$.hourCount', Next: 'PickHour' }],
        Default: 'RunMonitors',
      },
      PickHour: {
        Type: 'Pass',
        Parameters: { 'prefix.$': 'States.ArrayGetItem($.hours, $.index)', 'bucket.$': '$.bucket' },
        ResultPath: '$.current',
        Next: PROFILE_MAP_LABEL,
      },
      [PROFILE_MAP_LABEL]: {
        Type: 'Map',
        Label: PROFILE_MAP_LABEL,
        ItemReader: {
          Resource: 'arn:aws:states:::s3:listObjectsV2',
          Parameters: { 'Bucket.$': '$.current.bucket', 'Prefix.$': '$.current.prefix' },
        },
        ItemSelector: objectCreatedSelector(ctx),
        MaxConcurrency: ctx.maxConcurrency ?? 100,
        ToleratedFailurePercentage: ctx.toleratedFailurePercentage ?? 5,
        ResultWriter: resultWriter,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'ProfileFile',
          States: { ProfileFile: { ...invoke('profile-capture'), End: true } },
        },
        ResultPath: null,
        Next: 'NextHour',
      },
      NextHour: {
        Type: 'Pass',
        Parameters: {
          'bucket.$': '$.bucket',
          'hours.$': '$.hours',
          'hourCount.$': '$.hourCount',
          'index.$': 'States.MathAdd($.index, 1)',
        },
        Next: 'AnyHourLeft',
      },
      RunMonitors: {
        Type: 'Pass',
        Parameters: { 'monitors.$': '$$.Execution.Input.monitors' },
        Next: MONITOR_MAP_LABEL,
      },
      [MONITOR_MAP_LABEL]: {
        Type: 'Map',
        Label: MONITOR_MAP_LABEL,
        ItemsPath: '$.monitors',
        MaxConcurrency: monitorBranches.length,
        ResultWriter: resultWriter,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'WhichMonitor',
          States: {
            WhichMonitor: {
              Type: 'Choice',
              Choices: monitorBranches.map((fn) => ({
                Variable: '$.function',
                StringEquals: fn,
                Next: `Windows${resourceName(fn)}`,
              })),
              Default: 'UnknownMonitor',
            },
            UnknownMonitor: {
              Type: 'Fail',
              Error: 'UnknownMonitor',
              Cause: 'The execution input names a function that is not a Vigil monitor',
            },
            ...Object.fromEntries(
              monitorBranches.map((fn) => [
                `Windows${resourceName(fn)}`,
                {
                  Type: 'Map',
                  ItemsPath: '$.runs',
                  // One window at a time, oldest first: the order the live schedule ran them.
                  MaxConcurrency: 1,
                  // State names are unique across the whole machine, nested maps included.
                  ItemProcessor: {
                    ProcessorConfig: { Mode: 'INLINE' },
                    StartAt: `RunWindow${resourceName(fn)}`,
                    States: {
                      [`RunWindow${resourceName(fn)}`]: {
                        ...invoke(fn),
                        ResultPath: '$.result',
                        Catch: [
                          {
                            ErrorEquals: ['States.ALL'],
                            ResultPath: '$.error',
                            Next: `WindowFailed${resourceName(fn)}`,
                          },
                        ],
                        End: true,
                      },
                      [`WindowFailed${resourceName(fn)}`]: { Type: 'Pass', End: true },
                    },
                  },
                  End: true,
                },
              ]),
            ),
          },
        },
        End: true,
      },
    },
  };
}

/**
 * The ItemSelector that turns one S3 listing item into the S3 "Object Created" EventBridge event
 * profile-capture receives live (`$` is the map's input, `$$.Map.Item.Value` the listed object).
 */
function objectCreatedSelector(ctx: BackfillDefinitionContext): Record<string, unknown> {
  return {
    version: '0',
    'id.$': '$$.Execution.Name',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: ctx.account,
    'time.$': '$$.Execution.StartTime',
    region: ctx.region,
    resources: [],
    detail: {
      version: '0',
      bucket: { 'name.$': '$.current.bucket' },
      object: {
        'key.$': '$$.Map.Item.Value.Key',
        'size.$': '$$.Map.Item.Value.Size',
        'etag.$': '$$.Map.Item.Value.Etag',
      },
      'request-id': 'vigil-backfill',
      requester: 'vigil-backfill',
      reason: 'PutObject',
    },
  };
}

/**
 * The state machine role's statements, least privilege: invoke only profile-capture and the
 * monitors, list only the configured capture prefixes, write only the map results, and run the
 * Distributed Maps' child executions of this state machine.
 *
 * @example
 * ```ts
 * backfillRolePermissions({ partition: 'aws', region, account, bucket, stateMachineName: 'vigil-backfill',
 *   functionArns, capture: new Map([['vigil-bucket', ['capture/churn/']]]) });
 * ```
 */
export function backfillRolePermissions(ctx: {
  partition: string;
  region: string;
  account: string;
  bucket: string;
  stateMachineName: string;
  functionArns: Record<string, string>;
  /** Capture prefixes per bucket (`captureSources`). */
  capture: Map<string, string[]>;
}): Permission[] {
  const invoked = ['profile-capture', ...MONITOR_SPECS.map((spec) => spec.function.name)];
  const machine = `arn:${ctx.partition}:states:${ctx.region}:${ctx.account}:stateMachine:${ctx.stateMachineName}`;
  const executions = `arn:${ctx.partition}:states:${ctx.region}:${ctx.account}:execution:${ctx.stateMachineName}/*`;
  const express = `arn:${ctx.partition}:states:${ctx.region}:${ctx.account}:express:${ctx.stateMachineName}/*`;
  return [
    {
      actions: ['lambda:InvokeFunction'],
      resources: invoked.flatMap((fn) => {
        const arn = ctx.functionArns[fn];
        return arn ? [arn, `${arn}:*`] : [];
      }),
    },
    ...[...ctx.capture].map(([bucket, prefixes]) => ({
      actions: ['s3:ListBucket'],
      resources: [`arn:${ctx.partition}:s3:::${bucket}`],
      conditions: [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.map((p) => `${p}*`) }],
    })),
    {
      actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
      resources: [`arn:${ctx.partition}:s3:::${ctx.bucket}/${BACKFILL_RESULTS_PREFIX}*`],
    },
    { actions: ['states:StartExecution'], resources: [machine] },
    { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executions, express] },
    {
      actions: ['states:DescribeMapRun', 'states:UpdateMapRun'],
      resources: [`${executions.replace(':execution:', ':mapRun:')}`],
    },
  ];
}
