import { ConfigError, InputError, parseConfig } from '@vigil/core';
import { BackfillProgress, planBackfill, splitPlan } from '@vigil/core/backfill';
import { scheduledTimes } from '@vigil/local';
import { describe, expect, it } from 'vitest';
import { executionProgress } from '../../packages/cli/src/backfill/follow-execution.ts';
import { ProgressDisplay, progressLine } from '../../packages/cli/src/backfill/progress-bar.ts';

const config = parseConfig({
  version: 1,
  endpoints: [
    {
      name: 'churn',
      capture: 's3://capture-bucket/sagemaker',
      monitors: {
        dataQuality: { baseline: 'b/' },
        // Daily at 06:00: a backfill runs only the windows this schedule would have.
        modelQuality: { baseline: 'm/', problemType: 'BinaryClassification', schedule: 'cron(0 6 * * ? *)' },
      },
    },
  ],
});
const at = (iso: string) => new Date(iso);
const context = { now: at('2024-06-01T00:00:00Z'), fireTimes: scheduledTimes };

describe('planBackfill', () => {
  it('lists each hour of the range to profile and each monitor run by its own schedule, oldest first', () => {
    const plan = planBackfill(
      config,
      { endpoint: 'churn', from: at('2024-05-01T04:30:00Z'), to: at('2024-05-02T06:10:00Z') },
      context,
    );
    // From the hour of --from to the end of the hour holding --to: 04:00 on the 1st to 07:00 on the 2nd.
    expect(plan.range).toEqual({ start: at('2024-05-01T04:00:00Z'), end: at('2024-05-02T07:00:00Z') });
    expect(plan.captureHours).toHaveLength(27);
    expect(plan.captureHours[0]).toEqual({
      hour: at('2024-05-01T04:00:00Z'),
      prefix: 'sagemaker/churn/AllTraffic/2024/05/01/04/',
    });
    expect(plan.captureHours.at(-1)?.prefix).toBe('sagemaker/churn/AllTraffic/2024/05/02/06/');
    expect(plan.monitors).toEqual(['data-quality', 'model-quality']);
    const dq = plan.runs.filter((r) => r.monitor === 'data-quality');
    expect(dq).toHaveLength(27);
    expect(dq[0]).toEqual({
      id: 'data-quality@2024-05-01T05:00:00.000Z',
      monitor: 'data-quality',
      function: 'monitor-data-quality',
      endpoint: 'churn',
      scheduledTime: at('2024-05-01T05:00:00Z'),
    });
    expect(dq.at(-1)?.scheduledTime).toEqual(at('2024-05-02T07:00:00Z'));
    expect(plan.runs.filter((r) => r.monitor === 'model-quality').map((r) => r.id)).toEqual([
      'model-quality@2024-05-01T06:00:00.000Z',
      'model-quality@2024-05-02T06:00:00.000Z',
    ]);
    // Per monitor in the table's order, and the same plan (ids) every time.
    expect(plan.runs.map((r) => r.monitor).indexOf('model-quality')).toBe(27);
    expect(
      planBackfill(
        config,
        { endpoint: 'churn', from: at('2024-05-01T04:30:00Z'), to: at('2024-05-02T06:10:00Z') },
        context,
      ),
    ).toEqual(plan);
  });

  it('leaves the open hour and the run at its top to the live path', () => {
    const plan = planBackfill(
      config,
      { endpoint: 'churn', from: at('2024-05-31T21:00:00Z'), to: at('2024-06-02T00:00:00Z') },
      { now: at('2024-05-31T23:20:00Z'), fireTimes: scheduledTimes },
    );
    expect(plan.openHour).toEqual(at('2024-05-31T23:00:00Z'));
    expect(plan.captureHours.map((h) => h.hour.toISOString())).toEqual([
      '2024-05-31T21:00:00.000Z',
      '2024-05-31T22:00:00.000Z',
    ]);
    // 22:00 ran [21, 22); the run at 23:00 (window [22, 23)) may still be running live.
    expect(plan.runs.filter((r) => r.monitor === 'data-quality').map((r) => r.id)).toEqual([
      'data-quality@2024-05-31T22:00:00.000Z',
    ]);
    expect(() =>
      planBackfill(
        config,
        { endpoint: 'churn', from: at('2024-05-31T23:05:00Z'), to: at('2024-06-01T00:00:00Z') },
        {
          now: at('2024-05-31T23:20:00Z'),
          fireTimes: scheduledTimes,
        },
      ),
    ).toThrow(/live path/);
  });

  it('takes only the monitors asked for, in the table order, and says what is wrong otherwise', () => {
    const request = { endpoint: 'churn', from: at('2024-05-01T00:00:00Z'), to: at('2024-05-01T02:00:00Z') };
    expect(
      planBackfill(config, { ...request, monitors: ['model-quality', 'data-quality'] }, context).monitors,
    ).toEqual(['data-quality', 'model-quality']);
    expect(planBackfill(config, { ...request, monitors: ['model-quality'] }, context).runs).toEqual([]);
    expect(() => planBackfill(config, { ...request, monitors: ['bias-drift'] }, context)).toThrow(
      ConfigError,
    );
    expect(() => planBackfill(config, { ...request, monitors: ['drift'] as never }, context)).toThrow(
      /unknown monitor "drift"; use data-quality, /,
    );
    expect(() => planBackfill(config, { ...request, endpoint: 'nope' }, context)).toThrow(
      /configured: churn/,
    );
    expect(() => planBackfill(config, { ...request, to: request.from }, context)).toThrow(InputError);
    expect(() => planBackfill(config, { ...request, from: new Date('x') }, context)).toThrow(/ISO-8601/);
  });
});

