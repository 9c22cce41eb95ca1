import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '@vigil/cli';
import { dashboardResponse } from '@vigil/core/dashboard';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DashboardServer,
  localDashboardSources,
  startDashboardServer,
} from '../../packages/cli/src/ui/index.ts';

// The dashboard over the demo's home, in Debian's chromium: every page renders with data in its
// charts, every link resolves, nothing logs an error, and axe-core finds no WCAG A/AA violation.
const OUTPUT = resolve('test-output');
const AXE = resolve('node_modules/axe-core/axe.min.js');
let dir: string;
let home: string;
let browser: Browser;
let server: DashboardServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-ui-'));
  home = join(dir, 'home');
  const err: string[] = [];
  const out: string[] = [];
  const code = await main(['demo', '--home', 'home'], {
    stdout: (line) => out.push(line),
    stderr: (l) => err.push(l),
    cwd: dir,
    env: {},
  });
  expect(code, err.join('\n')).toBe(0);
  // The demo ends by saying how to open the dashboard over its home.
  expect(out).toContain('Dashboard: npx vigil ui --home home');
  const sources = await localDashboardSources(home);
  server = await startDashboardServer((path) => dashboardResponse(sources, path), 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  await mkdir(OUTPUT, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Opens a page of the dashboard, waits until it has rendered, and collects what went wrong. */
async function open(hash: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.url()}: HTTP ${r.status()}`);
  });
  await page.goto(`${server.url}${hash}`);
  await page.waitForSelector('main[data-ready="true"]');
  return { page, problems };
}

/** Every WCAG 2 A/AA violation axe-core finds on the page, as `rule: target` lines. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: await readFile(AXE, 'utf8') });
  // Evaluated in the page, where axe-core is now defined (the test compiles without DOM types).
  return page.evaluate(`(async () => {
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join('; '));
  })()`);
}

/** Points of each chart on the page (uPlot draws on a canvas; the figure says how many runs it plots). */
async function chartPoints(page: Page): Promise<number[]> {
  return page.$$eval('figure.chart', (figures) => figures.map((f) => Number(f.getAttribute('data-points'))));
}

/** Every link of the page resolves: a page of the app renders, a file answers 200. */
async function checkLinks(page: Page): Promise<number> {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    if (href.startsWith('#')) continue;
    const response = await page.request.get(new URL(href, server.url).href);
    expect(response.status(), href).toBe(200);
  }
  return hrefs.length;
}

describe('vigil ui over the demo home, in chromium', () => {
  it('overview: the endpoint, its variant and the last status of each of its four monitors', async () => {
    const { page, problems } = await open('#/');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-overview.png'), fullPage: true });
    expect(await page.locator('h1').textContent()).toBe('Endpoints');
    const row = page.locator('tbody tr', { has: page.locator('th', { hasText: 'seattle-rain' }) });
    expect(await row.locator('td').first().textContent()).toBe('AllTraffic');
    // The demo's last runs: data quality, model quality and bias drift violated; attribution did not.
    const badges = await row.locator('.badge').allTextContents();
    expect(badges).toEqual(['Violations', 'Violations', 'Violations', 'OK']);
    // The demo's six data-quality runs: the last two violated (wind); bias drift's last of five.
    expect(await row.locator('.recent').allTextContents()).toEqual([
      'last 6 runs: 2 with violations, 0 failed',
      'last 5 runs: 1 with violations, 0 failed',
      'last 5 runs: 1 with violations, 0 failed',
      'last 6 runs: 0 with violations, 0 failed',
    ]);
    const hrefs = await row.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      '#/endpoint/seattle-rain/DataQuality',
      '#/endpoint/seattle-rain/ModelQuality',
      '#/endpoint/seattle-rain/ModelBias',
      '#/endpoint/seattle-rain/ModelExplainability',
    ]);
    await checkLinks(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keyboard: the skip link comes first, then the page links, and Enter follows them', async () => {
    const { page, problems } = await open('#/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Endpoints');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Incidents');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main[data-page="incidents"][data-ready="true"]');
    expect(await page.locator('h1').textContent()).toBe('Incidents');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('data quality: each feature drift over time with its threshold, wind flagged in the last two hours', async () => {
    const { page, problems } = await open('#/endpoint/seattle-rain/DataQuality');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-data-quality.png'), fullPage: true });
    const points = await chartPoints(page);
    // Six features, Vigil's drift score and SageMaker's baseline distance each; six runs.
    expect(points).toEqual(Array(12).fill(6));
    const wind = page.locator('figure', {
      has: page.locator('strong', { hasText: /^feature_baseline_drift_wind$/ }),
    });
    expect(await wind.locator('figcaption').textContent()).toContain(
      'threshold 0.100 (violation above); 2 violating run(s)',
    );
    // Vigil's own drift test flagged precipitation in the last two hours without a violation (the demo
    // configures drift without violations): marked apart, and the caption says what the threshold means.
    const precipitation = page.locator('figure', {
      has: page.locator('strong', { hasText: /^vigil_drift_score_precipitation$/ }),
    });
    expect(await precipitation.locator('figcaption').textContent()).toContain(
      'threshold 0.100 (above it is drift when the noise test agrees); 0 violating run(s), 2 flagged as drift by its test.',
    );
    expect(await page.locator('section:has(#runs) tbody tr').count()).toBe(6);
    await checkLinks(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('model quality: realized against the estimate and its band, thresholds from the baseline constraints', async () => {
    const { page, problems } = await open('#/endpoint/seattle-rain/ModelQuality');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-model-quality.png'), fullPage: true });
    const estimates = page.locator('section[aria-labelledby="estimates"] figure');
    expect(await estimates.locator('strong').allTextContents()).toEqual([
      'accuracy',
      'precision',
      'recall',
      'f1',
      'auc',
    ]);
    expect(await estimates.first().getAttribute('data-points')).toBe('5');
    const precision = page.locator('section[data-metrics] figure', {
      has: page.locator('strong', { hasText: /^precision$/ }),
    });
    // constraints.json of the demo's model-quality baseline: precision LessThanThreshold 0.7426…
    expect(await precision.locator('figcaption').textContent()).toContain(
      'threshold 0.743 (violation below); 1 violating run(s)',
    );
    expect((await chartPoints(page)).every((n) => n === 5)).toBe(true);
    await checkLinks(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('model quality without estimates in the data: realized values only, and the page says so', async () => {
    // The same home, served with the estimates taken out of the runs (a monitor without `estimate`).
    const sources = await localDashboardSources(home);
    const withoutEstimates = await startDashboardServer(async (path) => {
      const answer = await dashboardResponse(sources, path);
      if (!path.startsWith('/api/series/')) return answer;
      const series = JSON.parse(String(answer.body));
      for (const run of series.runs) delete run.estimates;
      return { ...answer, body: JSON.stringify(series) };
    }, 0);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${withoutEstimates.url}#/endpoint/seattle-rain/ModelQuality`);
    await page.waitForSelector('main[data-ready="true"]');
    expect(await page.locator('section[aria-labelledby="estimates"] .note').textContent()).toBe(
      'This data has no label-free estimates (estimated_quality.json): only realized values are shown below.',
    );
    expect(await page.locator('section[aria-labelledby="estimates"] figure').count()).toBe(0);
    expect(await page.locator('section[data-metrics] figure').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
    await withoutEstimates.close();
  });

  it('bias drift and feature attribution: metrics per facet, nDCG with its threshold, attributions per feature', async () => {
    const bias = await open('#/endpoint/seattle-rain/ModelBias');
    await bias.page.screenshot({ path: join(OUTPUT, 'dashboard-bias.png'), fullPage: true });
    expect(await bias.page.locator('figure strong').allTextContents()).toEqual(
      expect.arrayContaining(['post.season=winter.AD', 'post.season=winter.DPPL', 'pre.season=winter.CI']),
    );
    const ad = bias.page.locator('figure', {
      has: bias.page.locator('strong', { hasText: /^post\.season=winter\.AD$/ }),
    });
    expect(await ad.locator('figcaption').textContent()).toContain('1 violating run(s)');
    expect(await accessibilityViolations(bias.page)).toEqual([]);
    expect(bias.problems).toEqual([]);
    await bias.page.close();

    const fa = await open('#/endpoint/seattle-rain/ModelExplainability');
    await fa.page.screenshot({ path: join(OUTPUT, 'dashboard-attribution.png'), fullPage: true });
    const titles = await fa.page.locator('figure strong').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining(['label0.ndcg', 'label0.feature_wind', 'label0.feature_season']),
    );
    const ndcg = fa.page.locator('figure', { has: fa.page.locator('strong', { hasText: /^label0\.ndcg$/ }) });
    expect(await ndcg.locator('figcaption').textContent()).toContain('threshold 0.900 (violation below)');
    expect((await chartPoints(fa.page)).every((n) => n === 6)).toBe(true);
    expect(await accessibilityViolations(fa.page)).toEqual([]);
    expect(fa.problems).toEqual([]);
    await fa.page.close();
  });

  it('incidents: the incident, its alert, the rollback and the alarms on one timeline', async () => {
    const { page, problems } = await open('#/incidents');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-incidents.png'), fullPage: true });
    const items = await page.locator('ol.timeline li').allTextContents();
    expect(
      items.some((t) => t.includes('Rolled back from seattle-rain-config-v3 to seattle-rain-config-v1')),
    ).toBe(true);
    expect(items.some((t) => t.includes('Incident seattle-rain-20260105T0500 opened'))).toBe(true);
    expect(items.some((t) => t.includes('Alert sent for seattle-rain-20260105T0500'))).toBe(true);
    expect(items.some((t) => t.includes('vigil-seattle-rain-data-quality-violations in ALARM'))).toBe(true);
    expect((await chartPoints(page))[0]).toBe(items.length);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('registry: three versions, v3 rejected by the rollback after the gate approved it, who decided, card completeness', async () => {
    const { page, problems } = await open('#/registry');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-registry.png'), fullPage: true });
    const rows = page.locator('tbody tr');
    expect(await rows.locator('th').allTextContents()).toEqual([
      'seattle-rain v3',
      'seattle-rain v2',
      'seattle-rain v1',
    ]);
    const v3 = rows.nth(0);
    expect(await v3.locator('.badge').textContent()).toBe('Rejected');
    // The gate approved v3 at registration; the rollback rejected it later (the status now).
    expect(await v3.locator('.decision').textContent()).toContain(
      'approve → Approved, by vigil-cli gate; all 7 rules passed',
    );
    const v2 = rows.nth(1);
    expect(await v2.locator('.badge').textContent()).toBe('Rejected');
    // The gate rejected v2 for the three rules it failed: the page names each with its detail.
    const failed = await v2.locator('ul.failed li').allTextContents();
    expect(failed.map((f) => f.replace(/:.*$/, ''))).toEqual([
      'FAIL auc >= 0.8',
      'FAIL accuracy >= 0.7',
      'FAIL auc no worse than approved by more than 0.05',
    ]);
    expect(await page.locator('meter').count()).toBe(3);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('audit: the hash chain verified against the published heads', async () => {
    const { page, problems } = await open('#/audit');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-audit.png'), fullPage: true });
    expect(await page.locator('.verdict').textContent()).toBe('Verified: 35 records, hash chain intact.');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
