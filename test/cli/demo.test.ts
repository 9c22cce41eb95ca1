import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { readAuditLog } from '@vigil/core/audit';
import { LocalObjectStore } from '@vigil/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `vigil demo` as a new user runs it: the whole story, on the real Seattle weather data.
let dir: string;
let exitCode: number;
const out: string[] = [];
const err: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-demo-'));
  exitCode = await main(['demo', '--home', 'home'], {
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    cwd: dir,
    env: {},
  });
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const printed = () => out.join('\n');

describe('vigil demo', () => {
  it('exits 0 and writes its report', async () => {
    expect(exitCode).toBe(0);
    const html = await readFile(join(dir, 'home', 'report.html'), 'utf8');
    // The drifted feature gets its baseline-versus-current chart.
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html).toContain('wind');
  });

  it('writes a report.html in every run folder (the local twin), and the home report links to each', async () => {
    const home = join(dir, 'home');
    const files = (await readdir(join(home, 'reports'), { recursive: true })).map((f) =>
      f.split('\\').join('/'),
    );
    const folders = new Set(
      files.filter((f) => /\.json$/.test(f)).map((f) => f.slice(0, f.lastIndexOf('/') + 1)),
    );
    expect(folders.size).toBeGreaterThanOrEqual(20);
    for (const folder of folders) expect(files, folder).toContain(`${folder}report.html`);
    const html = await readFile(join(home, 'report.html'), 'utf8');
    const links = [...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThanOrEqual(20);
    for (const link of links) expect(files, link).toContain(link.replace(/^reports\//, ''));
    // The drifted hour's wind chart: baseline and current on the same bins.
    const wind =
      html.match(/<svg class="chart"[^>]*aria-label="Distribution of wind,[\s\S]*?<\/svg>/)?.[0] ?? '';
    const bins = (series: string) =>
      [...wind.matchAll(new RegExp(`data-series="${series}" data-lo="([^"]+)" data-hi="([^"]+)"`, 'g'))].map(
        (m) => `${m[1]}–${m[2]}`,
      );
    expect(bins('baseline').length).toBeGreaterThanOrEqual(5);
    expect(bins('current')).toEqual(bins('baseline'));
    // The trend: wind's drift value per hour, above the threshold once the feed changes units.
    const windTrend = [...html.matchAll(/data-series="wind" data-x="[^"]+" data-value="([^"]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(windTrend).toHaveLength(6);
    expect(windTrend.slice(0, 4).every((v) => v < 1)).toBe(true);
    expect(windTrend.slice(4).every((v) => v > 1)).toBe(true);
  });

  it('approves v1 and v3 on their evidence and rejects v2 with the failing rules', () => {
    const text = printed();
    expect(text).toMatch(/v1 \(trained on 2012–2013\): decided → approve \(0 of \d+ rules failed\)/);
    expect(text).toMatch(
      /v2 \(trained on scrambled labels\): decided → reject \([1-9]\d* of \d+ rules failed\)/,
    );
    expect(text).toMatch(/✗ auc >= 0\.8: auc = 0\.\d+/);
    expect(text).toMatch(/v3 \(retrained on 2012–2014\): decided → approve/);
  });

  it('finds no drift before the feed changes units, and wind drift after', () => {
    const dataQuality = out.filter((line) => line.trim().startsWith('DataQuality'));
    expect(dataQuality).toHaveLength(6);
    expect(dataQuality.slice(0, 4).every((line) => line.includes('no feature drifted'))).toBe(true);
    expect(dataQuality.slice(4).every((line) => /CompletedWithViolations .*✗ wind/.test(line))).toBe(true);
  });

  it('sends one grouped alert for the incident, saying the version was rolled back and rejected', async () => {
    const alerts = out.filter((line) => line.includes('── alert to'));
    expect(alerts).toHaveLength(1);
    const outbox = await readdir(join(dir, 'home', 'outbox'), { recursive: true });
    expect(outbox.filter((name) => name.endsWith('.json'))).toHaveLength(1);
    const text = printed();
    expect(text).toContain('[FIRING] seattle-rain: vigil_violations = 1 > 0');
    expect(text).toMatch(
      /Action taken: +Rolled back seattle-rain from seattle-rain-config-v3 to seattle-rain-config-v1; rejected model package \S+\/seattle-rain\/3\./,
    );
    expect(text).toMatch(/wind: Baseline drift distance: 0\.\d+ exceeds threshold: 0\.1/);
  });

  it('shows an A/B test with a challenger and a shadow, and the comparison’s decision for each', async () => {
    const text = printed();
    expect(text).toMatch(/A\/B test on the 2015 requests: champion v1 and challenger v3 take half each/);
    expect(text).toMatch(
      /challenger-v3 {2}challenger {2}inconclusive {2}auc \+0\.\d{4} .* needs \d+ labeled per variant/,
    );
    expect(text).toMatch(/shadow-v2 {2}shadow {2}challenger_worse {2}auc -0\.\d{4} .* agreement 0\.\d{4}/);
    const comparison = JSON.parse(
      await readFile(join(dir, 'home/demo/ab-test/comparison/comparison.json'), 'utf8'),
    );
    expect(comparison.verdicts.map((v: { decision: string }) => v.decision)).toEqual([
      'inconclusive',
      'challenger_worse',
    ]);
  });

  it('estimates accuracy before labels within reach of the realized value, and keeps the audit chain intact', () => {
    const estimate = printed().match(
      /accuracy estimated (0\.\d+) from probabilities alone → realized (0\.\d+)/,
    );
    expect(estimate).not.toBeNull();
    expect(Math.abs(Number(estimate?.[1]) - Number(estimate?.[2]))).toBeLessThan(0.1);
    expect(printed()).toMatch(
      /audit log: \d+ records, hash chain intact; endpoint now on seattle-rain-config-v1/,
    );
  });

  it('credits every run to the model version that served its window, naming both where a window spans a deployment', async () => {
    // The story: v1 deployed at 00:00:30, v3 at 03:01, the guardrail rolls back to v1 at 05:05
    // (the hour-4 runs at 05:05 fire it). Each window names what served which part of it.
    const v = (n: number) => `arn:aws:sagemaker:local:000000000000:model-package/seattle-rain/${n}`;
    const day = '2026-01-05T';
    const expected: Record<string, [string, string, string][]> = {
      '00': [[v(1), `${day}00:00:30.000Z`, `${day}01:00:00.000Z`]],
      '01': [[v(1), `${day}01:00:00.000Z`, `${day}02:00:00.000Z`]],
      '02': [[v(1), `${day}02:00:00.000Z`, `${day}03:00:00.000Z`]],
      '03': [
        [v(1), `${day}03:00:00.000Z`, `${day}03:01:00.000Z`],
        [v(3), `${day}03:01:00.000Z`, `${day}04:00:00.000Z`],
      ],
      '04': [[v(3), `${day}04:00:00.000Z`, `${day}05:00:00.000Z`]],
      '05': [
        [v(3), `${day}05:00:00.000Z`, `${day}05:05:00.000Z`],
        [v(1), `${day}05:05:00.000Z`, `${day}06:00:00.000Z`],
      ],
    };
    const records = (await readAuditLog(new LocalObjectStore(join(dir, 'home')), 'audit')).filter(
      (r) => r.kind === 'monitoring.execution',
    );
    const credited = new Map<string, [string, string, string][]>();
    for (const r of records) {
      const d = r.details as Record<string, string>;
      const key = `${d.monitoringType} ${d.windowStart!.slice(11, 13)}`;
      credited.set(key, [...(credited.get(key) ?? []), [r.subject, d.servedFrom!, d.servedTo!]]);
      expect(d.endpointConfigName).toBe(`seattle-rain-config-v${r.subject.at(-1)}`);
      expect(d.variantName).toBe('AllTraffic');
    }
    // 6 data-quality and attribution windows, 5 labelled (model-quality, bias) windows.
    expect([...credited.keys()].filter((k) => k.startsWith('DataQuality'))).toHaveLength(6);
    expect([...credited.keys()].filter((k) => k.startsWith('ModelBias'))).toHaveLength(5);
    for (const [key, served] of credited) expect(served, key).toEqual(expected[key.slice(-2)]);
    // The complaint: hours 00–02 were credited to v3. No longer.
    expect(records.filter((r) => r.subject === v(3) && String(r.details.windowStart) < `${day}03`)).toEqual(
      [],
    );
  });
});
