import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, configWarnings, parseConfigText, type VigilConfig } from '@vigil/core';
import { optionalString } from './args.ts';
import type { CliIO, CommandArgs } from './command.ts';

/** The configuration a command read: parsed, its text (for worker threads) and where it came from. */
export interface ConfigFile {
  config: VigilConfig;
  text: string;
  path: string;
}

/**
 * Reads and validates `--config` (default `vigil.config.json` in the working directory), printing
 * its warnings to stderr; a missing file is a `ConfigError` that says what to do.
 *
 * @example
 * ```ts
 * const { config } = await readConfigFile(args, io);
 * ```
 */
export async function readConfigFile(args: CommandArgs, io: CliIO): Promise<ConfigFile> {
  const path = resolve(io.cwd, optionalString(args, 'config') ?? 'vigil.config.json');
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new ConfigError(`Cannot read ${path}: write a configuration there or pass --config FILE`, {
      cause: error,
    });
  });
  const config = parseConfigText(text, path);
  for (const warning of configWarnings(config)) io.stderr(`warning: ${path}: ${warning}`);
  return { config, text, path };
}
