import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mapRunLabel, StepFunctionsBackfill } from '@vigil/aws';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';

const machine = 'arn:aws:states:eu-west-1:111122223333:stateMachine:vigil-prod-backfill';
const execution = 'arn:aws:states:eu-west-1:111122223333:execution:vigil-prod-backfill:ep-1';
const mapRun = (label: string, id: string) =>
  `arn:aws:states:eu-west-1:111122223333:mapRun:vigil-prod-backfill/${label}:${id}`;

describe('StepFunctionsBackfill', () => {
  it('starts an execution with the plan as JSON input', async () => {
    const sfn = mockClient(SFNClient);
    sfn.on(StartExecutionCommand).resolves({ executionArn: execution, startDate: new Date() });
    const backfill = new StepFunctionsBackfill({ client: sfn as unknown as SFNClient });
    expect(await backfill.start(machine, 'ep-1', { hours: ['a/'] })).toBe(execution);
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toEqual({
      stateMachineArn: machine,
      name: 'ep-1',
      input: '{"hours":["a/"]}',
    });
  });

  it('reads the status and every Map Run item count, across pages, labelled by map', async () => {
    const sfn = mockClient(SFNClient);
    sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' } as never);
    sfn
      .on(ListMapRunsCommand, { executionArn: execution, nextToken: undefined })
      .resolves({ mapRuns: [{ mapRunArn: mapRun('ProfileHour', 'a') } as never], nextToken: 't' })
      .on(ListMapRunsCommand, { executionArn: execution, nextToken: 't' })
      .resolves({ mapRuns: [{ mapRunArn: mapRun('ProfileHour', 'b') } as never] });
    const counts = { pending: 0, running: 1, succeeded: 7, failed: 1, timedOut: 1, aborted: 0, total: 10 };
    sfn
      .on(DescribeMapRunCommand, { mapRunArn: mapRun('ProfileHour', 'a') })
      .resolves({ status: 'SUCCEEDED', itemCounts: counts } as never)
      .on(DescribeMapRunCommand, { mapRunArn: mapRun('ProfileHour', 'b') })
      .resolves({ status: 'RUNNING', itemCounts: counts } as never);
    const backfill = new StepFunctionsBackfill({ client: sfn as unknown as SFNClient });
    const state = await backfill.state(execution);
    expect(state).toEqual({
      status: 'RUNNING',
      mapRuns: [
        { label: 'ProfileHour', total: 10, succeeded: 7, failed: 2, running: 1, pending: 0 },
        { label: 'ProfileHour', total: 10, succeeded: 7, failed: 2, running: 1, pending: 0 },
      ],
    });
    // A Map Run that ended is described once; the running one on every poll.
    await backfill.state(execution);
    const described = sfn.commandCalls(DescribeMapRunCommand).map((c) => c.args[0].input.mapRunArn);
    expect(described).toEqual([
      mapRun('ProfileHour', 'a'),
      mapRun('ProfileHour', 'b'),
      mapRun('ProfileHour', 'b'),
    ]);
  });

  it('takes the map label out of a Map Run ARN', () => {
    expect(mapRunLabel(mapRun('MonitorRuns', '0a1b-2c'))).toBe('MonitorRuns');
  });
});
