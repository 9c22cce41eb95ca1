import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { rewriteZodImports, zodNamespacePlugin } from '../../infra/bundling/zod-namespace-plugin.mjs';

describe('rewriteZodImports', () => {
  it('turns a named import of z into the namespace import, keeping the other names', () => {
    expect(rewriteZodImports("import { ZodError, z } from 'zod';\nz.string();")).toBe(
      "import * as z from 'zod'; import { ZodError } from 'zod';\nz.string();",
    );
    expect(rewriteZodImports('import { z } from "zod"')).toBe("import * as z from 'zod';");
  });

  it('leaves sources without a named z import alone', () => {
    expect(rewriteZodImports("import { ZodError } from 'zod';")).toBeUndefined();
    expect(rewriteZodImports("import * as z from 'zod';")).toBeUndefined();
    expect(rewriteZodImports("import { z } from 'zod-extra';")).toBeUndefined();
    expect(rewriteZodImports("import { zz } from 'zod';")).toBeUndefined();
  });
});

describe('zodNamespacePlugin', () => {
  // Powertools' parser schemas import `{ z }`; bundled as a Lambda, they must not pull in zod's
  // locales (about 260 kB of error messages in 50 languages).
  it('bundles Powertools parser schemas without zod locales, and they still parse', async () => {
    const source = [
      "import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';",
      'export const parse = (event) => EventBridgeSchema.safeParse(event).success;',
    ].join('\n');
    const bundle = async (plugins: import('esbuild').Plugin[]) => {
      const result = await build({
        stdin: { contents: source, resolveDir: process.cwd(), loader: 'js' },
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'node',
        minify: true,
        metafile: true,
        plugins,
        logLevel: 'silent',
      });
      const output = Object.values(result.metafile.outputs)[0];
      const inputs = Object.entries(output?.inputs ?? {})
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path);
      return {
        text: result.outputFiles[0]?.text ?? '',
        locales: inputs.filter((i) => i.includes('zod/v4/locales/')),
      };
    };
    const plain = await bundle([]);
    const rewritten = await bundle([zodNamespacePlugin()]);
    expect(plain.locales.length).toBeGreaterThan(20);
    expect(rewritten.locales.filter((path) => !path.endsWith('/en.js'))).toEqual([]);
    expect(rewritten.text.length).toBeLessThan(plain.text.length - 150_000);
    const module = await import(
      `data:text/javascript;base64,${Buffer.from(rewritten.text).toString('base64')}`
    );
    const event = {
      version: '0',
      id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '111122223333',
      time: '2024-05-01T13:05:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {},
    };
    expect(module.parse(event)).toBe(true);
    expect(module.parse({ ...event, account: undefined })).toBe(false);
  });
});
