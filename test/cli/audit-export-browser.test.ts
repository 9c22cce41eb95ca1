import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '@vigil/cli';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The auditor's export of the demo's model group, opened in a real headless browser (Debian's
// chromium): v3 was deployed, drifted, rolled back and rejected, so its card must say Rejected.
const OUTPUT = resolve('test-output');
let dir: string;
let bundle: string;
let browser: Browser;
const err: string[] = [];

async function vigil(argv: string[]): Promise<number> {
  return main(argv, { stdout: () => {}, stderr: (l) => err.push(l), cwd: dir, env: {} });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-export-'));
  expect(await vigil(['demo', '--home', 'home'])).toBe(0);
  expect(
    await vigil(['audit', 'export', '--home', 'home', '--group', 'seattle-rain', '--out', 'bundle/']),
  ).toBe(0);
  bundle = join(dir, 'bundle');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  await mkdir(OUTPUT, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('vigil audit export, read in chromium', () => {
  it('carries every report it cites and links them relatively', async () => {
    const md = await readFile(join(bundle, 'bundle.md'), 'utf8');
    const links = [...md.matchAll(/\]\(([^)]+)\)/g)].map((m) => decodeURI(m[1]!));
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) {
      expect(link.startsWith('reports/'), link).toBe(true);
      expect((await readdir(join(bundle, link))).length, link).toBeGreaterThan(0);
    }
    expect(md).not.toContain(dir);
  });

  it('carries the evidence files its cards cite and links them instead of naming local paths', async () => {
    for (const name of await readdir(join(bundle, 'cards'))) {
      const page = await readFile(join(bundle, 'cards', name), 'utf8');
      // Registration evidence (the gate's reports) used to appear as absolute paths of the home.
      expect(page, name).not.toContain(dir);
    }
    const evidence = await readdir(join(bundle, 'evidence'), { recursive: true });
    expect(evidence.some((f) => String(f).endsWith('.json'))).toBe(true);
  });

  it('shows v3 as Rejected, one row per run with metric columns, headers whole, links inside the bundle, no console error', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
    const file = join(bundle, 'cards', 'seattle-rain-v3.html');
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: join(OUTPUT, 'audit-export-seattle-rain-v3.png'), fullPage: true });
    await page
      .locator('section', { has: page.locator('h2', { hasText: 'Monitoring results' }) })
      .screenshot({ path: join(OUTPUT, 'audit-export-seattle-rain-v3-monitoring.png') });

    const subtitle = (await page.locator('.subtitle').textContent()) ?? '';
    expect(subtitle).toContain('Approval status Rejected');
    // The card's own status is named as such, never as the model's.
    expect(subtitle).toContain('model card status Draft');
    expect(subtitle.replace('model card status Draft', '')).not.toContain('Draft');
    // The history says how it became Rejected: the guardrail rollback that rejected it.
    const approvals = await page
      .locator('section', { has: page.locator('h2', { hasText: 'Approval history' }) })
      .locator('tbody tr')
      .allInnerTexts();
    expect(approvals.map((row) => row.split('\t')[1])).toEqual(['approval.decided', 'rollback.performed']);
    expect(approvals[1]).toContain(
      'rejected model package arn:aws:sagemaker:local:000000000000:model-package/seattle-rain/3',
    );

    // One row per run, in a table per monitor, with the key metrics as their own columns.
    const dq = page
      .locator('h3', { hasText: /^DataQuality runs/ })
      .locator('xpath=following-sibling::table[1]');
    const headers = await dq.locator('th').allInnerTexts();
    expect(headers.slice(0, 5)).toEqual(['Window (UTC)', 'Served by', 'Status', 'Violations', 'Records']);
    expect(headers).toContain('drift wind');
    expect(headers.at(-1)).toBe('Report');
    const rows = await dq.locator('tbody tr').all();
    // v3 served parts of the 03:00, 04:00 and 05:00 windows.
    expect(rows).toHaveLength(3);
    const cells = await rows[1]!.locator('td').allInnerTexts();
    expect(cells[0]).toBe('2026-01-05 04:00–05:00');
    expect(cells[1]).toBe('v3 (seattle-rain-config-v3)');
    expect(cells[2]).toBe('CompletedWithViolations');
    expect(Number(cells[headers.indexOf('drift wind')])).toBeGreaterThan(0.1);
    expect((await rows[0]!.locator('td').allInnerTexts())[1]).toBe(
      'v3 (seattle-rain-config-v3) 03:01–04:00 only',
    );

    // No header breaks inside a word: every word of every header sits on one line box.
    // Runs in the page (a string, as the tests are type-checked without the DOM library).
    const brokenWords = (await page.evaluate(`(() => {
      const broken = [];
      for (const th of document.querySelectorAll('th')) {
        const text = th.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) continue;
        for (const match of (text.textContent || '').matchAll(/\\S+/g)) {
          const range = document.createRange();
          range.setStart(text, match.index);
          range.setEnd(text, match.index + match[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(match[0]);
        }
      }
      return broken;
    })()`)) as string[];
    expect(brokenWords).toEqual([]);
    // Nothing runs off the page: every table fits the printable width.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const overflowing = await page.evaluate(
      `[...document.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > t.parentElement.getBoundingClientRect().right + 1).length`,
    );
    expect(overflowing).toBe(0);

    // Every link resolves to a file inside the bundle.
    const hrefs = await page
      .locator('a[href]')
      .evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) {
      const target = fileURLToPath(href);
      expect(relative(bundle, target).startsWith('..'), href).toBe(false);
      expect(existsSync(target), href).toBe(true);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
