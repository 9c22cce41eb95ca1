import { type GroundTruthIssue, parseGroundTruthLine, parseGroundTruthText } from '@vigil/core/groundtruth';
import { describe, expect, it } from 'vitest';

const source = { key: 'ground-truth/2024/05/01/14/0100.jsonl', line: 1 };
const labelLine = (data: string, encoding: string, metadata: Record<string, unknown> = { eventId: 'e-1' }) =>
  JSON.stringify({ groundTruthData: { data, encoding }, eventMetadata: metadata, eventVersion: '0' });

describe('parseGroundTruthLine', () => {
  it('reads a CSV label as SageMaker documents it', () => {
    expect(parseGroundTruthLine(labelLine('1', 'CSV'), source)).toEqual({
      labels: [{ id: 'e-1', eventId: 'e-1', values: ['1'], source }],
    });
  });

  it('reads a JSON label and keeps its JSON for ground_truth_attribute paths', () => {
    const { labels } = parseGroundTruthLine(
      labelLine('{"label": 0}', 'JSON', { eventId: '95', inferenceTime: '2023-01-19T06:04:56Z' }),
      source,
    );
    expect(labels).toEqual([
      {
        id: '95',
        eventId: '95',
        values: ['0'],
        json: { label: 0 },
        inferenceTime: '2023-01-19T06:04:56Z',
        source,
      },
    ]);
  });

  it('gives each line of a multi-line label the key of the matching sub-record', () => {
    const { labels } = parseGroundTruthLine(labelLine('1\n0\n', 'CSV', { eventId: 'req' }), source);
    expect(labels?.map((l) => [l.id, l.values])).toEqual([
      ['req#0', ['1']],
      ['req#1', ['0']],
    ]);
  });

  it('counts lines it cannot use, without label data in the message', () => {
    const reasons = [
      '{"groundTruthData":',
      '"just a string"',
      labelLine('1', 'CSV', {}),
      JSON.stringify({ eventMetadata: { eventId: 'x' } }),
      labelLine('{"label": SECRET', 'JSON'),
      labelLine('', 'CSV'),
    ].map((line) => parseGroundTruthLine(line, source).issue);
    expect(reasons.map((i) => i?.reason)).toEqual([
      'malformed-line',
      'malformed-line',
      'malformed-line',
      'missing-ground-truth-data',
      'undecodable-payload',
      'missing-ground-truth-data',
    ]);
    expect(reasons.every((i) => !i?.message.includes('SECRET'))).toBe(true);
  });
});

describe('parseGroundTruthText', () => {
  it('keeps the good lines of a file with bad ones, numbering lines from 1', () => {
    const issues: GroundTruthIssue[] = [];
    const text = [
      labelLine('1', 'CSV', { eventId: 'a' }),
      'garbage',
      '',
      labelLine('0', 'CSV', { eventId: 'b' }),
    ].join('\r\n');
    const labels = parseGroundTruthText(text, 'k', (i) => issues.push(i));
    expect(labels.map((l) => [l.id, l.values[0], l.source.line])).toEqual([
      ['a', '1', 1],
      ['b', '0', 4],
    ]);
    expect(issues).toEqual([expect.objectContaining({ reason: 'malformed-line', key: 'k', line: 2 })]);
  });
});
