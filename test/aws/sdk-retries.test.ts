import { Readable } from 'node:stream';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { AWS_RETRY_POLICY, awsClientConfig, SageMakerInvoker } from '@vigil/aws';
import { describe, expect, it } from 'vitest';

/** A request handler that answers every request with `status` and counts the requests. */
function answering(status: number, headers: Record<string, string>) {
  const handler = {
    requests: 0,
    async handle() {
      handler.requests += 1;
      return {
        response: {
          statusCode: status,
          reason: 'x',
          headers: { 'content-type': 'application/json', ...headers },
          body: Readable.from([Buffer.from('{"message":"Rate exceeded"}')]),
        },
      };
    },
  };
  return handler;
}

function runtimeClient(requestHandler: ReturnType<typeof answering>) {
  return new SageMakerRuntimeClient(
    awsClientConfig({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      requestHandler,
    }),
  );
}

describe("Vigil's AWS clients retry with the SDK's own strategy", () => {
  it('uses adaptive mode with three attempts', () => {
    expect(AWS_RETRY_POLICY).toEqual({ maxAttempts: 3, retryMode: 'adaptive' });
    expect(awsClientConfig({ region: 'eu-west-1' })).toEqual({
      maxAttempts: 3,
      retryMode: 'adaptive',
      region: 'eu-west-1',
    });
  });

  it('sends a throttled call at most maxAttempts times in total, then fails', async () => {
    const wire = answering(400, { 'x-amzn-errortype': 'ThrottlingException' });
    const invoker = new SageMakerInvoker({
      endpointName: 'ep',
      format: { contentType: 'text/csv', acceptType: 'text/csv' },
      client: runtimeClient(wire),
    });
    await expect(invoker.invoke([[1, 2]])).rejects.toThrow(
      /InvokeEndpoint on ep failed \(ThrottlingException\)/,
    );
    expect(wire.requests).toBe(AWS_RETRY_POLICY.maxAttempts);
  }, 20_000);

  it('does not resend what a retry cannot fix', async () => {
    const wire = answering(400, { 'x-amzn-errortype': 'ValidationError' });
    const invoker = new SageMakerInvoker({
      endpointName: 'ep',
      format: { contentType: 'text/csv', acceptType: 'text/csv' },
      client: runtimeClient(wire),
    });
    await expect(invoker.invoke([[1, 2]])).rejects.toThrow(/ValidationError/);
    expect(wire.requests).toBe(1);
  });
});
