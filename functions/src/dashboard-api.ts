import { S3ObjectStore, SageMakerModelCardStore, SageMakerModelRegistry } from '@vigil/aws';
import { readPublishedHeads, verifyAuditLog } from '@vigil/core/audit';
import { type DashboardResponse, type DashboardSources, dashboardResponse } from '@vigil/core/dashboard';
import type { APIGatewayProxyResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { lambdaHandler } from './shared/lambda-handler.ts';
import { createRuntime, logger } from './shared/runtime.ts';

/**
 * dashboard-api: the dashboard's read-only API over Vigil's bucket, behind a Lambda function URL
 * with IAM authorization (infra/dashboard-api.ts): the same answers `vigil ui` gives over a home
 * folder (`dashboardResponse`), for `vigil ui --api <url>`, which signs each request with the
 * caller's AWS credentials. GET only; it reads the run indexes, incidents, rollbacks, decisions,
 * report files, the registry, model cards and the audit log, and writes nothing.
 *
 * @example
 * ```ts
 * const api = createDashboardApiHandler(async () => ({ store, config }));
 * await api({ rawPath: '/api/overview', requestContext: { http: { method: 'GET' } } } as LambdaFunctionURLEvent);
 * ```
 */
export function createDashboardApiHandler(
  sources: () => Promise<DashboardSources>,
): (event: LambdaFunctionURLEvent) => Promise<APIGatewayProxyResultV2> {
  return async (event) => {
    const method = event.requestContext?.http?.method;
    if (method !== 'GET' && method !== 'HEAD')
      return reply({
        status: 405,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'GET only: the dashboard API is read-only' }),
      });
    return reply(await dashboardResponse(await sources(), event.rawPath ?? '/'));
  };
}

function reply(response: DashboardResponse): APIGatewayProxyResultV2 {
  const binary = typeof response.body !== 'string';
  return {
    statusCode: response.status,
    headers: {
      'content-type': response.contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: binary ? Buffer.from(response.body).toString('base64') : (response.body as string),
    isBase64Encoded: binary,
  };
}

let cached: Promise<DashboardSources> | undefined;

/** What the Lambda reads: Vigil's bucket and configuration, SageMaker's registry and cards, the audit buckets. */
async function deployedSources(): Promise<DashboardSources> {
  const runtime = await createRuntime(process.env);
  const auditStore = runtime.auditStore;
  const headsBucket = process.env.VIGIL_AUDIT_HEADS_BUCKET;
  return {
    store: runtime.store,
    config: runtime.config,
    registry: new SageMakerModelRegistry(),
    cards: new SageMakerModelCardStore(),
    ...(auditStore && headsBucket
      ? {
          verifyAudit: async () =>
            verifyAuditLog(auditStore, 'audit', {
              publishedHeads: await readPublishedHeads(new S3ObjectStore({ bucket: headsBucket }), 'audit'),
            }),
        }
      : {}),
  };
}

const api = createDashboardApiHandler(() => {
  cached ??= deployedSources().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
});

/** The Lambda behind the function URL. */
export const handler = lambdaHandler(async (event) => {
  const result = await api(event as LambdaFunctionURLEvent);
  logger.info('Dashboard API answered', { path: (event as LambdaFunctionURLEvent).rawPath });
  return result;
});
