/** One feature value handed to a model: numbers stay numbers, categorical values are text. */
export type ModelValue = number | string;

/** One record (row of feature values) to score. */
export type ModelRecord = readonly ModelValue[];

/**
 * Scores records with a model: a SageMaker endpoint, any HTTP server with SageMaker's container
 * contract, or an in-process function. Adapters batch, retry and limit concurrency themselves, so a
 * caller may hand over any number of records at once.
 *
 * @example
 * ```ts
 * const outputs = await invoker.invoke([[1, 2.5, 'red'], [0, 1.5, 'blue']]);
 * // [[0.91], [0.12]]: one output vector per record (one value per label), in input order
 * ```
 */
export interface ModelInvoker {
  /** One output vector per record, in the order given; every vector has the same length. */
  invoke(records: readonly ModelRecord[]): Promise<number[][]>;
}
