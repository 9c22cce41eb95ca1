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
