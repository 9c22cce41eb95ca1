import { type CaptureRecord, captureRows, columnNames, csvRecords } from '@vigil/core/capture';
import { describe, expect, it } from 'vitest';

const record: CaptureRecord = {
  eventId: 'e',
  inputs: [
    ['1', '2'],
    ['3', '4'],
  ],
  outputs: [['0.9'], ['0.1']],
  source: { key: 'k', line: 1 },
};

describe('captureRows', () => {
  it('puts output columns first, last, or leaves them out', () => {
    expect(captureRows(record, 'START')).toEqual([
      ['0.9', '1', '2'],
      ['0.1', '3', '4'],
    ]);
    expect(captureRows(record, 'END')).toEqual([
      ['1', '2', '0.9'],
      ['3', '4', '0.1'],
    ]);
    expect(captureRows(record, 'NONE')).toEqual(record.inputs);
    expect(captureRows({ ...record, outputs: [] }, 'START')).toEqual(record.inputs);
  });
});

describe('columnNames', () => {
  it("uses the baseline's names when their count fits, else Spark's _cN", () => {
    expect(columnNames(3)).toEqual(['_c0', '_c1', '_c2']);
    expect(columnNames(2, ['price', 'rooms'])).toEqual(['price', 'rooms']);
    expect(columnNames(3, ['price', 'rooms'])).toEqual(['_c0', '_c1', '_c2']);
  });
});

describe('csvRecords', () => {
  it('reads RFC-4180 quoting: commas, doubled quotes and newlines inside quotes, CRLF records', () => {
    expect(csvRecords('a,"b,c","d ""e"""\r\n"multi\nline",2\r\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['multi\nline', '2'],
    ]);
    expect(csvRecords('"x",\r')).toEqual([['x', '']]);
    expect(csvRecords('"",1\n\n,')).toEqual([
      ['', '1'],
      ['', ''],
    ]);
    expect(csvRecords('"unterminated,1')).toEqual([['unterminated,1']]);
  });

  it('reads unquoted text on the fast path, skipping blank lines', () => {
    expect(csvRecords('1,2\n\n3,4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(csvRecords('')).toEqual([]);
    expect(csvRecords('a\r')).toEqual([['a']]);
  });
});
