import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@vigil/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every command that reads a file the user named answers a missing, unreadable or malformed file
// with one line naming the file and the fix: no stack trace, no SyntaxError dump.

const CONFIG = {
  version: 1,
  channels: { 'ml-email': { type: 'email', from: 'vigil@example.com', to: ['ml@example.com'] } },
  endpoints: [
    {
      name: 'churn-prod',
      monitors: {
        modelQuality: { baseline: 'baselines/churn/mq/', problemType: 'BinaryClassification' },
      },
      alerts: { channels: ['ml-email'], guardrails: { modelMetric: { metric: 'recall' } } },
    },
  ],
};

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vigil-user-files-'));
  await writeFile(join(dir, 'vigil.config.json'), JSON.stringify(CONFIG));
  await writeFile(
    join(dir, 'bad.json'),
    '{"binary_classification_constraints": {"recall": {"threshold": 0.6,}}',
  );
  await writeFile(join(dir, 'data.csv'), 'label,prediction\n1,1\n0,0\n');
  const recall = { threshold: 0.62, comparison_operator: 'LessThanThreshold' };
  const accuracy = { threshold: 0.7, comparison_operator: 'LessThanThreshold' };
  const mq = (constraints: Record<string, unknown>) =>
    JSON.stringify({ version: 0, binary_classification_constraints: constraints });
  await writeFile(join(dir, 'mq-constraints.json'), mq({ recall, accuracy }));
  await writeFile(
    join(dir, 'mq-bad-threshold.json'),
    mq({ recall: { ...recall, threshold: '0.6x' }, accuracy }),
  );
  await writeFile(join(dir, 'mq-no-recall.json'), mq({ accuracy }));
  await writeFile(
    join(dir, 'dq-constraints.json'),
    JSON.stringify({ version: 0, features: [{ name: 'a', inferred_type: 'Integral', completeness: 1 }] }),
  );
  await writeFile(join(dir, 'array.json'), '[1, 2]');

  await mkdir(join(dir, 'a-folder'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await main(argv, {
      stdout: (line) => out.push(line),
      stderr: (line) => err.push(line),
      cwd: dir,
      env: {},
    });
  } catch (error) {
    // The old behaviour: the error escapes and its stack is printed by Node.
    err.push(`uncaught ${(error as Error).stack}`);
    code = -1;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `vigil alarms` of the test configuration's endpoint with `file` as its model-quality constraints. */
function alarmsWith(file: string) {
  return run(['alarms', '--config', 'vigil.config.json', '--endpoint', 'churn-prod', '--constraints', file]);
}

/** One line of error output (a command's usage may follow a blank line), with no stack frames. */
function expectOneLine(err: string): string {
  const first = err.split('\n')[0] ?? '';
  expect(err).not.toMatch(/^\s+at /m);
  expect(err).not.toContain('uncaught');
  return first;
}

describe('user files the CLI cannot use', () => {
  it('`alarms --constraints bad.json` names the file, where the JSON breaks and what to give', async () => {
    const r = await alarmsWith('bad.json');
    expect(r.code).toBe(1);
    const line = expectOneLine(r.err);
    expect(line).toMatch(
      /^vigil alarms: --constraints bad\.json is not valid JSON \(.+\): give the model-quality baseline's constraints\.json/,
    );
  });

  it('`alarms --constraints` of a missing file or a folder says so', async () => {
    const missing = await alarmsWith('nope.json');
    expect(missing.code).toBe(1);
    expect(expectOneLine(missing.err)).toBe(
      'vigil alarms: --constraints nope.json: no such file: check the path',
    );
    const folder = await alarmsWith('a-folder');
    expect(folder.code).toBe(1);
    expect(expectOneLine(folder.err)).toContain('--constraints a-folder');
  });

  it('`alarms --constraints` that cannot give the recall guardrail its threshold fails instead of dropping the alarm', async () => {
    // A good file: the rollback alarm on recall takes the baseline's threshold.
    const good = await alarmsWith('mq-constraints.json');
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/vigil-churn-prod-model-quality-recall +recall Average < 0\.62 /);
    // A data-quality constraints.json, a bad threshold, a missing metric, an array: each used to
    // print the alarms without the recall alarm, and exit 0.
    const dataQuality = await alarmsWith('dq-constraints.json');
    expect(dataQuality.code).toBe(1);
    expect(expectOneLine(dataQuality.err)).toMatch(
      /^vigil alarms: .*dq-constraints\.json.*holds none of binary_classification_constraints/,
    );
    const badThreshold = await alarmsWith('mq-bad-threshold.json');
    expect(badThreshold.code).toBe(1);
    expect(expectOneLine(badThreshold.err)).toBe(
      'vigil alarms: --constraints mq-bad-threshold.json: binary_classification_constraints.recall needs a ' +
        'numeric threshold and a comparison_operator (GreaterThanThreshold, LessThanThreshold, ' +
        'GreaterThanOrEqualToThreshold or LessThanOrEqualToThreshold) for the modelMetric guardrail of ' +
        'endpoint churn-prod: fix it, or set alerts.guardrails.modelMetric.threshold in the configuration',
    );
    const noRecall = await alarmsWith('mq-no-recall.json');
    expect(noRecall.code).toBe(1);
    expect(expectOneLine(noRecall.err)).toBe(
      'vigil alarms: --constraints mq-no-recall.json: binary_classification_constraints has no recall ' +
        'constraint for the modelMetric guardrail of endpoint churn-prod: give the baseline that constrains ' +
        'recall, or set alerts.guardrails.modelMetric.threshold in the configuration',
    );
    const array = await alarmsWith('array.json');
    expect(array.code).toBe(1);
    expect(expectOneLine(array.err)).toMatch(/^vigil alarms: .*array\.json/);
  });

  it('`bias` and `explain` name a missing analysis config or dataset', async () => {
    const bias = await run(['bias', '--analysis-config', 'missing_config.json', '--out', 'out/']);
    expect(bias.code).toBe(1);
    expect(expectOneLine(bias.err)).toBe(
      'vigil bias: --analysis-config missing_config.json: no such file: check the path',
    );
    const explain = await run([
      'explain',
      '--analysis-config',
      'missing.json',
      '--dataset',
      'data.csv',
      '--out',
      'out/',
    ]);
    expect(explain.code).toBe(1);
    expect(expectOneLine(explain.err)).toContain('--analysis-config missing.json: no such file');
  });

  it('`baseline model-quality` names a missing dataset', async () => {
    const r = await run([
      'baseline',
      'model-quality',
      '--dataset',
      'gone.csv',
      '--problem-type',
      'BinaryClassification',
      '--ground-truth-attribute',
      'label',
      '--inference-attribute',
      'prediction',
      '--out',
      'out/',
    ]);
    expect(r.code).toBe(1);
    expect(expectOneLine(r.err)).toContain('--dataset gone.csv: no such file');
  });

  it('`registry register` names a missing report, and `registry gate` a missing --config', async () => {
    const register = await run([
      'registry',
      'register',
      '--group',
      'churn',
      '--bias',
      'no-analysis.json',
      '--home',
      'home',
    ]);
    expect(register.code).toBe(1);
    expect(expectOneLine(register.err)).toContain('--bias no-analysis.json: no such file');
    const gate = await run([
      'registry',
      'gate',
      '--group',
      'churn',
      '--config',
      'absent.json',
      '--home',
      'home',
    ]);
    expect(gate.code).toBe(1);
    expect(expectOneLine(gate.err)).toMatch(/--config .*absent\.json: cannot be read \(ENOENT\)/);
  });
});

describe('names from command-line flags that become keys', () => {
  it('refuses an --endpoint or --group SageMaker would not accept, before any key is built', async () => {
    const endpoint = await run([
      'monitor',
      'data-quality',
      '--baseline',
      'b/',
      '--capture',
      'c/',
      '--out',
      'o/',
      '--endpoint',
      '../../x',
    ]);
    expect(endpoint.code).toBe(2);
    expect(endpoint.err.split('\n')[0]).toBe(
      'vigil monitor data-quality: --endpoint must be 1–63 letters, digits and hyphens, starting and ending with a letter or digit; got "../../x"',
    );
    const group = await run(['registry', 'list', '--group', 'churn/../../audit', '--home', 'home']);
    expect(group.code).toBe(2);
    expect(group.err.split('\n')[0]).toContain('--group must be 1–63 letters');
    const alarms = await run(['alarms', '--config', 'vigil.config.json', '--endpoint', 'a b']);
    expect(alarms.code).toBe(2);
  });
});
