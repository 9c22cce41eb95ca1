import { evaluateDataQuality, evaluateDrift, resolveDriftChoice } from '@vigil/core/dataquality';
import type { Profile } from '@vigil/core/profile';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKLOAD_COLUMNS, WORKLOAD_DRIFTED } from '../../../../bench/drift-workload.ts';
import { workloadBaseline, workloadWindow } from './workload.ts';

// The issue-10 workload scaled down: 20,000 reference rows, 100,000 current rows.
describe("the default drift method's verdicts on the standard workload", () => {
  let baseline: Awaited<ReturnType<typeof workloadBaseline>>;
  let drifted: Profile;
  beforeAll(async () => {
    baseline = await workloadBaseline(20_000, 1);
    drifted = workloadWindow(100_000, 2, true);
  });

  it('flags exactly f0, f1, f2 and f4 (not the 0.02σ shift of f3)', () => {
    const report = evaluateDrift(drifted, baseline, WORKLOAD_COLUMNS, {});
    expect(report.drifted_features).toEqual(WORKLOAD_DRIFTED);
    expect(report.features.f0).toMatchObject({ type: 'numerical', method: 'wasserstein', threshold: 0.1 });
    // f0 moved 0.2σ, f1 0.5σ: the normed Wasserstein distance reads that.
    expect(report.features.f0?.value).toBeCloseTo(0.2, 1);
    expect(report.features.f1?.value).toBeCloseTo(0.5, 1);
    expect(report.features.f3?.value).toBeLessThan(0.05);
  });

  it("flags every feature SageMaker's Robust L∞ flags (the clear drifts)", () => {
    const window = drifted;
    const sageMaker = evaluateDataQuality(window, baseline)
      .drift.filter((d) => d.violated)
      .map((d) => d.feature);
    expect(sageMaker).toEqual(['f1', 'f4']);
    const vigil = evaluateDrift(window, baseline, WORKLOAD_COLUMNS, {}).drifted_features;
    for (const feature of sageMaker) expect(vigil).toContain(feature);
    const asLInfinity = evaluateDrift(window, baseline, WORKLOAD_COLUMNS, { numerical: { method: 'linf' } });
    expect(asLInfinity.drifted_features).toEqual(sageMaker);
  });

  it('flags nothing in a same-distribution window of the same size', () => {
    const report = evaluateDrift(workloadWindow(100_000, 3, false), baseline, WORKLOAD_COLUMNS, {});
    expect(report.drifted_features).toEqual([]);
    expect(Object.keys(report.features)).toEqual(WORKLOAD_COLUMNS);
  });

  it('ks flags the material drifts but not the 0.02σ shift, thanks to its effect-size floor', () => {
    const report = evaluateDrift(drifted, baseline, WORKLOAD_COLUMNS, {
      numerical: { method: 'ks' },
    });
    expect(report.drifted_features).toEqual(WORKLOAD_DRIFTED);
    // f3's p-value alone would flag (a large window makes a tiny shift significant).
    const f3 = report.features.f3;
    expect(f3?.effect).toBeLessThan(0.05);
  });

  it('takes a method and threshold per feature over the type default', () => {
    const report = evaluateDrift(drifted, baseline, WORKLOAD_COLUMNS, {
      numerical: { method: 'wasserstein', threshold: 0.3 },
      features: { f0: { method: 'psi', threshold: 0.02 }, f3: { method: 'wasserstein', threshold: 0.01 } },
    });
    expect(report.features.f0).toMatchObject({ method: 'psi', threshold: 0.02, drift: true });
    expect(report.features.f2).toMatchObject({ method: 'wasserstein', threshold: 0.3, drift: true });
    // f3 moved 0.02σ: above 0.01, but at these sizes no more than sampling noise.
    expect(report.features.f3?.value).toBeGreaterThan(0.01);
    expect(report.features.f3).toMatchObject({
      drift: false,
      note: expect.stringContaining('sampling noise'),
    });
    expect(report.drifted_features).toEqual(['f0', 'f1', 'f2', 'f4']);
  });

  it('says why when the method does not apply to the feature', () => {
    const report = evaluateDrift(workloadWindow(1_000, 2, true), baseline, WORKLOAD_COLUMNS, {
      features: { f1: { method: 'chi_squared' } },
    });
    expect(report.features.f1).toMatchObject({ method: 'chi_squared', value: null, drift: false });
    expect(report.features.f1?.not_computed).toContain('chi_squared applies to categorical features');
  });
});

describe('small windows', () => {
  it('give no false alarms from sampling noise (20 features × 4 sizes × 5 seeds)', async () => {
    const baseline = await workloadBaseline(5_000, 11);
    const flagged: string[] = [];
    for (const rows of [20, 50, 100, 300]) {
      for (let seed = 100; seed < 105; seed++) {
        for (const method of ['wasserstein', 'jensen_shannon', 'psi', 'linf_simple']) {
          const report = evaluateDrift(workloadWindow(rows, seed, false), baseline, WORKLOAD_COLUMNS, {
            numerical: { method },
          });
          flagged.push(...report.drifted_features.map((f) => `${method}:${rows}:${seed}:${f}`));
        }
      }
    }
    expect(flagged).toEqual([]);
  });

  it('still flag a large drift', async () => {
    const baseline = await workloadBaseline(5_000, 11);
    const report = evaluateDrift(workloadWindow(300, 7, true), baseline, WORKLOAD_COLUMNS, {});
    expect(report.drifted_features).toEqual(expect.arrayContaining(['f1', 'f4']));
  });
});

describe('resolveDriftChoice', () => {
  it("uses the feature's method, else the type's, else the default; a threshold alone keeps the method", () => {
    const settings = {
      numerical: { method: 'psi', threshold: 0.2 },
      features: { a: { method: 'ks' }, b: { threshold: 0.3 }, c: { method: 'wasserstein', threshold: 0.5 } },
    };
    const pick = (feature: string, type: 'numerical' | 'categorical') => {
      const choice = resolveDriftChoice(settings, feature, type);
      return 'method' in choice ? [choice.method.name, choice.threshold] : choice.notComputed;
    };
    // a names its own method: the type's threshold (meant for psi) does not apply to it.
    expect(pick('a', 'numerical')).toEqual(['ks', 0.05]);
    expect(pick('b', 'numerical')).toEqual(['psi', 0.3]);
    expect(pick('c', 'numerical')).toEqual(['wasserstein', 0.5]);
    expect(pick('d', 'numerical')).toEqual(['psi', 0.2]);
    expect(pick('d', 'categorical')).toEqual(['jensen_shannon', 0.1]);
    expect(pick('a', 'categorical')).toMatch(/^ks applies to numerical features, and "a" is categorical/);
  });
});
