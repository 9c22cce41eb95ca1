// An esbuild plugin for the Lambda bundles (SST's `nodejs.plugins`, and bench/lambda-bundles.ts).
//
// zod 4's entry point exports its API twice: each function by name, and `z`, a namespace object of
// them all. esbuild tree-shakes `import * as z from 'zod'` (only the functions used stay) but keeps
// the whole namespace behind `import { z } from 'zod'`, including every locale's error messages:
// about 380 kB of each handler's bundle. Vigil's own code imports the namespace form; this plugin
// rewrites the named form in dependencies (Powertools' parser schemas) to it. Both forms bind the
// same functions, so the code does exactly what it did.

/** `import { a, z, b } from 'zod'` (and `import { type T, z }`): the list of names and the quote. */
const NAMED_ZOD_IMPORT = /import\s*\{([^}]*)\}\s*from\s*(['"])zod\2\s*;?/g;

/**
 * The source with every named import of `z` from 'zod' split into a namespace import and the
 * remaining named imports; `undefined` when there is none.
 *
 * @param {string} source
 * @returns {string | undefined}
 * @example
 * rewriteZodImports("import { ZodError, z } from 'zod';");
 * // "import * as z from 'zod'; import { ZodError } from 'zod';"
 */
export function rewriteZodImports(source) {
  let changed = false;
  const rewritten = source.replace(NAMED_ZOD_IMPORT, (statement, names) => {
    const list = names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    if (!list.includes('z')) return statement;
    changed = true;
    const rest = list.filter((name) => name !== 'z');
    return `import * as z from 'zod';${rest.length > 0 ? ` import { ${rest.join(', ')} } from 'zod';` : ''}`;
  });
  return changed ? rewritten : undefined;
}

/**
 * The plugin: applies {@link rewriteZodImports} to the JavaScript files of installed packages.
 *
 * @returns {import('esbuild').Plugin}
 */
export function zodNamespacePlugin() {
  return {
    name: 'vigil-zod-namespace',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('zod')) return undefined;
        const contents = rewriteZodImports(source);
        return contents === undefined ? undefined : { contents, loader: 'js' };
      });
    },
  };
}

/** The plugin list SST loads from this file (`nodejs.plugins` in infra/functions.ts). */
export default [zodNamespacePlugin()];
