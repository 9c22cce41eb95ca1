import { type MonitoringExecutionDetail, parseConfig } from '@vigil/core';
import {
  cardCompleteness,
  type DashboardSources,
  dashboardResponse,
  updateRunIndex,
} from '@vigil/core/dashboard';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../support/memory-store.ts';

const run: MonitoringExecutionDetail = {
  endpointName: 'churn',
  variantName: 'Champion',
  monitoringScheduleName: 'churn-model-quality',
  monitoringType: 'ModelQuality',
  status: 'CompletedWithViolations',
  scheduledTime: '2024-05-01T14:00:00.000Z',
  windowStart: '2024-05-01T12:00:00.000Z',
  windowEnd: '2024-05-01T13:00:00.000Z',
  reportUri: 'memory://vigil/reports/churn/model-quality/2024/05/01/14/',
  violationCount: 1,
  violations: [{ subject: 'accuracy', checkType: 'LessThanThreshold', description: 'low' }],
  metrics: { accuracy: 0.7 },
  skipped: [],
  recordCount: 90,
};

async function sources(): Promise<DashboardSources> {
  const store = new MemoryStore();
  await store.put(
    'baselines/churn/model-quality/constraints.json',
    JSON.stringify({
      version: 0,
      binary_classification_constraints: {
        accuracy: { threshold: 0.75, comparison_operator: 'LessThanThreshold' },
        false_positive_rate: { threshold: 0.2, comparison_operator: 'GreaterThanThreshold' },
      },
    }),
  );
  await store.put('reports/churn/model-quality/2024/05/01/14/report.html', '<p>run</p>');
  await store.put('audit/000000000001.json', '{}');
  await updateRunIndex({ store }, run, [{ name: 'report.html', body: '<p>run</p>' }]);
  const config = parseConfig({
    version: 1,
    endpoints: [
      {
        name: 'churn',
        variant: 'Champion',
        modelPackageGroup: 'churn',
        monitors: {
          modelQuality: { baseline: 'baselines/churn/model-quality/', problemType: 'BinaryClassification' },
        },
      },
      { name: 'fraud', monitors: {} },
    ],
  });
  return { store, config };
}

const body = (response: { body: string | Uint8Array }) =>
  JSON.parse(typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body));

describe('dashboardResponse', () => {
  it('overview: configured endpoints, each indexed monitor with its latest run', async () => {
    const overview = body(await dashboardResponse(await sources(), '/api/overview'));
    expect(overview.endpoints.map((e: { name: string }) => e.name)).toEqual(['churn', 'fraud']);
    expect(overview.endpoints[0].variants).toEqual(['Champion']);
    expect(overview.endpoints[0].monitors).toEqual([
      expect.objectContaining({
        monitoringType: 'ModelQuality',
        runCount: 1,
        recent: { runs: 1, violating: 1, failed: 0 },
        last: expect.objectContaining({ status: 'CompletedWithViolations' }),
      }),
    ]);
    expect(overview.endpoints[1].monitors).toEqual([]);
    expect(overview.groups).toEqual(['churn']);
  });

  it("series: the index's runs with their report keys, thresholds from the baseline's constraints.json", async () => {
    const series = body(await dashboardResponse(await sources(), '/api/series/churn/ModelQuality'));
    expect(series.thresholds).toEqual({
      accuracy: { value: 0.75, comparison: 'LessThanThreshold' },
      false_positive_rate: { value: 0.2, comparison: 'GreaterThanThreshold' },
    });
    expect(series.runs).toHaveLength(1);
    expect(series.runs[0].reportKey).toBe('reports/churn/model-quality/2024/05/01/14/');
    expect(series.runs[0].reportHtml).toBe(true);
    const unknown = await dashboardResponse(await sources(), '/api/series/churn/Quality');
    expect(unknown.status).toBe(404);
    expect(body(unknown).error).toContain(
      'Unknown monitoring type Quality: one of DataQuality, ModelQuality',
    );
  });

  it('files: hands out report files, nothing else of the store, and no path that climbs out', async () => {
    const s = await sources();
    const page = await dashboardResponse(
      s,
      '/api/files/reports/churn/model-quality/2024/05/01/14/report.html',
    );
    expect([page.status, page.contentType, new TextDecoder().decode(page.body as Uint8Array)]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<p>run</p>',
    ]);
    for (const path of [
      '/api/files/audit/000000000001.json',
      '/api/files/reports/../audit/000000000001.json',
      '/api/files/reports/%2E%2E/audit/000000000001.json',
      '/api/files/reports/churn/none.json',
      '/elsewhere',
    ])
      expect((await dashboardResponse(s, path)).status, path).toBe(404);
  });

  it('audit: says so when the log is not readable from here', async () => {
    expect(body(await dashboardResponse(await sources(), '/api/audit'))).toEqual({ available: false });
  });
});

describe('cardCompleteness', () => {
  it('counts the expected fields a card fills, empty strings and lists counting as missing', () => {
    const result = cardCompleteness({
      model_overview: {
        model_description: 'x',
        model_owner: ' ',
        problem_type: 'Binary',
        algorithm_type: 'LR',
      },
      intended_uses: { purpose_of_model: 'p', intended_uses: 'u', risk_rating: 'Low' },
      training_details: { training_observations: 'NOAA' },
      evaluation_details: [],
    });
    expect(result).toEqual({
      filled: 7,
      total: 10,
      missing: ['model_overview.model_owner', 'evaluation_details', 'additional_information'],
    });
  });
});
