import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseConfig } from '@vigil/core';
import { planBackfill } from '@vigil/core/backfill';
import { scheduledTimes } from '@vigil/local';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler as monitorDataQuality } from '../../functions/src/monitor-data-quality.ts';
import { handler as profileCapture } from '../../functions/src/profile-capture.ts';
import { resetRuntime } from '../../functions/src/shared/runtime.ts';
import { runBackfill } from '../../packages/cli/src/backfill/run-backfill.ts';
import { createLocalSystem } from '../../packages/cli/src/dev/local-system.ts';
import { main } from '../../packages/cli/src/main.ts';
import { captureLine } from '../core/explain/capture-line.ts';

const configJson = {
  version: 1,
  endpoints: [{ name: 'ep', monitors: { dataQuality: { baseline: 'baselines/ep/' } } }],
};
const config = parseConfig(configJson);
/** Three closed hours of capture, two files each; file (hour 1, b) has values out of the baseline's range. */
const HOURS = ['10', '11', '12'];

/** Every file under `dir`, by path relative to it, with its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.set(relative(dir, path), await readFile(path, 'utf8'));
    }
  };
  await walk(dir);
  return out;
}

describe('vigil backfill on the local twin', () => {
  let cwd: string;
  let home: string;
  const io = (out: string[]) => ({
    stdout: (l: string) => void out.push(l),
    stderr: (l: string) => void out.push(l),
    cwd,
    env: {},
  });

  beforeEach(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'vigil-backfill-'));
    home = join(cwd, '.vigil');
    const rows = Array.from({ length: 200 }, (_, i) => `${i % 2},${(i % 10) + 1},${(i % 7) * 2}`);
    await writeFile(join(cwd, 'train.csv'), `${rows.join('\n')}\n`);
    const baseline = await main(
      ['baseline', 'data-quality', '--dataset', 'train.csv', '--no-header', '--out', '.vigil/baselines/ep/'],
      io([]),
    );
    expect(baseline).toBe(0);
    await writeFile(join(cwd, 'vigil.config.json'), JSON.stringify(configJson));
    for (const [h, hour] of HOURS.entries()) {
      const folder = join(home, `capture/ep/AllTraffic/2024/05/01/${hour}`);
      await mkdir(folder, { recursive: true });
      for (const file of ['a', 'b']) {
        const shift = h === 1 && file === 'b' ? 100 : 0;
        const lines = Array.from({ length: 20 }, (_, i) =>
          captureLine(
            [(i % 10) + 1 + shift, (i % 7) * 2],
            i % 2,
            `${hour}-${file}-${i}`,
            `2024-05-01T${hour}:30:00Z`,
          ),
        );
        await writeFile(join(folder, `${hour}-30-00-000-${file}.jsonl`), `${lines.join('\n')}\n`);
      }
    }
  });
  afterEach(async () => {
    resetRuntime();
    await rm(cwd, { recursive: true, force: true });
  });

  it('profiles every file of the range, runs each window once, and a second backfill writes the same bytes', async () => {
    const args = [
      'backfill',
      '--endpoint',
      'ep',
      '--from',
      '2024-05-01T10:00:00Z',
      '--to',
      '2024-05-01T13:00:00Z',
    ];
    const first: string[] = [];
    expect(await main(args, io(first))).toBe(0);
    expect(first).toContain('Profiles: 6 done, 0 failed, 0 retried, of 6');
    // Runs at 11:00 and 12:00 cover [10, 11) and [11, 12); the one at 13:00 is in (from, to] too.
    expect(first).toContain('Monitor runs: 3 done, 0 failed, 0 retried, of 3');
    // Not a terminal: plain progress lines, the last of each phase complete.
    expect(first.filter((l) => l.startsWith('profiles ['))).toContainEqual(
      expect.stringMatching(/^profiles \[#{24}\] 6\/6 \(6 done, 0 failed, 0 retried\)/),
    );

    const reports = join(home, 'reports/ep/data-quality/2024/05/01');
    expect((await readdir(reports)).sort()).toEqual(['11', '12', '13']);
    const stats = JSON.parse(await readFile(join(reports, '12/statistics.json'), 'utf8'));
    expect(stats.dataset.item_count).toBe(40);
    const violations = JSON.parse(await readFile(join(reports, '12/constraint_violations.json'), 'utf8'));
    expect(violations.violations.length).toBeGreaterThan(0);
    const clean = JSON.parse(await readFile(join(reports, '11/constraint_violations.json'), 'utf8'));
    expect(clean.violations).toEqual([]);

    const outputs = async () => {
      const files = await snapshot(home);
      const kept = new Map<string, string>();
      for (const [path, body] of files) {
        if (/^(profiles|extracts|reports)\//.test(path)) kept.set(path, body);
        // A run record says when its attempt claimed the window; everything else must match.
        if (path.startsWith('runs/'))
          kept.set(path, body.replace(/"claimedAt": "[^"]+"/, '"claimedAt": "…"'));
      }
      return kept;
    };
    const before = await outputs();
    expect([...before.keys()].filter((k) => k.startsWith('profiles/'))).toHaveLength(6);
    expect([...before.keys()].filter((k) => k.startsWith('extracts/'))).toHaveLength(6);
    expect([...before.keys()].filter((k) => k.startsWith('runs/'))).toHaveLength(3);
    const journal = async () =>
      [...(await snapshot(join(home, 'events'))).values()].join('').trim().split('\n');
    const eventsBefore = await journal();
    const executions = (lines: string[]) => lines.filter((l) => l.includes('"Vigil Monitoring Execution"'));
    expect(executions(eventsBefore)).toHaveLength(3);

    const second: string[] = [];
    expect(await main(args, io(second))).toBe(0);
    expect(second).toContain('Monitor runs: 3 done, 0 failed, 0 retried, of 3');
    const after = await outputs();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, body] of before) expect(after.get(path), path).toBe(body);
    // The windows were announced once: a backfill replaces reports, it does not announce them again.
    expect(executions(await journal())).toHaveLength(3);
  });

  it('re-runs a window the live schedule settled, replacing its report without announcing it twice', async () => {
    const system = createLocalSystem({ config, cwd, clock: { now: () => new Date('2026-01-01T00:00:00Z') } });
    // Live: only the first file of 11:00 had arrived when the 12:00 run settled the window.
    const early = 'capture/ep/AllTraffic/2024/05/01/11/11-30-00-000-a.jsonl';
    const size = (await readFile(join(home, early))).byteLength;
    await profileCapture({
      version: '0',
      id: 'live',
      'detail-type': 'Object Created',
      source: 'aws.s3',
      account: '000000000000',
      time: '2024-05-01T11:30:01Z',
      region: 'us-east-1',
      resources: [],
      detail: {
        version: '0',
        bucket: { name: system.runtime.bucket },
        object: { key: early, size },
        'request-id': 'r',
        requester: 'r',
      },
    });
    const live = (await monitorDataQuality({ endpoint: 'ep', scheduledTime: '2024-05-01T12:00:00Z' })) as {
      status: string;
    };
    expect(live.status).toBe('Completed');
    const statsFile = join(home, 'reports/ep/data-quality/2024/05/01/12/statistics.json');
    expect(JSON.parse(await readFile(statsFile, 'utf8')).dataset.item_count).toBe(20);
    const record = join(home, 'runs/ep/DataQuality/20240501T110000.000Z_20240501T120000.000Z.json');

    const plan = planBackfill(
      config,
      { endpoint: 'ep', from: new Date('2024-05-01T11:00:00Z'), to: new Date('2024-05-01T12:00:00Z') },
      { now: new Date('2026-01-01T00:00:00Z'), fireTimes: scheduledTimes },
    );
    const report = await runBackfill(plan, {
      captureStore: system.runtime.store,
      captureBucket: system.runtime.bucket,
      invoke: async (name, event) =>
        name === 'profile-capture' ? profileCapture(event) : monitorDataQuality(event),
      nowMs: () => 0,
      sleep: async () => {},
    });
    expect(report.runStatuses).toEqual({
      'data-quality@2024-05-01T12:00:00.000Z': 'CompletedWithViolations',
    });
    expect(JSON.parse(await readFile(statsFile, 'utf8')).dataset.item_count).toBe(40);
    const stored = JSON.parse(await readFile(record, 'utf8'));
    expect(stored).toMatchObject({ status: 'CompletedWithViolations', eventPublished: true });
    const events = [...(await snapshot(join(home, 'events'))).values()].join('');
    expect(events.match(/"Vigil Monitoring Execution"/g)).toHaveLength(1);

    // A scheduled (not backfill) duplicate of the same window now changes nothing.
    const settled = await readFile(statsFile, 'utf8');
    const duplicate = (await monitorDataQuality({
      endpoint: 'ep',
      scheduledTime: '2024-05-01T12:00:00Z',
    })) as {
      status: string;
    };
    expect(duplicate.status).toBe('CompletedWithViolations');
    expect(await readFile(statsFile, 'utf8')).toBe(settled);
  });

  it('retries a failing file, reports the one that keeps failing, and completes the rest', async () => {
    const system = createLocalSystem({ config, cwd, clock: { now: () => new Date('2026-01-01T00:00:00Z') } });
    const plan = planBackfill(
      config,
      { endpoint: 'ep', from: new Date('2024-05-01T10:00:00Z'), to: new Date('2024-05-01T13:00:00Z') },
      { now: new Date('2026-01-01T00:00:00Z'), fireTimes: scheduledTimes },
    );
    const attemptsOf = new Map<string, number>();
    const flaky = 'capture/ep/AllTraffic/2024/05/01/10/10-30-00-000-a.jsonl';
    const broken = 'capture/ep/AllTraffic/2024/05/01/11/11-30-00-000-b.jsonl';
    const waits: number[] = [];
    const report = await runBackfill(
      plan,
      {
        captureStore: system.runtime.store,
        captureBucket: system.runtime.bucket,
        invoke: async (name, event) => {
          if (name !== 'profile-capture') return monitorDataQuality(event);
          const key = (event as { detail: { object: { key: string } } }).detail.object.key;
          const n = (attemptsOf.get(key) ?? 0) + 1;
          attemptsOf.set(key, n);
          if (key === flaky && n === 1) throw new Error('Rate exceeded');
          if (key === broken) throw new Error('The object is unreadable');
          return profileCapture(event);
        },
        nowMs: () => 0,
        sleep: async (ms) => void waits.push(ms),
      },
      { attempts: 3, retryDelayMs: 100, concurrency: 2 },
    );
    expect(attemptsOf.get(flaky)).toBe(2);
    expect(attemptsOf.get(broken)).toBe(3);
    expect(report.profiles).toEqual({ total: 6, done: 5, failed: 1, retried: 3 });
    expect(report.failures).toEqual([
      { phase: 'profiles', id: broken, attempts: 3, reason: 'The object is unreadable' },
    ]);
    expect(waits.sort((a, b) => a - b)).toEqual([100, 100, 200]);
    // The monitors still ran every window; the one missing a file counts what it had.
    expect(report.runs).toEqual({ total: 3, done: 3, failed: 0, retried: 0 });
    const stats = JSON.parse(
      await readFile(join(home, 'reports/ep/data-quality/2024/05/01/12/statistics.json'), 'utf8'),
    );
    expect(stats.dataset.item_count).toBe(20);
  });
  it('tries a run the monitor settled as Failed again, and reports the one that keeps failing', async () => {
    const system = createLocalSystem({ config, cwd, clock: { now: () => new Date('2026-01-01T00:00:00Z') } });
    const plan = planBackfill(
      config,
      { endpoint: 'ep', from: new Date('2024-05-01T10:00:00Z'), to: new Date('2024-05-01T13:00:00Z') },
      { now: new Date('2026-01-01T00:00:00Z'), fireTimes: scheduledTimes },
    );
    const runAttempts = new Map<string, number>();
    const report = await runBackfill(
      plan,
      {
        captureStore: system.runtime.store,
        captureBucket: system.runtime.bucket,
        invoke: async (name, event) => {
          if (name === 'profile-capture') return profileCapture(event);
          const at = (event as { scheduledTime: string }).scheduledTime;
          const n = (runAttempts.get(at) ?? 0) + 1;
          runAttempts.set(at, n);
          // The window of 11:00 fails once (a model server restarting); the one of 12:00 always.
          if (at === '2024-05-01T11:00:00.000Z' && n === 1)
            return { status: 'Failed', failureReason: 'ping failed' };
          if (at === '2024-05-01T12:00:00.000Z')
            return { status: 'Failed', failureReason: 'baseline unreadable' };
          return monitorDataQuality(event);
        },
        nowMs: () => 0,
        sleep: async () => {},
      },
      { attempts: 3, retryDelayMs: 1, concurrency: 2 },
    );
    expect(runAttempts.get('2024-05-01T11:00:00.000Z')).toBe(2);
    expect(runAttempts.get('2024-05-01T12:00:00.000Z')).toBe(3);
    expect([...runAttempts.values()].sort()).toEqual([1, 2, 3]);
    expect(report.runs).toEqual({ total: 3, done: 2, failed: 1, retried: 3 });
    expect(report.failures).toEqual([
      {
        phase: 'runs',
        id: 'data-quality@2024-05-01T12:00:00.000Z',
        attempts: 3,
        reason: 'baseline unreadable',
      },
    ]);
    expect(report.runStatuses['data-quality@2024-05-01T12:00:00.000Z']).toBe('Failed');
    expect(report.runStatuses['data-quality@2024-05-01T11:00:00.000Z']).not.toBe('Failed');
  });
});
