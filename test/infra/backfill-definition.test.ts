import { MONITOR_SPECS, parseConfig } from '@vigil/core';
import { planBackfill } from '@vigil/core/backfill';
import { scheduledTimes } from '@vigil/local';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { assertS3ObjectCreated, assertScheduledMonitorEvent } from '../../functions/src/shared/events.ts';
import {
  BACKFILL_RESULTS_PREFIX,
  backfillDefinition,
  backfillExecutionInput,
  backfillRolePermissions,
  captureSources,
  FUNCTION_NAMES,
  MONITOR_MAP_LABEL,
  PROFILE_MAP_LABEL,
} from '../../infra/wiring.ts';

type Json = Record<string, unknown>;
const functionArns = Object.fromEntries(
  FUNCTION_NAMES.map((name) => [name, `arn:aws:lambda:eu-west-1:111122223333:function:vigil-${name}`]),
);
const definition = backfillDefinition({
  account: '111122223333',
  region: 'eu-west-1',
  bucket: 'vigil-bucket',
  functionArns,
  maxConcurrency: 50,
});
const states = definition.States as Record<string, Json>;

/** Resolves an ASL payload template: fields ending in `.$` read a path of the input or the context. */
function resolveTemplate(template: unknown, input: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((t) => resolveTemplate(t, input, context));
  if (typeof template !== 'object' || template === null) return template;
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, resolveTemplate(value, input, context)];
      const path = value as string;
      const [root, rest] = path.startsWith('$$.') ? [context, path.slice(3)] : [input, path.slice(2)];
      const found = rest.split('.').reduce<unknown>((o, k) => (o as Json | undefined)?.[k], root);
      return [key.slice(0, -2), found];
    }),
  );
}

/** Every `Next`, `Default` and Choice target in a States object, recursively, with the states it names. */
function transitions(
  all: Record<string, Json>,
): { from: string; to: string; within: Record<string, Json> }[] {
  const out: { from: string; to: string; within: Record<string, Json> }[] = [];
  for (const [name, state] of Object.entries(all)) {
    for (const to of [state.Next, state.Default])
      if (typeof to === 'string') out.push({ from: name, to, within: all });
    for (const choice of (state.Choices as Json[] | undefined) ?? [])
      out.push({ from: name, to: choice.Next as string, within: all });
    for (const c of (state.Catch as Json[] | undefined) ?? [])
      out.push({ from: name, to: c.Next as string, within: all });
    const processor = state.ItemProcessor as Json | undefined;
    if (processor) out.push(...transitions(processor.States as Record<string, Json>));
  }
  return out;
}

