import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { functionUrlClient } from '@vigil/aws';
import { ConfigError } from '@vigil/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A stand-in for a Lambda function URL: it records what arrives, and the test checks the SigV4
// signature itself from the AWS specification (not with the signer under test).
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((request, response) => {
  seen.push({ url: request.url ?? '', headers: request.headers });
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"endpoints":[]}');
});
let base: string;
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('functionUrlClient', () => {
  it('signs each GET with SigV4 for the lambda service, as IAM-authorized function URLs require', async () => {
    const get = functionUrlClient(base, {
      region: 'eu-west-1',
      credentials,
      now: () => new Date('2024-05-01T13:05:00Z'),
    });
    const answer = await get('/api/series/churn/DataQuality');
    expect([answer.status, answer.contentType, new TextDecoder().decode(answer.body)]).toEqual([
      200,
      'application/json',
      '{"endpoints":[]}',
    ]);
    const { url, headers } = seen.at(-1)!;
    expect(url).toBe('/api/series/churn/DataQuality');
    expect(headers['x-amz-date']).toBe('20240501T130500Z');
    const match =
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20240501\/eu-west-1\/lambda\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(headers.authorization),
      );
    expect(match, String(headers.authorization)).not.toBeNull();
    const signed = match![1]!.split(';');
    expect(signed).toContain('host');
    expect(signed).toContain('x-amz-date');
    // The canonical request and string to sign of the AWS Signature Version 4 specification.
    const canonical = [
      'GET',
      url,
      '',
      ...signed.map((name) => `${name}:${String(headers[name]).trim()}`),
      '',
      signed.join(';'),
      headers['x-amz-content-sha256'] ?? sha256(''),
    ].join('\n');
    const scope = '20240501/eu-west-1/lambda/aws4_request';
    const toSign = ['AWS4-HMAC-SHA256', '20240501T130500Z', scope, sha256(canonical)].join('\n');
    let key = hmac(`AWS4${credentials.secretAccessKey}`, '20240501');
    for (const part of ['eu-west-1', 'lambda', 'aws4_request']) key = hmac(key, part);
    expect(match![2]).toBe(createHmac('sha256', key).update(toSign).digest('hex'));
  });

  it("takes the region from a function URL's host, and says how to fix a URL it cannot place", () => {
    expect(() =>
      functionUrlClient('https://abc123.lambda-url.eu-central-1.on.aws/', { credentials }),
    ).not.toThrow();
    const previous = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      expect(() => functionUrlClient('https://dashboard.example.com/', { credentials })).toThrow(ConfigError);
      expect(() => functionUrlClient('https://dashboard.example.com/', { credentials })).toThrow(
        /set AWS_REGION/,
      );
    } finally {
      if (previous !== undefined) process.env.AWS_REGION = previous;
    }
  });
});