describe('splitPlan', () => {
  it('cuts a plan into parts of at most N hours that hold exactly its hours and runs, in order', () => {
    const plan = planBackfill(
      config,
      { endpoint: 'churn', from: at('2024-05-01T00:00:00Z'), to: at('2024-05-03T00:00:00Z') },
      context,
    );
    const parts = splitPlan(plan, 20);
    expect(parts.map((p) => p.captureHours.length)).toEqual([20, 20, 8]);
    expect(parts.flatMap((p) => p.captureHours)).toEqual(plan.captureHours);
    expect(parts.flatMap((p) => p.runs).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...plan.runs].sort((a, b) => a.id.localeCompare(b.id)),
    );
    // Each run is in the part that profiled the hour before it.
    for (const part of parts) {
      for (const run of part.runs) {
        expect(run.scheduledTime > part.range.start && run.scheduledTime <= part.range.end).toBe(true);
      }
    }
    expect(parts[1]?.range).toEqual({ start: at('2024-05-01T20:00:00Z'), end: at('2024-05-02T16:00:00Z') });
    expect(splitPlan(plan, 48)).toEqual([plan]);
    expect(() => splitPlan(plan, 0)).toThrow(/at least 1/);
  });
});

describe('backfill progress', () => {
  it('counts, rates and estimates the time left from the items so far', () => {
    const progress = new BackfillProgress('profiles', 10, 1_000);
    expect(progress.snapshot(1_000)).toEqual({
      phase: 'profiles',
      total: 10,
      done: 0,
      failed: 0,
      retried: 0,
      perSecond: 0,
    });
    progress.finish('done');
    progress.retry();
    progress.finish('failed');
    // 2 items in 4 s: 0.5/s, 8 left → 16 s.
    expect(progress.snapshot(5_000)).toEqual({
      phase: 'profiles',
      total: 10,
      done: 1,
      failed: 1,
      retried: 1,
      perSecond: 0.5,
      etaSeconds: 16,
    });
    expect(progressLine(progress.snapshot(5_000), 10)).toBe(
      'profiles [##--------] 2/10 (1 done, 1 failed, 1 retried) 0.5/s ETA 0:16',
    );
  });

  it('prints plain lines off a terminal: at most one per interval, and each phase end', () => {
    const lines: string[] = [];
    let now = 0;
    const display = new ProgressDisplay({
      line: (l) => void lines.push(l),
      nowMs: () => now,
      intervalMs: 10_000,
    });
    const progress = new BackfillProgress('runs', 3, 0);
    display.update(progress.snapshot(now));
    now = 1_000;
    progress.finish('done');
    display.update(progress.snapshot(now));
    now = 2_000;
    progress.finish('done');
    display.update(progress.snapshot(now));
    now = 3_000;
    progress.finish('done');
    display.update(progress.snapshot(now));
    display.update(progress.snapshot(now));
    expect(lines).toEqual([
      'runs [------------------------] 0/3 (0 done, 0 failed, 0 retried) 0.0/s ETA --',
      'runs [########################] 3/3 (3 done, 0 failed, 0 retried) 1.0/s ETA 0:00',
    ]);
  });

  it('follows an execution from its Map Runs, extrapolating the files of the hours not listed yet', () => {
    const state = {
      status: 'RUNNING',
      mapRuns: [
        { label: 'ProfileHour', total: 100, succeeded: 100, failed: 0, running: 0, pending: 0 },
        { label: 'ProfileHour', total: 120, succeeded: 58, failed: 2, running: 60, pending: 0 },
      ],
    };
    // Two of ten hours listed, 110 files an hour so far → about 1,100; 160 finished in 80 s.
    expect(executionProgress(state, 10, 0, 80_000)).toEqual({
      phase: 'profiles',
      total: 1100,
      done: 158,
      failed: 2,
      retried: 0,
      perSecond: 2,
      etaSeconds: 470,
    });
    const monitors = {
      status: 'RUNNING',
      mapRuns: [
        ...state.mapRuns,
        { label: 'MonitorRuns', total: 2, succeeded: 1, failed: 0, running: 1, pending: 0 },
      ],
    };
    expect(executionProgress(monitors, 10, 0, 10_000)).toMatchObject({ phase: 'runs', total: 2, done: 1 });
  });
});
