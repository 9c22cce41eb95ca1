import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput,
  SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { SageMakerInvoker } from '@vigil/aws';
import { ModelInvocationError, SAGEMAKER_MAX_PAYLOAD_BYTES } from '@vigil/core/explain';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';

const runtime = mockClient(SageMakerRuntimeClient);
const csv = { contentType: 'text/csv', acceptType: 'text/csv' };

// The "model": the sum of a CSV row's numeric fields, one line per record.
function answerCsv(input: InvokeEndpointCommandInput): { Body: Uint8Array; ContentType: string } {
  const body = new TextDecoder().decode(input.Body as Uint8Array);
  const out = body
    .split('\n')
    .map((line) => line.split(',').reduce((s, v) => s + (Number(v) || 0), 0))
    .join('\n');
  return { Body: new TextEncoder().encode(out), ContentType: 'text/csv' };
}

function sentBodies(): string[] {
  return runtime
    .commandCalls(InvokeEndpointCommand)
    .map((call) => new TextDecoder().decode(call.args[0].input.Body as Uint8Array));
}

describe('SageMakerInvoker', () => {
  beforeEach(() => {
    runtime.reset();
  });

  it('sends many records per request, every request under the 6 MB payload limit, answers in order', async () => {
    runtime.on(InvokeEndpointCommand).callsFake(answerCsv);
    // 3,000 records of ~6 kB: about 18 MB in all, so at least three requests.
    const records = Array.from({ length: 3000 }, (_, i) => [i, ...new Array(1500).fill(1.5), 'category-a']);
    const invoker = new SageMakerInvoker({
      endpointName: 'churn',
      format: csv,
      client: new SageMakerRuntimeClient({}),
      maxRecordsPerRequest: 100_000,
    });
    const outputs = await invoker.invoke(records);
    expect(outputs).toEqual(records.map((_, i) => [i + 2250]));
    const bodies = sentBodies();
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) {
      expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(SAGEMAKER_MAX_PAYLOAD_BYTES);
    }
    expect(bodies.reduce((n, body) => n + body.split('\n').length, 0)).toBe(3000);
    for (const call of runtime.commandCalls(InvokeEndpointCommand)) {
      expect(call.args[0].input).toMatchObject({
        EndpointName: 'churn',
        ContentType: 'text/csv',
        Accept: 'text/csv',
      });
    }
  });

  it('leaves retries to the SDK: a throttled send is not repeated by Vigil', async () => {
    // aws-sdk-client-mock replaces send(), the SDK's retry middleware included: one call is one attempt.
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    runtime.on(InvokeEndpointCommand).rejectsOnce(throttled).callsFake(answerCsv);
    const invoker = new SageMakerInvoker({ endpointName: 'ep', format: csv });
    await expect(invoker.invoke([[1, 2]])).rejects.toBeInstanceOf(ModelInvocationError);
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
  });

  it('does not retry a model error and says what to check', async () => {
    const modelError = Object.assign(new Error('bad input'), {
      name: 'ModelError',
      $metadata: { httpStatusCode: 424 },
    });
    runtime.on(InvokeEndpointCommand).rejects(modelError);
    const invoker = new SageMakerInvoker({ endpointName: 'ep', format: csv });
    const failure = invoker.invoke([[1]]);
    await expect(failure).rejects.toBeInstanceOf(ModelInvocationError);
    await expect(failure).rejects.toThrow(/InvokeEndpoint on ep failed \(ModelError\)/);
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(1);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    runtime.on(InvokeEndpointCommand).callsFake(async (input: InvokeEndpointCommandInput) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return answerCsv(input);
    });
    const invoker = new SageMakerInvoker({
      endpointName: 'ep',
      format: csv,
      maxRecordsPerRequest: 10,
      concurrency: 3,
    });
    const records = Array.from({ length: 200 }, (_, i) => [i]);
    expect(await invoker.invoke(records)).toEqual(records.map((r) => [r[0]]));
    expect(runtime.commandCalls(InvokeEndpointCommand)).toHaveLength(20);
    expect(peak).toBe(3);
  });

  it('speaks JSON Lines with the content template and reads the score path', async () => {
    runtime.on(InvokeEndpointCommand).callsFake((input: InvokeEndpointCommandInput) => {
      const lines = new TextDecoder().decode(input.Body as Uint8Array).split('\n');
      const out = lines.map((line) => {
        const { instance } = JSON.parse(line) as { instance: number[] };
        return JSON.stringify({ predicted_label: 1, score: instance[0]! / 10 });
      });
      return { Body: new TextEncoder().encode(out.join('\n')) };
    });
    const invoker = new SageMakerInvoker({
      endpointName: 'ep',
      format: {
        contentType: 'application/jsonlines',
        acceptType: 'application/jsonlines',
        contentTemplate: '{"instance":$features}',
        probability: 'score',
      },
    });
    expect(
      await invoker.invoke([
        [5, 1],
        [7, 2],
      ]),
    ).toEqual([[0.5], [0.7]]);
    expect(sentBodies()).toEqual(['{"instance":[5,1]}\n{"instance":[7,2]}']);
  });
});
