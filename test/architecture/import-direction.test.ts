import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type SourceImport, sourceImports } from './source-imports.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The workspace packages from the bottom up, each with the packages it may import:
 * cli → functions / aws / local → core. Core is the domain without I/O, so no `node:` either.
 */
const LAYERS = {
  '@vigil/core': { folder: 'packages/core', may: [], node: false },
  '@vigil/aws': { folder: 'packages/aws', may: ['@vigil/core'], node: true },
  '@vigil/local': { folder: 'packages/local', may: ['@vigil/core'], node: true },
  '@vigil/functions': { folder: 'functions', may: ['@vigil/core', '@vigil/aws'], node: true },
  '@vigil/cli': {
    folder: 'packages/cli',
    may: ['@vigil/core', '@vigil/aws', '@vigil/local', '@vigil/functions'],
    node: true,
  },
} as const satisfies Record<string, { folder: string; may: readonly string[]; node: boolean }>;

type PackageName = keyof typeof LAYERS;
const PACKAGES = Object.keys(LAYERS) as PackageName[];

/**
 * The one folder outside a package that a package may import by path: infra's wiring table (no SST
 * in it), which the CLI's local twin runs the handlers by, as the deployed infrastructure does.
 */
const INFRA_WIRING = ['infra/wiring.ts', 'infra/wiring/'];

const where = (folder: string, i: SourceImport) => `${folder}/src/${i.file}:${i.line} imports ${i.specifier}`;

/** `@vigil/core/alerting` → `@vigil/core`; `@aws-sdk/client-s3` → itself; `zod/mini` → `zod`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(packageOf(specifier));
const isRelative = (specifier: string) => specifier.startsWith('.');

const read = new Map<PackageName, SourceImport[]>();
function importsOf(name: PackageName): SourceImport[] {
  let imports = read.get(name);
  if (!imports) {
    imports = sourceImports(join(repo, LAYERS[name].folder, 'src'));
    read.set(name, imports);
  }
  return imports;
}

function dependenciesOf(folder: string): string[] {
  const manifest = JSON.parse(readFileSync(join(repo, folder, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {});
}

describe('packages import only downward (cli → functions / aws / local → core)', () => {
  it.each(PACKAGES)('%s imports no workspace package above or beside it', (name) => {
    const { folder, may } = LAYERS[name];
    const upward = importsOf(name)
      .filter((i) => packageOf(i.specifier).startsWith('@vigil/'))
      .filter((i) => !(may as readonly string[]).includes(packageOf(i.specifier)))
      .map((i) => where(folder, i));
    expect(upward).toEqual([]);
  });

  it.each(PACKAGES.filter((name) => !LAYERS[name].node))(
    '%s imports nothing from Node (node:* or a bare built-in)',
    (name) => {
      const node = importsOf(name)
        .filter((i) => isNodeBuiltin(i.specifier))
        .map((i) => where(LAYERS[name].folder, i));
      expect(node).toEqual([]);
    },
  );

  it.each(PACKAGES)('%s reaches no file outside its src/ by a relative path', (name) => {
    const { folder } = LAYERS[name];
    const src = join(repo, folder, 'src');
    const outside = importsOf(name)
      .filter((i) => isRelative(i.specifier))
      .filter((i) => {
        const target = relative(repo, resolve(src, dirname(i.file), i.specifier))
          .split(sep)
          .join('/');
        if (target.startsWith(`${folder}/src/`)) return false;
        return !(name === '@vigil/cli' && INFRA_WIRING.some((allowed) => target.startsWith(allowed)));
      })
      .map((i) => where(folder, i));
    expect(outside).toEqual([]);
  });

  it("infra's wiring table, which the CLI compiles in, imports only core", () => {
    const wiring = sourceImports(join(repo, 'infra'))
      .map((i) => ({ ...i, file: `infra/${i.file.split(sep).join('/')}` }))
      .filter((i) => INFRA_WIRING.some((prefix) => i.file.startsWith(prefix)));
    expect(wiring.length).toBeGreaterThan(0);
    const other = wiring
      .filter((i) => !isRelative(i.specifier) && packageOf(i.specifier) !== '@vigil/core')
      .map((i) => `${i.file}:${i.line} imports ${i.specifier}`);
    expect(other).toEqual([]);
  });
});

describe("each package.json declares what the package's code imports", () => {
  it.each(PACKAGES)('%s lists exactly the workspace packages it imports', (name) => {
    const { folder } = LAYERS[name];
    const imported = new Set(
      importsOf(name)
        .map((i) => packageOf(i.specifier))
        .filter((p) => p.startsWith('@vigil/') && p !== name),
    );
    const declared = dependenciesOf(folder).filter((d) => d.startsWith('@vigil/'));
    expect(declared.sort()).toEqual([...imported].sort());
  });

  it.each(PACKAGES)('%s declares every library its code loads', (name) => {
    const { folder } = LAYERS[name];
    const declared = dependenciesOf(folder);
    const undeclared = importsOf(name)
      .filter((i) => !i.typeOnly && !isRelative(i.specifier) && !isNodeBuiltin(i.specifier))
      .filter((i) => packageOf(i.specifier) !== name && !declared.includes(packageOf(i.specifier)))
      .map((i) => where(folder, i));
    expect(undeclared).toEqual([]);
  });
});
