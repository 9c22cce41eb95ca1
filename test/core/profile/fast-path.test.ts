import {
  ProfileBuilder,
  scanCsvField,
  scanCsvFieldAscii,
  scannedEnd,
  scannedValue,
  scanText,
  serializeProfile,
  sortDoubles,
  UNSCANNED,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

const next = (() => {
  let seed = 17;
  return () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
})();

const TRICKY = [
  '',
  ' ',
  '-',
  '+',
  '.',
  '-.',
  '- 3',
  ' 5',
  '+7',
  '-0',
  '3.',
  '.5',
  '12.50',
  '1.2.3',
  '1e5',
  '-6.42071e-05',
  '2.5E+300',
  '1e400',
  '1e',
  '1.e5',
  'NaN',
  '-inf',
  '+Infinity',
  'infinit',
  'true',
  'false',
  'True',
  'tru',
  'falsey',
  'red',
  'a b',
  '9007199254740993',
  '123456789012345.6',
  '00012',
  'é',
  '\t1',
  '1 ',
];

const sameNumber = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

describe('scanCsvField', () => {
  it('classifies and parses each field of a CSV text as scanText does the split field', () => {
    for (let trial = 0; trial < 2000; trial++) {
      const fields = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
        next() < 0.5
          ? (next() * 2000 - 500).toFixed(Math.floor(next() * 8))
          : (TRICKY[Math.floor(next() * TRICKY.length)] as string),
      );
      const text = fields.join(',');
      let start = 0;
      for (const field of fields) {
        const type = scanCsvField(text, start, text.length);
        const number = scannedValue[0];
        expect(scannedEnd - start, JSON.stringify(text)).toBe(field.length);
        expect(type, JSON.stringify(field)).toBe(scanText(field));
        if (type === 1 || type === 2)
          expect(sameNumber(number as number, scannedValue[0] as number), field).toBe(true);
        start = scannedEnd + 1;
      }
      expect(start).toBe(text.length + 1);
    }
  });

  it('stops at `end`, leaving out what follows it', () => {
    expect(scanCsvField('12,34\r', 3, 5)).toBe(2);
    expect([scannedValue[0], scannedEnd]).toEqual([34, 5]);
    expect(scanCsvField('ab\r', 0, 2)).toBe(4);
    expect(scannedEnd).toBe(2);
  });
});

describe('scanCsvFieldAscii', () => {
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  const asciiTricky = TRICKY.filter((field) => [...field].every((c) => c.charCodeAt(0) < 128));

  it('reads plain numbers from bytes exactly as scanCsvField reads their text, and leaves the rest to it', () => {
    let scanned = 0;
    let unscanned = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const fields = Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
        next() < 0.5
          ? (next() * 2000 - 500).toFixed(Math.floor(next() * 14))
          : (asciiTricky[Math.floor(next() * asciiTricky.length)] as string),
      );
      const text = `xy${fields.join(',')}`;
      const bytes = ascii(text);
      let start = 2;
      for (const field of fields) {
        const type = scanCsvFieldAscii(bytes, start, text.length);
        const [number, end] = [scannedValue[0], scannedEnd];
        const expected = scanCsvField(text, start, text.length);
        if (type === UNSCANNED) unscanned++;
        else {
          scanned++;
          expect(type, field).toBe(expected);
          expect(end, field).toBe(scannedEnd);
          expect(Object.is(number, scannedValue[0]), field).toBe(true);
        }
        // Every plain decimal of at most 15 digits is read from the bytes.
        if (/^[-+]?\d+(\.\d+)?$/.test(field) && field.replace(/\D/g, '').length <= 15)
          expect(type, field).not.toBe(UNSCANNED);
        start = scannedEnd + 1;
      }
    }
    expect(scanned).toBeGreaterThan(1000);
    expect(unscanned).toBeGreaterThan(1000);
  });

  it('reads -0, signs and the 15-digit limit as the text scanner does', () => {
    const cases: [string, number, number][] = [
      ['-0', 2, -0],
      ['+7', 2, 7],
      ['-12.50', 1, -12.5],
      ['123456789012345', 2, 123456789012345],
      ['0.00000000000001', 1, 1e-14],
    ];
    for (const [text, type, value] of cases) {
      expect(scanCsvFieldAscii(ascii(text), 0, text.length), text).toBe(type);
      expect(Object.is(scannedValue[0], value), text).toBe(true);
    }
    for (const text of ['1234567890123456', '1e5', '- 3', '', '3.', '.5', 'nan'])
      expect(scanCsvFieldAscii(ascii(text), 0, text.length), text).toBe(UNSCANNED);
  });
});

