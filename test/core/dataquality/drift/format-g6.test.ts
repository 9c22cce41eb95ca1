import { describe, expect, it } from 'vitest';
import { formatG6 } from '../../../../bench/drift-workload.ts';
import cases from './fixtures/g6.json' with { type: 'json' };

describe("the workload's %.6g writer", () => {
  it("writes every value as Python's '%.6g' does", () => {
    const wrong = (cases as [number, string][])
      .map(([value, text]) => [value, text, formatG6(value)])
      .filter(([, text, ours]) => text !== ours);
    expect(wrong).toEqual([]);
  });
});
