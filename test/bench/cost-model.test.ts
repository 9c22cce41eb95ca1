import { describe, expect, it } from 'vitest';
import { sageMakerEndpointMonth, vigilEndpointMonth } from '../../bench/cost-model.ts';

// Hand-worked: 60 files an hour for 730 hours = 43,800 files; 4 monitors × 730 = 2,920 runs.
const measured = {
  cpuMsPerProfile: 25,
  cpuMsPerMonitorRun: 1000,
  filesPerEndpointHourMeasured: 2500,
  metricSeriesPerEndpoint: 47,
  bytesPerFile: 10_000,
};

const line = (lines: { item: string; usd: number }[], item: string) =>
  lines.find((l) => l.item === item || l.item.startsWith(item))?.usd;

describe('the cost model', () => {
  it("prices Vigil's Lambda requests and profile-capture duration from the measured CPU", () => {
    const bill = vigilEndpointMonth(measured, 60);
    // (43,800 + 2,920) requests × $0.20 per million.
    expect(line(bill, 'Lambda requests')).toBeCloseTo(0.009344, 9);
    // 43,800 × (25 ms CPU + 3 × 15 ms S3) = 3,066 GB-s at 1 GB × $0.0000133334.
    expect(line(bill, 'Lambda duration, profile-capture')).toBeCloseTo(3066 * 0.0000133334, 9);
  });

  it("prices SageMaker's four hourly schedules on ml.m5.xlarge and the same metrics", () => {
    const bill = sageMakerEndpointMonth(measured);
    // 2,920 executions × 8/60 h × $0.23.
    expect(line(bill, 'Processing jobs')).toBeCloseTo((2920 * 8 * 0.23) / 60, 6);
    // (47 + 53) series × $0.30, plus 2,920 PutMetricData calls × $0.01 per 1,000.
    expect(line(bill, 'CloudWatch metrics')).toBeCloseTo(30.0292, 6);
  });

  it('grows the monitors with the files they merge, from a floor of 200 ms', () => {
    const light = line(vigilEndpointMonth(measured, 60), 'Lambda duration, monitors') as number;
    const heavy = line(vigilEndpointMonth(measured, 2500), 'Lambda duration, monitors') as number;
    // 200 ms + 8 × 15 ms against 1,000 ms + 8 × 15 ms per run.
    expect(heavy / light).toBeCloseTo(1120 / 320, 9);
  });
});
