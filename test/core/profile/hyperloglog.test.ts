import { HyperLogLog } from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

describe('HyperLogLog', () => {
  it('counts small cardinalities exactly (linear counting)', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 50; i++) for (let r = 0; r < 3; r++) hll.addNumber(i);
    expect(hll.estimate()).toBe(50);
  });

  it('estimates 200,000 distinct numbers within 5 %', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 200_000; i++) hll.addNumber(i * 0.37 + 11);
    expect(Math.abs(hll.estimate() - 200_000) / 200_000).toBeLessThan(0.05);
  });

  it('estimates 100,000 distinct strings within 5 %', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 100_000; i++) hll.addText(`user-${i}`);
    expect(Math.abs(hll.estimate() - 100_000) / 100_000).toBeLessThan(0.05);
  });

  it('treats 3 and 3.0 (and -0 and 0) as one value', () => {
    const hll = new HyperLogLog();
    hll.addNumber(3);
    hll.addNumber(3.0);
    hll.addNumber(0);
    hll.addNumber(-0);
    expect(hll.estimate()).toBe(2);
  });

  it('merge is the union: registers equal a sketch of all values', () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    const all = new HyperLogLog();
    for (let i = 0; i < 30_000; i++) {
      (i % 3 === 0 ? a : b).addText(`v${i % 20_000}`);
      all.addText(`v${i % 20_000}`);
    }
    expect(a.merge(b).registers).toEqual(all.registers);
  });

  it('round-trips through JSON and rejects corrupt registers', () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 1000; i++) hll.addNumber(i);
    expect(HyperLogLog.fromJSON(hll.toJSON())?.registers).toEqual(hll.registers);
    expect(HyperLogLog.fromJSON('not base64!')).toBeUndefined();
    expect(HyperLogLog.fromJSON('AAAA')).toBeUndefined();
  });
});