describe('the backfill state machine definition', () => {
  it('is valid Amazon States Language (asl-validator: schema, paths, unique state names)', () => {
    const { isValid, errors } = aslValidator(definition);
    expect(errors).toEqual([]);
    expect(isValid).toBe(true);
    // The validator does catch what AWS would refuse.
    const broken = structuredClone(definition) as { States: Record<string, Json> };
    const profileMap = broken.States[PROFILE_MAP_LABEL] as Json;
    ((profileMap.ItemProcessor as Json).ProcessorConfig as Json).Mode = 'PARALLEL';
    expect(aslValidator(broken).isValid).toBe(false);
  });

  it('profiles each capture hour with a Distributed Map that lists the prefix in S3', () => {
    const map = states[PROFILE_MAP_LABEL] as Json;
    expect(map.Type).toBe('Map');
    expect(map.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:listObjectsV2',
      Parameters: { 'Bucket.$': '$.current.bucket', 'Prefix.$': '$.current.prefix' },
    });
    expect((map.ItemProcessor as Json).ProcessorConfig).toEqual({
      Mode: 'DISTRIBUTED',
      ExecutionType: 'EXPRESS',
    });
    expect(map.MaxConcurrency).toBe(50);
    expect(map.ToleratedFailurePercentage).toBe(5);
    expect(map.ResultWriter).toEqual({
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: 'vigil-bucket', Prefix: BACKFILL_RESULTS_PREFIX },
    });
    const task = ((map.ItemProcessor as Json).States as Record<string, Json>).ProfileFile as Json;
    expect(task.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect((task.Parameters as Json).FunctionName).toBe(functionArns['profile-capture']);
    const retried = (task.Retry as Json[]).flatMap((r) => r.ErrorEquals as string[]);
    expect(retried).toEqual(
      expect.arrayContaining([
        'Lambda.TooManyRequestsException',
        'Lambda.ServiceException',
        'States.TaskFailed',
      ]),
    );
  });

  it('hands profile-capture the S3 "Object Created" event it gets live, built from a listed object', () => {
    const map = states[PROFILE_MAP_LABEL] as Json;
    // What the hour loop puts in the map's input, and one item as S3 ListObjectsV2 lists it.
    const input = {
      bucket: 'capture-bucket',
      current: { bucket: 'capture-bucket', prefix: 'capture/ep/AllTraffic/2024/05/01/10/' },
    };
    const context = {
      Execution: { Name: 'ep-2024050100-2024050200-1', StartTime: '2024-12-05T08:00:00.000Z' },
      Map: {
        Item: {
          Value: {
            Key: 'capture/ep/AllTraffic/2024/05/01/10/a.jsonl',
            Size: 2048,
            Etag: '"abc"',
            StorageClass: 'STANDARD',
          },
        },
      },
    };
    const event = resolveTemplate(map.ItemSelector, input, context);
    expect(assertS3ObjectCreated(event)).toEqual({
      bucket: 'capture-bucket',
      key: 'capture/ep/AllTraffic/2024/05/01/10/a.jsonl',
      size: 2048,
    });
  });

  it('runs every monitor window by window, oldest first, with the input a monitor accepts', () => {
    const map = states[MONITOR_MAP_LABEL] as Json;
    expect(map.ItemsPath).toBe('$.monitors');
    expect((map.ItemProcessor as Json).ProcessorConfig).toEqual({
      Mode: 'DISTRIBUTED',
      ExecutionType: 'STANDARD',
    });
    const inner = (map.ItemProcessor as Json).States as Record<string, Json>;
    const choices = (inner.WhichMonitor as Json).Choices as Json[];
    expect(choices.map((c) => c.StringEquals).sort()).toEqual(
      MONITOR_SPECS.map((s) => s.function.name).sort(),
    );
    for (const choice of choices) {
      const windows = inner[choice.Next as string] as Json;
      expect(windows.MaxConcurrency).toBe(1);
      const processor = windows.ItemProcessor as Json;
      const run = (processor.States as Record<string, Json>)[processor.StartAt as string] as Json;
      expect((run.Parameters as Json).FunctionName).toBe(functionArns[choice.StringEquals as string]);
      expect(run.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'] })]);
    }
  });

  it('names only states that exist, and every state is reachable', () => {
    for (const { from, to, within } of transitions(states))
      expect(within[to], `${from} → ${to}`).toBeDefined();
    const reached = new Set(['StartHours', ...transitions(states).map((t) => t.to)]);
    for (const name of Object.keys(states)) expect(reached.has(name), name).toBe(true);
  });

  it('takes the plan as input: hour prefixes in order and each monitor runs oldest first', () => {
    const config = parseConfig({
      version: 1,
      endpoints: [
        {
          name: 'ep',
          capture: 's3://capture-bucket/sagemaker',
          monitors: {
            dataQuality: { baseline: 'b/' },
            modelQuality: { baseline: 'm/', problemType: 'BinaryClassification' },
          },
        },
      ],
    });
    const plan = planBackfill(
      config,
      { endpoint: 'ep', from: new Date('2024-05-01T00:00:00Z'), to: new Date('2024-05-01T03:00:00Z') },
      { now: new Date('2026-01-01T00:00:00Z'), fireTimes: scheduledTimes },
    );
    const input = backfillExecutionInput(plan, 'capture-bucket');
    expect(input.hours).toEqual([
      'sagemaker/ep/AllTraffic/2024/05/01/00/',
      'sagemaker/ep/AllTraffic/2024/05/01/01/',
      'sagemaker/ep/AllTraffic/2024/05/01/02/',
    ]);
    expect(input.hourCount).toBe(3);
    expect(input.monitors.map((m) => m.function)).toEqual(['monitor-data-quality', 'monitor-model-quality']);
    for (const monitor of input.monitors) {
      expect(monitor.runs.map((r) => r.scheduledTime)).toEqual([
        '2024-05-01T01:00:00.000Z',
        '2024-05-01T02:00:00.000Z',
        '2024-05-01T03:00:00.000Z',
      ]);
      for (const run of monitor.runs) {
        expect(assertScheduledMonitorEvent(run)).toEqual({
          endpoint: 'ep',
          scheduledTime: new Date(run.scheduledTime),
          backfill: true,
        });
      }
    }
    // A month of input stays far below Step Functions' 256 KB.
    expect(JSON.stringify(input).length).toBeLessThan(2_000);
  });

  it('grants its role only the functions, the capture prefixes, the results and its own executions', () => {
    const config = parseConfig({
      version: 1,
      endpoints: [{ name: 'ep', capture: 's3://capture-bucket/sagemaker' }],
    });
    const permissions = backfillRolePermissions({
      partition: 'aws',
      region: 'eu-west-1',
      account: '111122223333',
      bucket: 'vigil-bucket',
      stateMachineName: 'vigil-prod-backfill',
      functionArns,
      capture: captureSources(config, 'vigil-bucket'),
    });
    const invoke = permissions.find((p) => p.actions.includes('lambda:InvokeFunction'));
    expect(invoke?.resources).toHaveLength(2 * (1 + MONITOR_SPECS.length));
    expect(invoke?.resources).not.toContain(functionArns['alarm-router']);
    const list = permissions.find((p) => p.actions.includes('s3:ListBucket'));
    expect(list).toEqual({
      actions: ['s3:ListBucket'],
      resources: ['arn:aws:s3:::capture-bucket'],
      conditions: [{ test: 'StringLike', variable: 's3:prefix', values: ['sagemaker/ep/*'] }],
    });
    const writes = permissions.filter((p) => p.actions.includes('s3:PutObject'));
    expect(writes.flatMap((p) => p.resources)).toEqual([
      `arn:aws:s3:::vigil-bucket/${BACKFILL_RESULTS_PREFIX}*`,
    ]);
    for (const p of permissions) {
      expect(p.resources.every((r) => r !== '*')).toBe(true);
      expect(p.actions.every((a) => !a.endsWith('*'))).toBe(true);
    }
  });
});
