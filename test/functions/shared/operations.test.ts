import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaHandler } from '../../../functions/src/shared/lambda-handler.ts';
import { logger } from '../../../functions/src/shared/logger.ts';
import {
  OPERATIONAL_METRIC,
  OPERATIONAL_NAMESPACE,
  OperationalMetrics,
} from '../../../functions/src/shared/operational-metrics.ts';

const context = {
  functionName: 'vigil-prod-profile-capture',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:vigil-prod-profile-capture',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/vigil-prod-profile-capture',
  logStreamName: '2026/12/04/[$LATEST]abc',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 60_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
} as Context;

/** EMF documents written to the console by a Metrics instance that is enabled despite POWERTOOLS_DEV. */
function capturedMetrics() {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  const metrics = new OperationalMetrics(
    new Metrics({ namespace: OPERATIONAL_NAMESPACE, serviceName: 'monitor-data-quality' }),
  );
  return { metrics, documents: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('operational metrics (Powertools Metrics, EMF)', () => {
  it("writes a monitor run's duration and capture-to-metric lag under Vigil's namespace", () => {
    const { metrics, documents } = capturedMetrics();
    const detail = {
      monitoringType: 'DataQuality',
      status: 'Completed',
      windowEnd: '2026-12-04T13:00:00.000Z',
    };
    metrics.monitorRun(
      detail as Parameters<OperationalMetrics['monitorRun']>[0],
      new Date('2026-12-04T13:05:00.000Z'),
      new Date('2026-12-04T13:05:02.500Z'),
    );
    metrics.flush();
    const [emf] = documents();
    expect(emf).toMatchObject({
      service: 'monitor-data-quality',
      MonitoringType: 'DataQuality',
      [OPERATIONAL_METRIC.runDuration]: 2500,
      [OPERATIONAL_METRIC.captureToMetricLag]: 302.5,
    });
    const directive = (
      emf!._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string; Unit: string }[] }[] }
    ).CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe('Vigil/Operations');
    expect(directive.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'RunDuration', Unit: 'Milliseconds' },
        { Name: 'CaptureToMetricLag', Unit: 'Seconds' },
      ]),
    );
  });

  it('writes no lag for a failed run, nothing when nothing was recorded, and nothing once discarded', () => {
    const { metrics, documents } = capturedMetrics();
    metrics.flush();
    expect(documents()).toEqual([]);
    metrics.filesProfiled(1);
    metrics.discard();
    metrics.flush();
    expect(documents()).toEqual([]);
    const failed = {
      monitoringType: 'ModelQuality',
      status: 'Failed',
      windowEnd: '2026-12-04T13:00:00.000Z',
    };
    const at = new Date('2026-12-04T13:05:00.000Z');
    metrics.monitorRun(failed as Parameters<OperationalMetrics['monitorRun']>[0], at, at);
    metrics.alertsSent(2);
    metrics.flush();
    const [emf] = documents();
    expect(emf).toMatchObject({ RunDuration: 0, AlertsSent: 2 });
    expect(emf).not.toHaveProperty('CaptureToMetricLag');
  });
});

describe('lambdaHandler', () => {
  it('gives the logger the Lambda context and drops the keys an invocation appended', async () => {
    const addContext = vi.spyOn(logger, 'addContext');
    const resetKeys = vi.spyOn(logger, 'resetKeys');
    const handler = lambdaHandler(async (event: unknown) => {
      logger.appendKeys({ eventId: 'e-1' });
      return { echoed: event };
    });
    expect(await handler({ endpoint: 'ep' }, context)).toEqual({ echoed: { endpoint: 'ep' } });
    expect(addContext).toHaveBeenCalledWith(context);
    expect(resetKeys).toHaveBeenCalledTimes(1);
  });

  it('resets the keys when the invocation fails too, and skips the context outside Lambda', async () => {
    const addContext = vi.spyOn(logger, 'addContext');
    const resetKeys = vi.spyOn(logger, 'resetKeys');
    const failing = lambdaHandler(async () => {
      throw new Error('bad event');
    });
    await expect(failing({})).rejects.toThrow('bad event');
    expect(addContext).not.toHaveBeenCalled();
    expect(resetKeys).toHaveBeenCalledTimes(1);
  });
});
