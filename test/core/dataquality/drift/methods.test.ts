import {
  DRIFT_METHODS,
  type DriftInput,
  driftMethod,
  homogeneityTest,
  kolmogorovSurvival,
  ksStatistic,
  referenceQuantileEdges,
  sampleFromSketch,
  upperRegularizedGamma,
  type WeightedSample,
} from '@vigil/core/dataquality';
import { KllSketch } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';
import { gaussian } from '../../../../bench/drift-workload.ts';
import { seededRandom } from '../../../../bench/generate-capture.ts';
import expected from './fixtures/drift-expected.json' with { type: 'json' };

type Expected = Record<string, number>;

function sketchOf(values: readonly number[]): KllSketch {
  const sketch = new KllSketch();
  for (const x of values) sketch.update(x);
  return sketch;
}

function populationStd(values: readonly number[]): number {
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length);
}

function numericalInput(reference: readonly number[], current: readonly number[]): DriftInput {
  return {
    type: 'numerical',
    reference: sampleFromSketch(sketchOf(reference)),
    current: sampleFromSketch(sketchOf(current)),
    referenceStd: populationStd(reference),
  };
}

function methodValue(name: string, input: DriftInput): number {
  const method = driftMethod(name);
  if (!method) throw new Error(`no method ${name}`);
  const outcome = method.compute(input);
  if (!('value' in outcome)) throw new Error(`${name}: ${outcome.notComputed}`);
  return outcome.value;
}

/** Relative closeness for values spanning orders of magnitude (p-values). */
function expectRelative(actual: number, wanted: number, tolerance: number): void {
  if (wanted === 0) expect(Math.abs(actual)).toBeLessThan(1e-300);
  else expect(Math.abs(actual - wanted) / Math.abs(wanted)).toBeLessThan(tolerance);
}

const NUMERICAL = ['wasserstein', 'jensen_shannon', 'psi', 'ks', 'linf', 'linf_simple'];
const CATEGORICAL = ['jensen_shannon', 'linf', 'linf_simple', 'chi_squared'];

describe('numerical drift methods on small inputs (sketch not compacted: exact)', () => {
  for (const name of ['small_normal', 'small_ties', 'small_same'] as const) {
    const fixture = expected[name];
    it(`${name}: every method equals scipy/numpy`, () => {
      const input = numericalInput(fixture.reference, fixture.current);
      const want = fixture.expected as unknown as Expected;
      for (const method of NUMERICAL) {
        const got = methodValue(method, input);
        if (method === 'ks') expectRelative(got, want.ks as number, 1e-9);
        else expect(got, method).toBeCloseTo(want[method] as number, 12);
      }
      if (input.type !== 'numerical') throw new Error('numerical input expected');
      expect(ksStatistic(input.reference, input.current)).toBeCloseTo(want.ks_statistic as number, 12);
      expect(referenceQuantileEdges(input.reference)).toEqual(fixture.expected.edges);
    });
  }
});

describe('numerical drift methods on large inputs (compacted sketches)', () => {
  const fixture = expected.large_normal;
  const draw = (spec: { seed: number; count: number; shift: number; scale: number }) => {
    const normal = gaussian(seededRandom(spec.seed));
    return Array.from({ length: spec.count }, () => spec.shift + spec.scale * normal());
  };
  const reference = draw(fixture.reference);
  const current = draw(fixture.current);

  it('stays within the stated tolerance of the exact values', () => {
    const input = numericalInput(reference, current);
    if (input.type !== 'numerical') throw new Error('numerical input expected');
    // The sketches stand for 100,000 and 200,000 values with a few thousand items each.
    expect(input.reference.values.length).toBeLessThan(10_000);
    expect(input.reference.total).toBe(100_000);
    const want = fixture.expected as unknown as Expected;
    // Tolerances: KLL (k = 2048) rank error is about 0.2 % of n; distances move by about that.
    expect(Math.abs(methodValue('wasserstein', input) - (want.wasserstein as number))).toBeLessThan(0.005);
    expect(Math.abs(methodValue('jensen_shannon', input) - (want.jensen_shannon as number))).toBeLessThan(
      0.005,
    );
    expect(Math.abs(methodValue('psi', input) - (want.psi as number))).toBeLessThan(0.002);
    expect(Math.abs(methodValue('linf_simple', input) - (want.linf_simple as number))).toBeLessThan(0.005);
    expect(Math.abs(methodValue('linf', input) - (want.linf as number))).toBeLessThan(0.005);
    expect(methodValue('ks', input)).toBeLessThan(1e-100);
  });
});

