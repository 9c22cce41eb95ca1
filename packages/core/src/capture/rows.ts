import type { CaptureRecord, CaptureValue } from './types.ts';

/** Where SageMaker's analyzer puts the output columns in a capture dataset. */
export type OutputColumnsPosition = 'START' | 'END' | 'NONE';

/**
 * The dataset rows of a record as SageMaker's analyzer sees them: output columns first ('START',
 * SageMaker's default `output_columns_position`), last ('END') or left out ('NONE'). A record whose
 * output was not captured gives its input rows alone.
 *
 * @example
 * ```ts
 * captureRows({ inputs: [['1', '2']], outputs: [['0.9']], … }, 'START'); // [['0.9', '1', '2']]
 * ```
 */
export function captureRows(record: CaptureRecord, outputColumns: OutputColumnsPosition): CaptureValue[][] {
  const { inputs, outputs } = record;
  if (outputColumns === 'NONE' || outputs.length === 0) return inputs;
  const rows: CaptureValue[][] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const output = outputs[i] ?? [];
    rows[i] = outputColumns === 'START' ? output.concat(inputs[i]!) : inputs[i]!.concat(output);
  }
  return rows;
}
