#!/usr/bin/env node
// Runs the compiled CLI in dist/bin/ (`npm run build`; `npm ci` builds it through `prepare`): a
// bundle whose main.js loads a command's chunks only when that command runs, so `vigil --help` starts fast.
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin/main.js', import.meta.url);
let main;
try {
  ({ main } = await import(entry.href));
} catch (error) {
  // Only a missing dist/bin/main.js means "not built"; any other failure is reported as it is.
  const missing =
    error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(`'${fileURLToPath(entry)}'`);
  if (!missing) throw error;
  process.stderr.write(
    'vigil: the CLI is not built (packages/cli/dist/bin/main.js is missing). Run `npm run build:js` in the Vigil repository.\n',
  );
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
