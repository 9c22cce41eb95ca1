import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Card fields come from anyone who may edit a model card: `vigil card show` and `card export`
// must print them as text, never as HTML, links or Markdown structure.
const CARD = {
  model_overview: { model_owner: '<script>alert(1)</script>', model_description: 'ok\n# forged heading' },
  intended_uses: { purpose_of_model: '[click](javascript:alert(1)) <img src=x onerror=alert(1)>' },
};

let dir: string;
const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    cwd: dir,
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-card-escaping-'));
  await writeFile(join(dir, 'card.json'), JSON.stringify(CARD));
  await writeFile(
    join(dir, 'vigil.config.json'),
    JSON.stringify({
      version: 1,
      approvalPolicies: [{ modelPackageGroup: 'churn', requiredReports: ['ModelQuality'] }],
    }),
  );
  const registered = await run([
    'registry',
    'register',
    '--group',
    'churn',
    '--card',
    'card.json',
    '--home',
    'home',
    '--config',
    'vigil.config.json',
  ]);
  expect(registered.code).toBe(0);
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('hostile model card fields on the command line', () => {
  it('`vigil card show` prints them escaped', async () => {
    const shown = await run(['card', 'show', '--group', 'churn', '--home', 'home']);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('- **Owner:** \\<script\\>alert(1)\\</script\\>');
    expect(shown.out).toContain(
      '- **Purpose:** \\[click\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>',
    );
    expect(shown.out).not.toMatch(/(^|[^\\])<(script|img)/m);
    expect(shown.out.split('\n')).not.toContain('# forged heading');
  });

  it('`vigil card export` writes escaped Markdown and HTML', async () => {
    expect(
      (
        await run([
          'card',
          'export',
          '--group',
          'churn',
          '--home',
          'home',
          '--format',
          'md',
          '--out',
          'card.md',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await run([
          'card',
          'export',
          '--group',
          'churn',
          '--home',
          'home',
          '--format',
          'html',
          '--out',
          'card.html',
        ])
      ).code,
    ).toBe(0);
    const md = await readFile(join(dir, 'card.md'), 'utf8');
    expect(md).not.toMatch(/(^|[^\\])<(script|img)/m);
    const html = await readFile(join(dir, 'card.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
