import type { Context } from 'aws-lambda';
import { logger } from './logger.ts';
import { operationalMetrics } from './operational-metrics.ts';

/**
 * A handler as Lambda calls it: the logger gets the invocation's context (request id, function,
 * cold start) before `run`, and after it the operational metrics are written and the keys the
 * invocation appended are dropped, so that nothing carries over to the next event. Without a
 * context (`vigil dev`, the demo) the metrics are discarded rather than printed.
 *
 * @example
 * ```ts
 * export const handler = lambdaHandler(async (event) => profile(event));
 * ```
 */
export function lambdaHandler<TResult>(
  run: (event: unknown) => Promise<TResult>,
): (event: unknown, context?: Context) => Promise<TResult> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      return await run(event);
    } finally {
      if (context) operationalMetrics.flush();
      else operationalMetrics.discard();
      logger.resetKeys();
    }
  };
}
