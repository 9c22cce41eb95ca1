// Compiles every workspace package's src/**/*.ts to dist/**/*.js with esbuild, one JS file per
// source file: relative imports are rewritten from .ts to .js, nothing is bundled (the packages'
// dependencies stay imports). The `vigil` bin then gets its own build in packages/cli/dist/bin/:
// bundled, one chunk per set of commands that share code, so a command loads a few files instead
// of some 450 modules. `npm ci` runs this through `prepare`, so it has to take about a second;
// the type declarations for packing come from `npm run build` (tsc), which tests and the CLI do not need.
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { zodNamespacePlugin } from '../infra/bundling/zod-namespace-plugin.mjs';

/** The workspace packages that compile, each with a src/ and a dist/. */
const BUILT_PACKAGES = ['packages/core', 'packages/aws', 'packages/local', 'functions', 'packages/cli'];

const root = new URL('..', import.meta.url).pathname;

/**
 * Keeps each source file's imports as imports (with .js for .ts), except a relative import from
 * outside the package's src/ (the CLI's local loop imports infra/wiring.ts): that code is compiled
 * into the importing file, since the package does not ship it.
 */
function oneFilePerSource(src: string): Plugin {
  const inside = (path: string) => path.startsWith(`${src}/`);
  return {
    name: 'one-file-per-source',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        const target = resolve(args.resolveDir, args.path);
        if (inside(args.importer) && inside(target))
          return { path: args.path.replace(/\.ts$/, '.js'), external: true };
        return { path: target };
      });
    },
  };
}

async function buildPackage(dir: string): Promise<number> {
  const src = join(root, dir, 'src');
  const dist = join(root, dir, 'dist');
  const sources = (await readdir(src, { recursive: true }))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(src, file));
  // A clean dist/: no JavaScript left over from a deleted source file, and tsc rebuilds the declarations.
  await rm(dist, { recursive: true, force: true });
  await build({
    entryPoints: sources,
    outdir: dist,
    outbase: src,
    bundle: true,
    plugins: [oneFilePerSource(src)],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return sources.length;
}

/**
 * What the bin's bundle takes in: Vigil's own packages and the pure-JavaScript libraries they
 * import on every run. The AWS SDK (loaded only with --aws or --cloudwatch, and large) and the
 * packages read as files or tools (uplot, vega-datasets, tsx, esbuild) stay imports.
 */
const BUNDLED_IN_BIN = /^(@vigil\/|zod(\/|$)|arquero(\/|$)|@uwdata\/|@aws-lambda-powertools\/)/;

/** Leaves every bare import outside `BUNDLED_IN_BIN` (and node's builtins) as an import. */
const binExternals: Plugin = {
  name: 'bin-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_IN_BIN.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * The `vigil` bin's build: main.ts and the worker entries, flat in dist/bin/ (one folder below
 * dist/ as dist/ui/ is, so paths that code resolves from its own file, the web assets and the
 * workers beside it, hold in both builds). Code splitting keeps each command in its own chunks,
 * loaded when the command runs.
 */
async function buildCliBin(): Promise<void> {
  const src = join(root, 'packages/cli/src');
  await build({
    entryPoints: ['main.ts', 'profiling/profile-worker.ts', 'backfill/profile-capture-worker.ts'].map(
      (entry) => join(src, entry),
    ),
    outdir: join(root, 'packages/cli/dist/bin'),
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    // As for the Lambdas: zod's namespace import kept whole (every locale) when a dependency names it.
    plugins: [binExternals, zodNamespacePlugin()],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

const started = performance.now();
const counts = await Promise.all(BUILT_PACKAGES.map(buildPackage));
// After the packages: buildPackage empties dist/, bin/ included.
await buildCliBin();
const files = counts.reduce((a, b) => a + b, 0);
console.log(
  `Compiled ${files} files of ${BUILT_PACKAGES.length} packages in ${Math.round(performance.now() - started)} ms`,
);
