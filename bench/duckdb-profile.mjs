// DuckDB's profile of a capture file, as the bench's reference: the same statistics Vigil's
// profile starts from (count, sum, mean, standard deviation, min, max, approximate quantiles) of
// each CSV column of the capture's input data. Copied into bench/out/duckdb/ and run there with
// node, a whole process like `vigil monitor data-quality`, so that `@duckdb/node-api` resolves
// from that folder only (it is not one of Vigil's dependencies).
// Usage: node profile.mjs <capture.jsonl> <columns> <threads>
import { DuckDBInstance } from '@duckdb/node-api';

const [file, columnCount, threads] = process.argv.slice(2);
if (!file || !columnCount || !threads) {
  console.error('usage: node profile.mjs <capture.jsonl> <columns> <threads>');
  process.exit(2);
}
const db = await DuckDBInstance.create(':memory:', { threads });
const connection = await db.connect();
const columns = Array.from({ length: Number(columnCount) }, (_, i) => i);
const split = "string_split(json_extract_string(j, '$.captureData.endpointInput.data'), ',')";
const values = columns.map((i) => `TRY_CAST(p[${i + 1}] AS DOUBLE) AS c${i}`).join(', ');
const aggregates = columns
  .map(
    (i) =>
      `count(c${i}), sum(c${i}), avg(c${i}), stddev_samp(c${i}), min(c${i}), max(c${i}), approx_quantile(c${i}, [0.1, 0.5, 0.9])`,
  )
  .join(', ');
const path = file.replaceAll("'", "''");
const query = `WITH raw AS (SELECT json AS j FROM read_json_objects('${path}', format = 'newline_delimited')),
  parts AS (SELECT ${split} AS p FROM raw),
  vals AS (SELECT ${values} FROM parts)
  SELECT ${aggregates} FROM vals`;
const result = await connection.runAndReadAll(query);
const row = result.getRows()[0] ?? [];
console.log(`rows ${String(row[0])}`);
