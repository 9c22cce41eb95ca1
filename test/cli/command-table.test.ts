import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../packages/cli/src/command.ts';
import { commands } from '../../packages/cli/src/commands/index.ts';

// The command table repeats each command's name and summary so `vigil --help` need not load the
// command modules; these tests keep the copies equal to the modules' own.
const commandsDir = new URL('../../packages/cli/src/commands/', import.meta.url);

/** Every command some module in commands/ exports, alone or in a group. */
async function exportedCommands(): Promise<Command[]> {
  const files = (await readdir(commandsDir)).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  const found: Command[] = [];
  for (const file of files) {
    const module: Record<string, unknown> = await import(new URL(file, commandsDir).href);
    for (const value of Object.values(module)) {
      for (const candidate of Array.isArray(value) ? value : [value]) {
        if (candidate && typeof candidate === 'object' && 'run' in candidate && 'summary' in candidate)
          found.push(candidate as Command);
      }
    }
  }
  return found;
}

describe('the command table', () => {
  it('loads, for every entry, the command of that name with the same summary', async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: entry.name,
        summary: entry.summary,
      });
    }
  });

  it('lists every command the modules export, once', async () => {
    const exported = [...new Set((await exportedCommands()).map((c) => c.name))].sort();
    const listed = commands.map((c) => c.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(exported);
  });
});
