import { MAX_SKIPPED_EXAMPLES, SkippedInputTally } from '@vigil/core';
import { IssueTally } from '@vigil/core/dataquality';
import { describe, expect, it } from 'vitest';

describe('SkippedInputTally', () => {
  it('counts by reason in first-seen order and keeps five examples a reason', () => {
    const tally = new SkippedInputTally();
    for (let line = 1; line <= 7; line++) tally.add('malformed-line', `x.jsonl:${line}`);
    tally.add('not-utf8', 'y.jsonl:2');
    tally.add('malformed-line', undefined, 3);
    expect(MAX_SKIPPED_EXAMPLES).toBe(5);
    expect(tally.toSkipped()).toEqual([
      {
        reason: 'malformed-line',
        count: 10,
        examples: ['x.jsonl:1', 'x.jsonl:2', 'x.jsonl:3', 'x.jsonl:4', 'x.jsonl:5'],
      },
      { reason: 'not-utf8', count: 1, examples: ['y.jsonl:2'] },
    ]);
    expect(tally.total).toBe(11);
  });

  it('adds nothing for a count of zero or less, so "0 skipped" never shows as a reason', () => {
    const tally = new SkippedInputTally();
    tally.add('prediction-without-label', 'id-1', 0);
    tally.add('duplicate-label', undefined, -2);
    tally.addAll([{ reason: 'duplicate-prediction', count: 0 }]);
    expect(tally.toSkipped()).toEqual([]);
    expect(tally.total).toBe(0);
  });

  it('merges counts from elsewhere, keeping count-only reasons without examples', () => {
    const tally = new SkippedInputTally();
    tally.add('malformed-line', 'a.jsonl:4');
    tally.addAll([
      { reason: 'malformed-line', count: 2, examples: ['b.jsonl:1', 'b.jsonl:8'] },
      { reason: 'column-count-mismatch', count: 5 },
      { reason: 'label-without-prediction', count: 1, examples: [] },
    ]);
    tally.addAll([{ reason: 'column-count-mismatch', count: 1 }]);
    expect(tally.toSkipped()).toEqual([
      { reason: 'malformed-line', count: 3, examples: ['a.jsonl:4', 'b.jsonl:1', 'b.jsonl:8'] },
      { reason: 'column-count-mismatch', count: 6 },
      { reason: 'label-without-prediction', count: 1, examples: [] },
    ]);
  });

  it('hands out copies, so counting on does not change what was reported', () => {
    const tally = new SkippedInputTally();
    tally.add('malformed-line', 'a.jsonl:1');
    const reported = tally.toSkipped();
    tally.add('malformed-line', 'a.jsonl:2');
    expect(reported).toEqual([{ reason: 'malformed-line', count: 1, examples: ['a.jsonl:1'] }]);
  });

  it('is what data quality still calls IssueTally', () => {
    expect(IssueTally).toBe(SkippedInputTally);
  });
});
