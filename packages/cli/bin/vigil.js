#!/usr/bin/env node
// The workspace packages ship TypeScript sources; tsx compiles them on load so `npx vigil`
// works straight after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every start that releases after January 2027 need Node 22; say it once in
// the README instead of on every command.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  if (String(typeof warning === 'object' ? warning?.message : warning).includes('NodeVersionSupportWarning'))
    return;
  emitWarning(warning, ...rest);
};

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
