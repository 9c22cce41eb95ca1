import type { ModelInvoker, ModelRecord } from '@vigil/core';
import { type ModelFormat, ModelInvocationError } from '@vigil/core/explain';
import { type BatchLimits, invokeInBatches } from './batched-invocation.ts';

export interface HttpModelInvokerOptions extends BatchLimits {
  /** Base URL of the server (`http://127.0.0.1:8080`); `/invocations` is appended unless present. */
  url: string;
  /** Default text/csv in and out. */
  format?: ModelFormat;
  /** Attempts per request on 429 / 5xx / network errors; default 4. */
  maxAttempts?: number;
  /** Injected in tests so that retries do not wait. */
  sleep?: (ms: number) => Promise<void>;
}

const CSV: ModelFormat = { contentType: 'text/csv', acceptType: 'text/csv' };

/**
 * A ModelInvoker over any HTTP server that follows SageMaker's container contract
 * (`POST /invocations`, `GET /ping`): the local default, for a model served on a laptop, in a
 * container, or by `serveModel`. Batches records per request, limits requests in flight and
 * retries 429 / 5xx answers with exponential backoff and jitter. It lives beside SageMakerInvoker
 * because the feature-attribution Lambda calls a configured model URL with it too.
 *
 * @example
 * ```ts
 * const invoker = httpModelInvoker({ url: 'http://127.0.0.1:8080' });
 * await invoker.invoke([[1, 2, 3]]); // [[0.73]]
 * ```
 */
export function httpModelInvoker(options: HttpModelInvokerOptions): ModelInvoker {
  const format = options.format ?? CSV;
  const url = invocationsUrl(options.url);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const send = async (body: string): Promise<string> => {
    const attempts = Math.max(1, options.maxAttempts ?? 4);
    for (let attempt = 1; ; attempt++) {
      let status: number | undefined;
      let cause: unknown;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': format.contentType, accept: format.acceptType },
          body,
        });
        status = response.status;
        const text = await response.text();
        if (response.ok) return text;
        if (status !== 429 && status < 500) {
          throw new ModelInvocationError(
            `POST ${url} answered ${status}: check the model's content type (${format.contentType}) and its logs`,
            { status },
          );
        }
      } catch (error) {
        if (error instanceof ModelInvocationError) throw error;
        cause = error;
      }
      if (attempt >= attempts) {
        throw new ModelInvocationError(
          `POST ${url} failed ${attempts} times (${status ?? (cause as Error)?.message}): check that the model server is running (GET /ping)`,
          { cause, status },
        );
      }
      await sleep(Math.floor(Math.random() * Math.min(5_000, 100 * 2 ** (attempt - 1))));
    }
  };
  return { invoke: (records: readonly ModelRecord[]) => invokeInBatches(records, format, options, send) };
}

/**
 * Whether the server answers `GET /ping` with 200, as SageMaker checks a container's health.
 *
 * @example
 * ```ts
 * if (!(await pingModel('http://127.0.0.1:8080'))) throw new Error('start the model server first');
 * ```
 */
export async function pingModel(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ping', baseUrl(url)));
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function baseUrl(url: string): string {
  return url.replace(/\/invocations\/?$/, '/');
}

function invocationsUrl(url: string): string {
  return /\/invocations\/?$/.test(url)
    ? url
    : new URL('invocations', url.endsWith('/') ? url : `${url}/`).href;
}
