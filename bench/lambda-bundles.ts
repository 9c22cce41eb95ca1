// Bundles every Lambda handler as SST deploys it (esbuild, ESM for node22, minified, with the same
// plugin, the AWS SDK v3 left to the runtime: infra/wiring/functions.ts) and reports each bundle's
// size and its cold import time in a fresh Node process, as a ratio to importing an empty module.
// The import resolves the SDK from this repository's node_modules, as the runtime would from its own. Run alone with `npx tsx bench/lambda-bundles.ts`; `npm run bench` runs it too.
import { execFile } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { zodNamespacePlugin } from '../infra/bundling/zod-namespace-plugin.mjs';
import { LAMBDA_EXTERNAL_PACKAGES } from '../infra/wiring/functions.ts';

/** One handler's bundle, measured. */
export interface LambdaBundleResult {
  handler: string;
  bytes: number;
  /** Best cold import time of the bundle in a fresh process, ms. */
  importMs: number;
  /** Best cold import time of an empty module in a fresh process, ms (the floor). */
  emptyImportMs: number;
}

/** The budgets of issue 14: at most 1 MB and 300 ms per handler. */
export const LAMBDA_BUNDLE_BUDGET = { bytes: 1_000_000, importMs: 300 } as const;

const run = promisify(execFile);
const functionsDir = fileURLToPath(new URL('../functions/src/', import.meta.url));
const outDir = fileURLToPath(new URL('./out/lambda/', import.meta.url));

/**
 * Bundles and measures every `functions/src/<handler>.ts`; the best of `repeats` imports is kept.
 *
 * @example
 * ```ts
 * const results = await measureLambdaBundles(5);
 * console.log(formatLambdaBundles(results).join('\n'));
 * ```
 */
export async function measureLambdaBundles(repeats = 5): Promise<LambdaBundleResult[]> {
  await mkdir(outDir, { recursive: true });
  const handlers = (await readdir(functionsDir)).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
  const empty = `${outDir}empty.mjs`;
  await writeFile(empty, 'export {};\n');
  const emptyImportMs = await bestImportMs(empty, repeats);
  const results: LambdaBundleResult[] = [];
  for (const handler of handlers.sort()) {
    const outfile = `${outDir}${handler}.mjs`;
    await bundleHandler(`${functionsDir}${handler}.ts`, outfile);
    results.push({
      handler,
      bytes: (await stat(outfile)).size,
      importMs: await bestImportMs(outfile, repeats),
      emptyImportMs,
    });
  }
  return results;
}

/**
 * The report lines of {@link measureLambdaBundles}' results, with the budget each is held to.
 *
 * @example
 * ```ts
 * formatLambdaBundles(await measureLambdaBundles()); // ['Lambda bundles …', '  alarm-router  412 kB …']
 * ```
 */
export function formatLambdaBundles(results: readonly LambdaBundleResult[]): string[] {
  const width = Math.max(...results.map((r) => r.handler.length));
  return [
    `Lambda bundles (esbuild, node22 ESM, minified, AWS SDK from the runtime; budget ≤ ${LAMBDA_BUNDLE_BUDGET.bytes / 1e6} MB, cold import ≤ ${LAMBDA_BUNDLE_BUDGET.importMs} ms):`,
    ...results.map(
      (r) =>
        `  ${r.handler.padEnd(width)}  ${(r.bytes / 1000).toFixed(0).padStart(5)} kB  import ${r.importMs.toFixed(0).padStart(4)} ms` +
        `  (${(r.importMs / r.emptyImportMs).toFixed(1)}× an empty module's ${r.emptyImportMs.toFixed(1)} ms)` +
        (r.bytes > LAMBDA_BUNDLE_BUDGET.bytes || r.importMs > LAMBDA_BUNDLE_BUDGET.importMs
          ? '  OVER BUDGET'
          : ''),
    ),
  ];
}

async function bundleHandler(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    // The sources, as infra/functions.ts bundles them (a stale dist/ must not be measured).
    conditions: ['@vigil/source'],
    // As infra/functions.ts has SST bundle them (LAMBDA_BUNDLE_PLUGINS).
    plugins: [zodNamespacePlugin()],
    external: [...LAMBDA_EXTERNAL_PACKAGES],
    // As SST's bundling does, so that CommonJS dependencies can still `require` Node's modules.
    banner: {
      js: "import { createRequire as __vigilRequire } from 'node:module';const require = __vigilRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

/** Imports `file` in a fresh process and times the import alone (not Node's own start). */
async function bestImportMs(file: string, repeats: number): Promise<number> {
  const script =
    `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); ` +
    'console.log(performance.now() - t);';
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeats; i++) {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' },
    });
    best = Math.min(best, Number(stdout.trim()));
  }
  return best;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatLambdaBundles(await measureLambdaBundles()).join('\n'));
}