describe('ProfileBuilder.addCsvFieldsAscii', () => {
  it('profiles exactly as addRow of the split fields', () => {
    const byRow = new ProfileBuilder(['a']);
    const byBytes = new ProfileBuilder(['a']);
    for (let i = 0; i < 5000; i++) {
      const width = next() < 0.9 ? 4 : Math.floor(next() * 7) + 1;
      const fields = Array.from({ length: width }, (_, c) =>
        c === 3
          ? (['red', 'green', 'true', ''][Math.floor(next() * 4)] as string)
          : next() < 0.95
            ? (next() * 100 - 20).toFixed(c)
            : (TRICKY[Math.floor(next() * TRICKY.length)] as string).replace('é', 'e'),
      );
      byRow.addRow(fields);
      // The line sits at byte 5 of its block; its data starts at character 9 of the line.
      const line = `{"data":"${fields.join(',')}"}`;
      const bytes = Uint8Array.from(`abcd\n${line}`, (c) => c.charCodeAt(0));
      byBytes.addCsvFieldsAscii(bytes, 5 + 9, 5 + line.length - 2, line, 5);
      byBytes.endRow();
    }
    expect(serializeProfile(byBytes.build())).toBe(serializeProfile(byRow.build()));
  });
});

describe('ProfileBuilder: numbers held back by addCsvFieldsAscii', () => {
  it('profiles in row order when rows come by bytes, by text and as values in turn', () => {
    // Continuous columns leave their frequency tables early, so the byte path holds their
    // numbers back; rows by the other paths in between must still reach each column in order
    // (the moments and the KLL sketch depend on the order).
    const byRow = new ProfileBuilder();
    const mixed = new ProfileBuilder();
    for (let i = 0; i < 30_000; i++) {
      const fields = [
        (next() * 1000 - 500).toFixed(3),
        String(Math.floor(next() * 5)),
        next() < 0.02 ? 'NaN' : (next() * 10).toFixed(5),
        next() < 0.01 ? 'text' : (next() * 2 - 1).toExponential(3),
      ];
      byRow.addRow(fields);
      const line = fields.join(',');
      // Runs of each path, of uneven lengths, so held-back runs are cut at every size.
      const path = Math.floor(i / 97) % 3 === 0 ? (i % 5 === 0 ? 'text' : 'values') : 'bytes';
      if (path === 'bytes') {
        mixed.addCsvFieldsAscii(
          Uint8Array.from(line, (c) => c.charCodeAt(0)),
          0,
          line.length,
          line,
          0,
        );
        mixed.endRow();
      } else if (path === 'text') {
        mixed.addCsvFields(line, 0, line.length);
        mixed.endRow();
      } else mixed.addRow(fields);
    }
    const expected = byRow.build();
    // The sketches compacted many times over (the order matters to them).
    expect(expected.columns[0]?.kll.data().length).toBeGreaterThan(3);
    expect(serializeProfile(mixed.build())).toBe(serializeProfile(expected));
  });
});

describe('ProfileBuilder.addCsvFields', () => {
  it('profiles exactly as addRow of the split fields, ragged rows included', () => {
    const byRow = new ProfileBuilder(['a']);
    const byText = new ProfileBuilder(['a']);
    for (let i = 0; i < 5000; i++) {
      const width = next() < 0.9 ? 4 : Math.floor(next() * 7) + 1;
      const fields = Array.from({ length: width }, (_, c) =>
        c === 3
          ? (['red', 'green', 'true', ''][Math.floor(next() * 4)] as string)
          : next() < 0.95
            ? (next() * 100 - 20).toFixed(c)
            : (TRICKY[Math.floor(next() * TRICKY.length)] as string),
      );
      const output = (next() * 10).toFixed(6);
      byRow.addRow([output, ...fields]);
      byText.addCsvFields(output, 0, output.length);
      const text = `{"data":"${fields.join(',')}\r`;
      byText.addCsvFields(text, 9, text.length - 1);
      byText.endRow();
    }
    expect(byText.rowCount).toBe(5000);
    expect(serializeProfile(byText.build())).toBe(serializeProfile(byRow.build()));
  });
});

describe('sortDoubles (radix path)', () => {
  const check = (values: Float64Array) => {
    const expected = values.slice().sort();
    const actual = sortDoubles(values.slice());
    expect(Array.from(actual).every((v, i) => Object.is(v, expected[i]))).toBe(true);
  };

  it('sorts doubles whose high words tie, few or many (falling back to the quicksort)', () => {
    for (const n of [511, 512, 513, 2050, 4100]) {
      check(Float64Array.from({ length: n }, () => 1 + next() * 1e-12));
      check(Float64Array.from({ length: n }, () => (next() < 0.1 ? 1 + next() * 1e-12 : next() * 10 - 5)));
      check(Float64Array.from({ length: n }, () => -1 - next() * 1e-12));
    }
  });

  it('orders signs, zeros, subnormals and infinities as Java does', () => {
    const specials = [
      -0,
      0,
      -Number.MIN_VALUE,
      Number.MIN_VALUE,
      -Infinity,
      Infinity,
      -1e308,
      1e308,
      -2.5,
      2.5,
    ];
    for (const n of [600, 3000]) {
      check(
        Float64Array.from({ length: n }, (_, i) =>
          i % 3 === 0 ? (specials[i % specials.length] as number) : next() * 2e6 - 1e6,
        ),
      );
    }
  });
});
