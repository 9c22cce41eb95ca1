import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running `name` (a module beside the caller, given by `base`, the caller's
 * `import.meta.url`): the compiled `.js` file, or, when Vigil runs from its TypeScript sources
 * (tests, development), the `.ts` source through tsx's loader.
 *
 * @example
 * ```ts
 * const worker = startWorker(import.meta.url, './profile-worker', { resourceLimits });
 * ```
 */
export function startWorker(base: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSources = base.endsWith('.ts');
  const entry = new URL(`${name}.${fromSources ? 'ts' : 'js'}`, base);
  if (!fromSources) return new Worker(entry, options);
  const code = `import(${JSON.stringify(tsxEsmApi())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(code, { ...options, eval: true, execArgv: ['--conditions=@vigil/source'] });
}

/** The file URL of tsx's ESM register API (its CommonJS twin cannot register from a worker). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = exports['./esm/api']?.import.default;
  if (api === undefined)
    throw new Error('tsx has no ./esm/api export: run `npm ci` to install the pinned tsx');
  return new URL(api, pathToFileURL(manifest)).href;
}
