/**
 * The structured logger a job writes to. `@aws-lambda-powertools/logger`'s Logger satisfies it;
 * never pass captured payload data in `extra` (it is customer data).
 */
export interface Log {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

/** A logger that drops everything. */
export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
