import { describe, expect, it, vi } from 'vitest';

// `vigil --help` must start without the libraries: each mock below records when its module is
// first imported (a vi.mock factory runs only then), so any eager import shows up in `loaded`.
const loaded = vi.hoisted(() => [] as string[]);
const record =
  (name: string, exports: Record<string, unknown> = {}) =>
  () => {
    loaded.push(name);
    return exports;
  };
vi.mock('@vigil/core', () =>
  record('@vigil/core', {
    asciiDecoderFromNodeBuffer: () => ({}),
    provideAsciiDecoder: () => {},
    provideSha256: () => {},
    sha256FromCreateHash: () => ({}),
  })(),
);
vi.mock('@vigil/aws', () => record('@vigil/aws')());
vi.mock('@vigil/local', () => record('@vigil/local')());
vi.mock('../../packages/cli/src/commands/demo.ts', () => record('demo')());
vi.mock('../../packages/cli/src/commands/dev.ts', () => record('dev')());
vi.mock('../../packages/cli/src/commands/monitor-data-quality.ts', () => record('monitor-data-quality')());
vi.mock('../../packages/cli/src/commands/registry.ts', () => record('registry')());
vi.mock('../../packages/cli/src/commands/audit.ts', () =>
  record('audit', {
    auditCommands: [{ name: 'audit verify', summary: '', usage: '', options: {}, run: async () => 7 }],
  })(),
);
vi.mock('../../packages/cli/src/commands/alarms.ts', () => record('alarms')());

const { main } = await import('../../packages/cli/src/main.ts');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd: '/', env: {} };
  return { io, out, err };
}

describe('vigil start-up', () => {
  it('lists every command for --help without importing any command or library module', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(0);
    const help = out.join('\n');
    for (const name of [
      'demo',
      'dev',
      'monitor data-quality',
      'registry register',
      'audit verify',
      'alarms',
    ]) {
      expect(help).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
    expect(loaded).toEqual([]);
  });

  it('rejects an unknown command without importing anything', async () => {
    const { io, err } = capture();
    expect(await main(['monitr', 'data-quality'], io)).toBe(2);
    expect(err.join('\n')).toContain('unknown command "monitr data-quality"');
    expect(loaded).toEqual([]);
  });

  it('imports the module of the command that runs, and only that one', async () => {
    const { io } = capture();
    expect(await main(['audit', 'verify'], io)).toBe(7);
    // A running command gets core's SHA-256 port (every command's modules import core anyway);
    // the other commands and the AWS and local adapters stay unloaded.
    expect(loaded).toEqual(['audit', '@vigil/core']);
  });
});
