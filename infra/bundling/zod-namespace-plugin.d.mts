import type { Plugin } from 'esbuild';

/** The source with every named import of `z` from 'zod' made a namespace import; `undefined` when there is none. */
export function rewriteZodImports(source: string): string | undefined;
/** The esbuild plugin that applies `rewriteZodImports` to installed packages. */
export function zodNamespacePlugin(): Plugin;
declare const plugins: Plugin[];
export default plugins;
