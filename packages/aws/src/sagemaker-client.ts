import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { awsClientConfig } from './client-config.ts';
import { sageMakerSdk } from './lazy-sdk.ts';

/** The SageMaker SDK module and the one client an adapter sends its commands with. */
export interface SageMakerConnection {
  sdk: Awaited<ReturnType<typeof sageMakerSdk>>;
  client: SageMakerClient;
}

/**
 * The SDK and the client of a SageMaker adapter, made on first call (importing a handler loads
 * and builds neither) and the same after. A client the caller gave is used as it is.
 *
 * @example
 * ```ts
 * const connect = sageMakerConnection(options.client);
 * const { sdk, client } = await connect();
 * await client.send(new sdk.DescribeEndpointCommand({ EndpointName: 'churn' }));
 * ```
 */
export function sageMakerConnection(given?: SageMakerClient): () => Promise<SageMakerConnection> {
  let client = given;
  return async () => {
    const sdk = await sageMakerSdk();
    client ??= new sdk.SageMakerClient(awsClientConfig());
    return { sdk, client };
  };
}

/** Options of every SageMaker adapter. */
export interface SageMakerAdapterOptions {
  /** A configured client; defaults to one for the ambient region and credentials. */
  client?: SageMakerClient;
}

/**
 * What the SageMaker adapters of Vigil's ports start from: the SDK and the client, made on first
 * use (importing a handler loads and builds neither), or the client the caller gave.
 *
 * @example
 * ```ts
 * class SageMakerEndpointWeights extends SageMakerAdapter implements EndpointWeights {
 *   async current(endpointName: string) {
 *     const { sdk, client } = await this.connection();
 *     …
 *   }
 * }
 * ```
 */
export abstract class SageMakerAdapter {
  readonly #connect: () => Promise<SageMakerConnection>;

  constructor(options: SageMakerAdapterOptions = {}) {
    this.#connect = sageMakerConnection(options.client);
  }

  /** The SDK module and the client to send commands with. */
  protected connection(): Promise<SageMakerConnection> {
    return this.#connect();
  }
}

/**
 * Every page of a SageMaker list call, in the order SageMaker answers: `request` is asked for the
 * first page without a token, then again with each answer's `NextToken` until there is none.
 *
 * @example
 * ```ts
 * const pages = await allPages((token) =>
 *   client.send(new sdk.ListModelCardVersionsCommand({ ModelCardName: 'churn', MaxResults: 100, ...token })),
 * );
 * ```
 */
export async function allPages<TPage extends { NextToken?: string }>(
  request: (token: { NextToken?: string }) => Promise<TPage>,
): Promise<TPage[]> {
  const pages: TPage[] = [];
  let nextToken: string | undefined;
  do {
    const page = await request(nextToken ? { NextToken: nextToken } : {});
    pages.push(page);
    nextToken = page.NextToken;
  } while (nextToken);
  return pages;
}
