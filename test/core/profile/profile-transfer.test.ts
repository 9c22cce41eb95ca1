import {
  ProfileBuilder,
  parseOwnProfile,
  profileFromTransfer,
  profileToTransfer,
  serializeProfile,
} from '@vigil/core/profile';
import { describe, expect, it } from 'vitest';

/** A profile with every kind of column state: compacted sketches, frequencies, examples, non-finite values, ragged rows. */
function sampleProfile() {
  const builder = new ProfileBuilder(['x', 'city', 'mixed']);
  for (let i = 0; i < 12_000; i++) {
    const row = [
      ((i * 7919) % 10007) / 7 - 300,
      ['Lyon', 'Oslo', 'Kyiv'][i % 3] as string,
      i % 50 === 0 ? 'NaN' : i % 77 === 0 ? 'n/a' : String(i % 9),
    ].map(String);
    builder.addRow(i % 400 === 0 ? row.slice(0, 2) : row);
  }
  return builder.build();
}

describe('profileToTransfer / profileFromTransfer', () => {
  it('carry a profile across a thread boundary as profile JSON would', () => {
    const profile = sampleProfile();
    const viaJson = serializeProfile(parseOwnProfile(serializeProfile(profile)));
    const { data, buffers } = profileToTransfer(profile);
    // What postMessage(data, buffers) does to it.
    const received = structuredClone(data, { transfer: buffers });
    expect(serializeProfile(profileFromTransfer(received))).toBe(viaJson);
    expect(profile.columns[0]?.kll.data().length).toBeGreaterThan(2);
  });

  it('merge exactly like their JSON twins', () => {
    const a = sampleProfile();
    const b = sampleProfile();
    const transferred = profileFromTransfer(structuredClone(profileToTransfer(b).data));
    const json = parseOwnProfile(serializeProfile(b));
    const merge = (x: typeof a, y: typeof a) => x.columns.map((c, i) => c.merge(y.columns[i] as typeof c));
    expect(merge(a, transferred).map((c) => c.kll.data())).toEqual(merge(a, json).map((c) => c.kll.data()));
  });
});
