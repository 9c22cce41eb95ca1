import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpModelInvoker, pingModel } from '@vigil/aws';
import { functionInvoker, kernelShap, ModelInvocationError } from '@vigil/core/explain';
import { modelServerFormat, type RunningModelServer, serveModel } from '@vigil/local';
import { afterEach, describe, expect, it } from 'vitest';

const model = (x: readonly (number | string)[]) => 2 * Number(x[0]) - Number(x[1]) + (x[2] === 'red' ? 1 : 0);
const noWait = async () => {};
let running: RunningModelServer | undefined;
let raw: Server | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
  await new Promise<void>((resolve) => (raw ? raw.close(() => resolve()) : resolve()));
  raw = undefined;
});

describe('serveModel + httpModelInvoker (SageMaker container contract)', () => {
  it('answers GET /ping and scores CSV over POST /invocations on 127.0.0.1', async () => {
    running = await serveModel(model);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await pingModel(running.url)).toBe(true);
    const invoker = httpModelInvoker({ url: running.url, maxRecordsPerRequest: 7 });
    const records = Array.from({ length: 50 }, (_, i) => [i, i / 2, i % 2 ? 'red' : 'blue']);
    expect(await invoker.invoke(records)).toEqual(records.map((r) => [model(r)]));
  });

  it('speaks JSON Lines ({"features": [...]} in, {"score": x} out)', async () => {
    running = await serveModel(model);
    const invoker = httpModelInvoker({
      url: `${running.url}/invocations`,
      format: modelServerFormat('application/jsonlines'),
    });
    expect(
      await invoker.invoke([
        [1, 1, 'red'],
        [3, 0, 'blue'],
      ]),
    ).toEqual([[2], [6]]);
  });

  it('gives the same SHAP values through HTTP as in process', async () => {
    running = await serveModel((x) => Math.tanh(Number(x[0])) * Number(x[1]));
    const background = {
      rows: [
        [0, 1],
        [1, 0],
      ],
    };
    const instances = [
      [2, 3],
      [-1, 0.5],
    ];
    const remote = await kernelShap(httpModelInvoker({ url: running.url }), instances, background);
    const local = await kernelShap(
      functionInvoker((x) => Math.tanh(Number(x[0])) * Number(x[1])),
      instances,
      background,
    );
    expect(remote.local).toEqual(local.local);
    expect(remote.expectedValues).toEqual(local.expectedValues);
  });

  it('retries 503 and 429 answers, then succeeds', async () => {
    let calls = 0;
    raw = createServer((request, response) => {
      calls++;
      request.resume();
      request.on('end', () => {
        if (calls === 1) response.writeHead(503).end('busy');
        else if (calls === 2) response.writeHead(429).end('slow down');
        else response.writeHead(200, { 'content-type': 'text/csv' }).end('0.25\n0.75');
      });
    });
    await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    const invoker = httpModelInvoker({ url, sleep: noWait });
    expect(await invoker.invoke([[1], [2]])).toEqual([[0.25], [0.75]]);
    expect(calls).toBe(3);
  });

  it('does not retry a 4xx answer and says what to check; reports an unreachable server', async () => {
    running = await serveModel(model);
    const wrongType = httpModelInvoker({
      url: running.url,
      format: { contentType: 'application/json', acceptType: 'application/json' },
      sleep: noWait,
    });
    await expect(wrongType.invoke([[1, 2, 'red']])).rejects.toThrow(/answered 415/);
    const port = running.port;
    await running.close();
    running = undefined;
    expect(await pingModel(`http://127.0.0.1:${port}`)).toBe(false);
    const gone = httpModelInvoker({ url: `http://127.0.0.1:${port}`, maxAttempts: 2, sleep: noWait });
    await expect(gone.invoke([[1, 2, 'red']])).rejects.toBeInstanceOf(ModelInvocationError);
  });
});
