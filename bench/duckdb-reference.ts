// DuckDB as the bench's reference for `vigil monitor data-quality` (issue 14: two threads no slower
// than DuckDB on the same file). DuckDB is not one of Vigil's dependencies (its native build is
// some 64 MB): `VIGIL_BENCH_DUCKDB=1` installs it from the npm registry into bench/out/duckdb/,
// once; later runs find it there. Without either, the bench leaves DuckDB out.
import { execFile } from 'node:child_process';
import { access, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The DuckDB the reference runs, pinned. */
export const DUCKDB_PACKAGE = '@duckdb/node-api@1.4.4-r.1';

/**
 * The path of the DuckDB profile script in `out`/duckdb/, installing DuckDB there first when
 * `install` is true and it is not there yet; undefined when DuckDB is neither there nor to be
 * installed.
 *
 * @example
 * ```ts
 * const script = await duckDbProfileScript('bench/out/', process.env.VIGIL_BENCH_DUCKDB === '1');
 * ```
 */
export async function duckDbProfileScript(out: string, install: boolean): Promise<string | undefined> {
  const folder = `${out}duckdb/`;
  const installed = await access(`${folder}node_modules/@duckdb/node-api/package.json`).then(
    () => true,
    () => false,
  );
  if (!installed) {
    if (!install) return undefined;
    await mkdir(folder, { recursive: true });
    // A package of its own, so that npm installs here and not into Vigil's workspace.
    await writeFile(
      `${folder}package.json`,
      `${JSON.stringify({ name: 'vigil-bench-duckdb', private: true, type: 'module' }, null, 2)}\n`,
    );
    console.log(`Installing ${DUCKDB_PACKAGE} into ${folder} (VIGIL_BENCH_DUCKDB=1)…`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', DUCKDB_PACKAGE], {
      cwd: folder,
      maxBuffer: 16 << 20,
    });
  }
  const script = `${folder}profile.mjs`;
  await copyFile(fileURLToPath(new URL('./duckdb-profile.mjs', import.meta.url)), script);
  return script;
}
