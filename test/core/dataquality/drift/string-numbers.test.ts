import {
  createDataQualityBaseline,
  evaluateDrift,
  parseConstraintsFile,
  parseStatisticsFile,
} from '@vigil/core/dataquality';
import { ProfileBuilder } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

async function* once(text: string): AsyncIterable<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function baselineOf(values: readonly number[]) {
  const files = await createDataQualityBaseline(once(`x\n${values.join('\n')}\n`), {
    format: 'csv',
    header: true,
  });
  return {
    statistics: parseStatisticsFile(files.statistics),
    constraints: parseConstraintsFile(files.constraints),
  };
}

function windowOf(values: readonly string[]) {
  const builder = new ProfileBuilder(['x']);
  for (const value of values) builder.addRow([value]);
  return builder.build();
}

describe('drift of a numeric feature that a few texts made String', () => {
  const reference = Array.from({ length: 1000 }, (_, i) => i % 100);

  it('is judged on the numbers, with a note saying the texts were left out', async () => {
    const baseline = await baselineOf(reference);
    // Every number moved by 30 (W1 = 30 exactly), plus three texts that make SageMaker's type String.
    const window = windowOf([...reference.map((x) => String(x + 30)), 'n/a', 'n/a', '?']);
    expect(window.columns[0]?.inferredType).toBe('String');
    const verdict = evaluateDrift(window, baseline, ['x'], {}).features.x;
    expect(verdict).toMatchObject({ type: 'numerical', method: 'wasserstein', drift: true, m: 1000 });
    // σ of 0..99 repeated (population): sqrt((100² − 1) / 12) = 28.866…
    expect(verdict?.value).toBeCloseTo(30 / Math.sqrt((100 * 100 - 1) / 12), 6);
    expect(verdict?.note).toBe(
      "judged on the window's 1000 numbers; its 3 texts (see vigil_notes.json) are left out",
    );
  });

  it('is not judged when the window is mostly text', async () => {
    const baseline = await baselineOf(reference);
    const window = windowOf(['a', 'b', 'c', '1']);
    expect(evaluateDrift(window, baseline, ['x'], {}).features.x).toMatchObject({
      value: null,
      drift: false,
      not_computed: "the window's values are String, not numbers",
    });
  });
});
