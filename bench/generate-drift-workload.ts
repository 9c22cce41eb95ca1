import { formatG6, gaussian, WORKLOAD_COLUMNS, workloadRow } from './drift-workload.ts';
import { seededRandom, writeLines } from './generate-capture.ts';

/**
 * The reference of the standard drift workload as a CSV dataset with a header, values written
 * as pandas writes them with `float_format="%.6g"`. Returns its size in bytes.
 */
export function writeWorkloadReference(path: string, rows: number): Promise<number> {
  const normal = gaussian(seededRandom(101));
  return writeLines(path, rows + 1, rows * 100, (i) =>
    i === 0 ? WORKLOAD_COLUMNS.join(',') : workloadRow(normal, false).map(formatG6).join(','),
  );
}

/**
 * The current window of the standard drift workload as SageMaker data capture (text/csv input,
 * `%.6g` values, no captured output). Returns its size in bytes.
 */
export function writeWorkloadCapture(path: string, rows: number): Promise<number> {
  const normal = gaussian(seededRandom(202));
  return writeLines(path, rows, rows * 200, (i) =>
    JSON.stringify({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: workloadRow(normal, true).map(formatG6).join(','),
          encoding: 'CSV',
        },
      },
      eventMetadata: {
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        inferenceTime: `2024-05-01T13:00:${String(i % 60).padStart(2, '0')}Z`,
      },
      eventVersion: '0',
    }),
  );
}
