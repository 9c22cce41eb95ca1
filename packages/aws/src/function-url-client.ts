import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { ConfigError } from '@vigil/core';
import { onFirstUse } from './lazy-sdk.ts';

const signatureSdk = /* @__PURE__ */ onFirstUse(() => import('@smithy/signature-v4'));
const credentialsSdk = /* @__PURE__ */ onFirstUse(() => import('@aws-sdk/credential-provider-node'));

/** SHA-256 (or HMAC-SHA-256 with a secret) as the SigV4 signer takes it, over node:crypto. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** An answer of the remote API: status, content type and body bytes. */
export interface FunctionUrlResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
}

/** Options of `functionUrlClient`. */
export interface FunctionUrlClientOptions {
  /** The region of the function; default the one in a `*.lambda-url.<region>.on.aws` URL, else AWS_REGION. */
  region?: string;
  /** Credentials; default the SDK's chain (environment, profile, SSO, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The clock the signature is dated with (tests). */
  now?: () => Date;
}

/**
 * A GET client of a Lambda function URL with IAM authorization (`AuthType: AWS_IAM`): each
 * request is signed with SigV4 for the `lambda` service, so only a principal allowed
 * `lambda:InvokeFunctionUrl` gets an answer. `vigil ui --api <url>` serves the dashboard from the
 * deployed API through it.
 *
 * @example
 * ```ts
 * const get = functionUrlClient('https://abc.lambda-url.eu-west-1.on.aws/');
 * const { status, body } = await get('/api/overview');
 * ```
 */
export function functionUrlClient(
  url: string,
  options: FunctionUrlClientOptions = {},
): (path: string) => Promise<FunctionUrlResponse> {
  const base = new URL(url);
  const region =
    options.region ??
    /\.lambda-url\.([a-z0-9-]+)\.on\.aws$/.exec(base.hostname)?.[1] ??
    process.env.AWS_REGION;
  if (!region)
    throw new ConfigError(
      `Cannot tell the region of ${url}: pass a function URL (https://<id>.lambda-url.<region>.on.aws/) or set AWS_REGION`,
      { path: 'api' },
    );
  let signer:
    | Promise<{ sign: (request: never, options?: { signingDate?: Date }) => Promise<unknown> }>
    | undefined;
  const signerOnce = () => {
    signer ??= (async () => {
      const { SignatureV4 } = await signatureSdk();
      const credentials = options.credentials ?? (await credentialsSdk()).defaultProvider();
      return new SignatureV4({ service: 'lambda', region, credentials, sha256: NodeSha256 }) as never;
    })();
    return signer;
  };
  return async (path) => {
    const target = new URL(path.replace(/^\/+/, ''), base.href.endsWith('/') ? base.href : `${base.href}/`);
    const request = {
      method: 'GET',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port ? { port: Number(target.port) } : {}),
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: { host: target.host },
    };
    const signed = (await (
      await signerOnce()
    ).sign(request as never, {
      signingDate: options.now?.() ?? new Date(),
    })) as { headers: Record<string, string> };
    const response = await fetch(target, { headers: signed.headers });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      body: new Uint8Array(await response.arrayBuffer()),
    };
  };
}
