// `npm run pack:check`: packs the CLI and the libraries it needs (`npm pack`), installs the
// tarballs into an empty folder (third-party dependencies from the npm registry or its cache), and
// checks what a user gets there: `vigil --help`, `vigil demo` offline, no TypeScript loader at run
// time, and type declarations a TypeScript consumer compiles against. About 30 s, so a script
// rather than part of the test suite. Exits 1 with the reason when a check fails.
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
/** The workspaces `@vigil/cli` needs at run time, all packed together. */
const PACKED = ['packages/core', 'packages/aws', 'packages/local', 'functions', 'packages/cli'];

// What the installed CLI sees is a user's environment: no `@vigil/source` condition, no tsx.
const { NODE_OPTIONS: _nodeOptions, ...env } = process.env;

async function sh(file: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  try {
    return await run(file, args, { cwd, env: { ...env, ...extraEnv }, maxBuffer: 64 << 20 });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`\`${file} ${args.join(' ')}\` failed in ${cwd}:\n${e.stderr || e.stdout || e.message}`, {
      cause: error,
    });
  }
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(`pack check failed: ${message}`);
  console.log(`  ✓ ${message}`);
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const work = await mkdtemp(join(tmpdir(), 'vigil-pack-check-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
try {
  console.log('Building (JavaScript and declarations)…');
  await sh('npm', ['run', 'build'], root);

  console.log('Packing…');
  await mkdir(tarballs);
  const packed = await sh(
    'npm',
    ['pack', '--json', '--pack-destination', tarballs, ...PACKED.flatMap((w) => ['--workspace', w])],
    root,
  );
  const manifests = JSON.parse(packed.stdout) as {
    name: string;
    filename: string;
    files: { path: string }[];
  }[];
  check(
    manifests.length === PACKED.length,
    `${manifests.length} tarballs: ${manifests.map((m) => m.filename).join(', ')}`,
  );
  // Sources stay in the repository; the CLI's declarations keep the repository layout under dist/types.
  // npm always packs a package's README.md.
  const shipped = manifests.flatMap((m) => m.files.map((f) => `${m.name}/${f.path}`));
  // The dashboard's web app (`vigil ui`) is shipped as it is: three static files.
  const webApp = ['@vigil/cli/web/index.html', '@vigil/cli/web/app.js', '@vigil/cli/web/app.css'];
  const unexpected = shipped.filter(
    (path) =>
      !/^@vigil\/[a-z]+\/(dist\/.*\.(js|d\.ts)|bin\/vigil\.js|package\.json|README\.md)$/.test(path) &&
      !webApp.includes(path),
  );
  check(
    webApp.every((path) => shipped.includes(path)),
    "the dashboard's web app is shipped with the CLI",
  );
  check(
    unexpected.length === 0,
    `only compiled files, declarations, the bin, READMEs and the web app are shipped (${shipped.length} files)` +
      (unexpected.length ? `; also: ${unexpected.slice(0, 5).join(', ')}` : ''),
  );

  console.log('Installing the tarballs into an empty folder…');
  await mkdir(app);
  await writeFile(
    join(app, 'package.json'),
    '{ "name": "vigil-pack-check", "private": true, "type": "module" }\n',
  );
  const files = (await readdir(tarballs)).map((f) => join(tarballs, f));
  await sh('npm', ['install', ...files, '--prefer-offline', '--no-audit', '--no-fund'], app);
  check(!(await exists(join(app, 'node_modules/tsx'))), 'no tsx in the installed tree');
  const cliManifest = JSON.parse(await readFile(join(app, 'node_modules/@vigil/cli/package.json'), 'utf8'));
  check(!('tsx' in (cliManifest.dependencies ?? {})), '@vigil/cli does not depend on tsx');

  console.log('Running the installed CLI, offline…');
  const bin = join(app, 'node_modules/.bin/vigil');
  const started = performance.now();
  const help = await sh(bin, ['--help'], app);
  const helpMs = performance.now() - started;
  check(
    help.stdout.includes('Commands:') && help.stdout.includes('  demo '),
    `vigil --help lists the commands (${helpMs.toFixed(0)} ms)`,
  );
  const demo = await sh('npm', ['exec', '--offline', '--', 'vigil', 'demo', '--home', 'demo-home'], app, {
    npm_config_offline: 'true',
  });
  check(demo.stdout.includes('hash chain intact'), 'npx vigil demo runs offline and its audit log verifies');
  check(await exists(join(app, 'demo-home/report.html')), 'the demo wrote demo-home/report.html');

  console.log('Type-checking a consumer against the installed declarations…');
  await writeFile(
    join(app, 'consumer.ts'),
    [
      "import { main } from '@vigil/cli';",
      "import { joinKey } from '@vigil/core';",
      "import { verifyAuditLog } from '@vigil/core/audit';",
      "import { LocalObjectStore } from '@vigil/local';",
      "export const key: string = joinKey('capture', 'ep');",
      "export const code: Promise<number> = main(['--help']);",
      'export { LocalObjectStore, verifyAuditLog };',
      // A wrong type must be reported, or the declarations would be `any` and prove nothing.
      '// @ts-expect-error joinKey returns a string',
      "export const wrong: number = joinKey('a');",
      '',
    ].join('\n'),
  );
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noEmit: true,
        lib: ['es2023'],
        typeRoots: [join(root, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['consumer.ts'],
    }),
  );
  await sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], app);
  console.log(
    '  ✓ a strict TypeScript consumer (nodenext, declarations checked) compiles against the packages',
  );
  console.log('Pack check passed.');
} finally {
  if (process.env.VIGIL_PACK_CHECK_KEEP) console.log(`Kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
