import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '@vigil/core';

/**
 * Powertools' Logger, typed as also being core's `Log` so it can be handed to jobs as it is. It is
 * one at run time: Powertools skips an undefined `extra` argument; only its overloads are narrower.
 */
export type VigilLogger = Logger & Log;

/**
 * The one logger of a process: a Lambda function's (at module scope so that the cold-start flag
 * and the service name, POWERTOOLS_SERVICE_NAME set per function by the infrastructure, carry
 * across invocations), and the CLI's local twin's, which runs those handlers in-process and logs
 * alongside them.
 *
 * @example
 * ```ts
 * logger.setLogLevel('WARN');
 * logger.info('Runtime loaded', { bucket });
 * ```
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'vigil',
}) as VigilLogger;