describe('categorical drift methods', () => {
  for (const name of ['categorical_shift', 'categorical_same', 'categorical_pooled'] as const) {
    const fixture = expected[name];
    it(`${name}: every method equals scipy/numpy`, () => {
      const input: DriftInput = {
        type: 'categorical',
        reference: new Map(Object.entries(fixture.reference)),
        current: new Map(Object.entries(fixture.current)),
      };
      const want = fixture.expected as unknown as Expected;
      for (const method of CATEGORICAL) {
        const got = methodValue(method, input);
        if (method === 'chi_squared') expectRelative(got, want.chi_squared as number, 1e-9);
        else expect(got, method).toBeCloseTo(want[method] as number, 12);
      }
      if (input.type !== 'categorical') throw new Error('categorical input expected');
      expect(homogeneityTest(input.reference, input.current).statistic).toBeCloseTo(
        want.chi_squared_statistic as number,
        9,
      );
    });
  }

  it('chi-squared homogeneity pools a sparse category with the next smallest', () => {
    const result = homogeneityTest(
      new Map([
        ['a', 600],
        ['b', 300],
        ['c', 95],
        ['z', 2],
      ]),
      new Map([
        ['a', 250],
        ['b', 160],
        ['c', 70],
        ['z', 1],
      ]),
    );
    expect(result.cells).toBe(3);
    expect(result.degreesOfFreedom).toBe(2);
  });
});

describe('distributions behind the p-values', () => {
  it('the Kolmogorov survival function equals scipy kstwobign.sf', () => {
    for (const [lambda, want] of Object.entries(expected.kolmogorov_survival))
      expectRelative(kolmogorovSurvival(Number(lambda)), want, 1e-9);
  });

  it('the chi-square tail equals scipy chisquare', () => {
    const tail = expected.chisquare_tail;
    expectRelative(upperRegularizedGamma(tail.dof / 2, tail.statistic / 2), tail.expected, 1e-9);
  });
});

describe('degenerate inputs say why they are not computed', () => {
  const constant: WeightedSample = sampleFromSketch(sketchOf([3, 3, 3]));
  it('wasserstein on a constant reference', () => {
    const outcome = driftMethod('wasserstein')?.compute({
      type: 'numerical',
      reference: constant,
      current: sampleFromSketch(sketchOf([3, 4])),
      referenceStd: 0,
    });
    expect(outcome).toEqual({ notComputed: expect.stringContaining('constant') });
  });

  it('chi_squared with one category', () => {
    const outcome = driftMethod('chi_squared')?.compute({
      type: 'categorical',
      reference: new Map([['a', 10]]),
      current: new Map([['a', 5]]),
    });
    expect(outcome).toEqual({ notComputed: expect.stringContaining('fewer than two categories') });
  });

  it('a method asked about a type it does not apply to', () => {
    const outcome = driftMethod('psi')?.compute({
      type: 'categorical',
      reference: new Map(),
      current: new Map(),
    });
    expect(outcome).toEqual({ notComputed: 'psi applies to numerical features only' });
  });

  it('psi and jensen_shannon on a constant reference use the two bins around it', () => {
    const input: DriftInput = {
      type: 'numerical',
      reference: constant,
      current: sampleFromSketch(sketchOf([3, 3, 4, 5])),
      referenceStd: 0,
    };
    // Reference all in (−∞, 3]; current half there, half above: JS of [1, 0] and [0.5, 0.5].
    const js = Math.sqrt(
      0.5 * Math.log(1 / 0.75) + 0.25 * Math.log(0.5 / 0.25) + 0.25 * Math.log(0.5 / 0.75),
    );
    expect(methodValue('jensen_shannon', input)).toBeCloseTo(js, 12);
    expect(methodValue('psi', input)).toBeCloseTo(
      -0.5 * Math.log(0.5) + (0.5 - 1e-4) * Math.log(0.5 / 1e-4),
      12,
    );
  });

  it('every registered method names its types and a default threshold', () => {
    for (const method of DRIFT_METHODS) {
      expect(method.types.length).toBeGreaterThan(0);
      expect(Number.isFinite(method.defaultThreshold)).toBe(true);
    }
  });
});
