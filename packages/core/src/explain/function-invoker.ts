import type { ModelInvoker, ModelRecord } from '../ports/model-invoker.ts';

/**
 * A ModelInvoker over an in-process function: for tests, the demo and benchmarks. The function
 * returns one number (one label) or one number per label.
 *
 * @example
 * ```ts
 * const invoker = functionInvoker((x) => 0.5 * Number(x[0]) + 1);
 * await invoker.invoke([[2], [4]]); // [[2], [3]]
 * ```
 */
export function functionInvoker(score: (record: ModelRecord) => number | readonly number[]): ModelInvoker {
  return {
    invoke: async (records) =>
      records.map((record) => {
        const out = score(record);
        return typeof out === 'number' ? [out] : [...out];
      }),
  };
}
