import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../packages/cli/src/main.ts';

const machine = 'arn:aws:states:eu-west-1:111122223333:stateMachine:vigil-prod-backfill';
const execution = 'arn:aws:states:eu-west-1:111122223333:execution:vigil-prod-backfill:x';
const mapRun = (label: string) =>
  `arn:aws:states:eu-west-1:111122223333:mapRun:vigil-prod-backfill/${label}:1`;

describe('vigil backfill --aws', () => {
  let cwd: string;
  const sfn = mockClient(SFNClient);

  beforeEach(async () => {
    sfn.reset();
    cwd = await mkdtemp(join(tmpdir(), 'vigil-backfill-aws-'));
    await writeFile(
      join(cwd, 'vigil.config.json'),
      JSON.stringify({
        version: 1,
        endpoints: [
          {
            name: 'ep',
            capture: 's3://capture-bucket/sagemaker',
            monitors: { dataQuality: { baseline: 'b/' } },
          },
        ],
      }),
    );
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });
  /** The CLI's output, both streams in order, and the io that collects it. */
  const collect = () => {
    const out: string[] = [];
    const io = {
      stdout: (l: string) => void out.push(l),
      stderr: (l: string) => void out.push(l),
      cwd,
      env: {},
    };
    return { out, io };
  };

  it('starts the state machine with the plan, follows its Map Runs and reports failed items', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: execution, startDate: new Date() });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'SUCCEEDED' } as never);
    sfn.on(ListMapRunsCommand).resolves({
      mapRuns: [{ mapRunArn: mapRun('ProfileHour') }, { mapRunArn: mapRun('MonitorRuns') }] as never,
    });
    sfn
      .on(DescribeMapRunCommand, { mapRunArn: mapRun('ProfileHour') })
      .resolves({ itemCounts: { total: 4, succeeded: 3, failed: 1 } } as never)
      .on(DescribeMapRunCommand, { mapRunArn: mapRun('MonitorRuns') })
      .resolves({ itemCounts: { total: 1, succeeded: 1, failed: 0 } } as never);
    const { out, io } = collect();
    const code = await main(
      [
        'backfill',
        '--aws',
        '--state-machine',
        machine,
        '--endpoint',
        'ep',
        '--from',
        '2024-05-01T00:00:00Z',
        '--to',
        '2024-05-01T02:00:00Z',
      ],
      io,
    );
    expect(code).toBe(1);
    const started = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(started?.stateMachineArn).toBe(machine);
    expect(started?.name).toMatch(/^ep-2024050100-2024050102-\d+$/);
    expect(JSON.parse(started?.input ?? '{}')).toEqual({
      bucket: 'capture-bucket',
      hours: ['sagemaker/ep/AllTraffic/2024/05/01/00/', 'sagemaker/ep/AllTraffic/2024/05/01/01/'],
      hourCount: 2,
      monitors: [
        {
          function: 'monitor-data-quality',
          runs: [
            { endpoint: 'ep', scheduledTime: '2024-05-01T01:00:00.000Z', backfill: true },
            { endpoint: 'ep', scheduledTime: '2024-05-01T02:00:00.000Z', backfill: true },
          ],
        },
      ],
    });
    expect(out).toContain(`vigil backfill: started ${execution}`);
    expect(out.some((l) => l.startsWith('Backfill SUCCEEDED: 1 failed item(s)'))).toBe(true);
  });

  it('says how to name the state machine, and runs a range longer than a month as consecutive executions', async () => {
    const { out, io } = collect();
    const range = ['--endpoint', 'ep', '--from', '2024-01-01T00:00:00Z', '--to', '2024-03-01T00:00:00Z'];
    expect(await main(['backfill', '--aws', ...range], io)).toBe(2);
    expect(out.join('\n')).toContain('--state-machine with the backfillStateMachine output of sst deploy');
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);

    sfn.on(StartExecutionCommand).resolves({ executionArn: execution, startDate: new Date() });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'SUCCEEDED' } as never);
    sfn.on(ListMapRunsCommand).resolves({ mapRuns: [] });
    expect(await main(['backfill', '--aws', '--state-machine', machine, ...range], io)).toBe(0);
    const inputs = sfn.commandCalls(StartExecutionCommand).map(
      (c) =>
        JSON.parse(c.args[0].input.input ?? '{}') as {
          hours: string[];
          monitors: { runs: { scheduledTime: string }[] }[];
        },
    );
    // 60 days = 1,440 hours: 744 + 696, every hour once and in order, each run in the part before it.
    expect(inputs.map((i) => i.hours.length)).toEqual([744, 696]);
    expect(inputs[0]?.hours[0]).toBe('sagemaker/ep/AllTraffic/2024/01/01/00/');
    expect(inputs[1]?.hours[0]).toBe('sagemaker/ep/AllTraffic/2024/02/01/00/');
    const times = inputs.map((i) => i.monitors[0]?.runs.map((r) => r.scheduledTime) ?? []);
    expect(times[0]?.at(-1)).toBe('2024-02-01T00:00:00.000Z');
    expect(times[1]?.[0]).toBe('2024-02-01T01:00:00.000Z');
    expect(times[1]?.at(-1)).toBe('2024-03-01T00:00:00.000Z');
    expect((times[0]?.length ?? 0) + (times[1]?.length ?? 0)).toBe(1440);
    expect(out.filter((l) => l.includes('(part 2 of 2)'))).toHaveLength(1);
  });
});
