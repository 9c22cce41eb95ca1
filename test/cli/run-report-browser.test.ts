import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '@vigil/cli';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every report.html the demo's runs wrote, opened in a real headless browser (Debian's chromium):
// nothing fails to load, nothing logs an error, every chart is drawn at its size.
const OUTPUT = resolve('test-output');
let dir: string;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-run-report-browser-'));
  const code = await main(['demo', '--home', 'home'], {
    stdout: () => {},
    stderr: () => {},
    cwd: dir,
    env: {},
  });
  expect(code).toBe(0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  await mkdir(OUTPUT, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('run reports in chromium', () => {
  it('render every run report and the demo report with charts drawn and no error', async () => {
    const home = join(dir, 'home');
    const pages = [
      'report.html',
      ...(await readdir(join(home, 'reports'), { recursive: true }))
        .map(String)
        .filter((f) => f.endsWith('report.html'))
        .map((f) => join('reports', f)),
    ];
    expect(pages.length).toBeGreaterThanOrEqual(20);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    let charts = 0;
    for (const name of pages) {
      requests.length = 0;
      const url = pathToFileURL(join(home, name)).href;
      await page.goto(url);
      // Nothing but the page itself is loaded.
      expect(requests, name).toEqual([url]);
      expect(await page.locator('h1').isVisible(), name).toBe(true);
      for (const box of await page
        .locator('svg.chart')
        .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]))) {
        expect(box[0], name).toBeGreaterThan(300);
        expect(box[1], name).toBeGreaterThan(100);
        charts++;
      }
      // Every chart names itself for assistive technology.
      expect(await page.locator('svg.chart:not([role="img"][aria-label])').count(), name).toBe(0);
    }
    expect(problems).toEqual([]);
    expect(charts).toBeGreaterThanOrEqual(30);
    await page.goto(pathToFileURL(join(home, 'report.html')).href);
    await page.screenshot({ path: join(OUTPUT, 'run-report-demo.png'), fullPage: true });
    const drifted = pages.find((p) => p.includes('data-quality') && p.includes('/05/report.html'))!;
    await page.goto(pathToFileURL(join(home, drifted)).href);
    await page.screenshot({ path: join(OUTPUT, 'run-report-data-quality.png'), fullPage: true });
  });
});
