import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** One import of a source file: `import`, `export … from`, `import()` or `import('…').Type`. */
export interface SourceImport {
  /** The file, relative to the folder that was read. */
  file: string;
  line: number;
  specifier: string;
  /** Erased when compiled (`import type`, only type specifiers, or a type position). */
  typeOnly: boolean;
}

/**
 * Every import of every TypeScript file under `folder` (declaration files aside), read with the
 * TypeScript parser so that imports quoted in comments and strings do not count.
 *
 * @example
 * ```ts
 * const imports = sourceImports('packages/core/src');
 * imports.filter((i) => i.specifier.startsWith('node:')); // []
 * ```
 */
export function sourceImports(folder: string): SourceImport[] {
  const files = (readdirSync(folder, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort();
  return files.flatMap((file) => importsOf(file, readFileSync(join(folder, file), 'utf8')));
}

function importsOf(file: string, text: string): SourceImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SourceImport[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | ts.TypeNode | undefined, typeOnly: boolean) => {
    const literal = specifier && ts.isLiteralTypeNode(specifier) ? specifier.literal : specifier;
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, specifier: literal.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, importIsTypeOnly(node.importClause));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const elements =
        node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : [];
      const typeOnly = node.isTypeOnly || (elements.length > 0 && elements.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      add(node, node.argument, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // `import 'x'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}
