import * as nodeBuffer from 'node:buffer';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { CliIO, Command } from './command.ts';
import { type CommandEntry, commands } from './commands/index.ts';
import { UsageError } from './usage-error.ts';

const defaultIO: CliIO = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  env: process.env,
  // A bar redrawn in place only on a terminal; logs and pipes get plain lines instead.
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};

/**
 * Runs the `vigil` command line and returns the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['monitor', 'data-quality', '--baseline', 'b/', '--capture', 'c/', '--out', 'o/']);
 * ```
 */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(globalHelp());
    return 0;
  }
  if (argv[0] === '--version') {
    io.stdout('vigil 0.1.0');
    return 0;
  }
  const entry = findCommand(argv);
  if (!entry) {
    io.stderr(`vigil: unknown command "${argv.slice(0, 2).join(' ')}". Run \`vigil --help\` for the list.`);
    return 2;
  }
  entry.startEarly?.(argv.slice(entry.name.split(' ').length), io.cwd);
  // Only now load the command's modules: `vigil --help` and typos never pay for them.
  const command = await entry.load();
  // The audit chain, content digests and card names hash with node:crypto's SHA-256 (core imports
  // nothing from node:). The command's modules have loaded @vigil/core, so this import is free.
  const { asciiDecoderFromNodeBuffer, provideAsciiDecoder, provideSha256, sha256FromCreateHash } =
    await import('@vigil/core');
  provideSha256(sha256FromCreateHash(createHash));
  // Capture files are ASCII as a rule; node:buffer decodes ASCII about four times faster than TextDecoder.
  provideAsciiDecoder(asciiDecoderFromNodeBuffer(nodeBuffer));
  const rest = argv.slice(command.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr(`vigil ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vigil ${command.name}: ${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    // The command's modules have loaded @vigil/core by now, so this import costs nothing.
    const { VigilError } = await import('@vigil/core');
    if (error instanceof VigilError) {
      io.stderr(`vigil ${command.name}: ${error.message}`);
      return 1;
    }
    // Anything else is a Vigil bug or an unforeseen input: one line, the stack only when asked.
    if (io.env.VIGIL_DEBUG) throw error;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(
      `vigil ${command.name}: ${message.split('\n')[0]} (unexpected; set VIGIL_DEBUG=1 to see where, and report it)`,
    );
    return 1;
  }
}

function findCommand(argv: string[]): CommandEntry | undefined {
  const two = argv.slice(0, 2).join(' ');
  return commands.find((c) => c.name === two) ?? commands.find((c) => c.name === argv[0]);
}

function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'vigil — SageMaker Model Monitor and Clarify compatible monitoring and governance, on a laptop or as Lambdas.',
    '',
    'Usage: vigil <command> [options]      (vigil <command> --help for its options)',
    '',
    'Commands:',
    ...lines,
    '',
    'Paths may be local files and folders or s3:// URIs.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const options = Object.entries(command.options).map(([name, o]) => {
    const flag = `--${name}${o.type === 'string' ? ' <value>' : ''}${o.multiple ? ' ...' : ''}`;
    return `  ${flag}`;
  });
  return [
    `vigil ${command.name} — ${command.summary}`,
    '',
    `Usage: vigil ${command.usage}`,
    ...(options.length ? ['', 'Options:', ...options] : []),
    ...(command.details ? ['', command.details] : []),
  ].join('\n');
}
