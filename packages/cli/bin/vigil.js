#!/usr/bin/env node
// Runs the compiled CLI in dist/ (`npm run build`; `npm ci` builds it through `prepare`).
// main.js loads a command's modules only when that command runs, so `vigil --help` starts fast.
let main;
try {
  ({ main } = await import('../dist/main.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('main.js')) throw error;
  process.stderr.write(
    'vigil: the CLI is not built (packages/cli/dist/main.js is missing). Run `npm run build` in the Vigil repository.\n',
  );
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
