import { trendChart } from '@vigil/core/report';
import { describe, expect, it } from 'vitest';
import { tagNames, textsOf, unescapeHtml } from '../../support/report-html.ts';

const points = (svg: string) =>
  [
    ...svg.matchAll(
      /<circle class="point" data-series="([^"]*)" data-x="([^"]*)" data-value="([^"]*)" cx="([^"]*)" cy="([^"]*)"/g,
    ),
  ].map((m) => ({
    series: unescapeHtml(m[1]!),
    x: m[2],
    value: Number(m[3]),
    cx: Number(m[4]),
    cy: Number(m[5]),
  }));

describe('trendChart', () => {
  const svg = trendChart({
    labels: ['01:00', '02:00', '03:00'],
    series: [
      { name: 'wind', values: [0.05, null, 0.5] },
      { name: '<b>age</b>', values: [0.02, 0.03, 0.04] },
    ],
    threshold: { value: 0.1, label: 'threshold 0.1' },
    label: 'Drift by hour',
    xTitle: 'hour',
    yTitle: 'drift',
  });

  it('draws a point per value, left to right, higher values higher, and skips missing ones', () => {
    const wind = points(svg).filter((p) => p.series === 'wind');
    expect(wind.map((p) => [p.x, p.value])).toEqual([
      ['01:00', 0.05],
      ['03:00', 0.5],
    ]);
    expect(wind[1]!.cx).toBeGreaterThan(wind[0]!.cx);
    expect(wind[1]!.cy).toBeLessThan(wind[0]!.cy);
    // The dashed threshold lies between 0.05 and 0.5.
    const line = Number(svg.match(/<line class="threshold" x1="[^"]*" y1="([^"]*)"/)?.[1]);
    expect(line).toBeLessThan(wind[0]!.cy);
    expect(line).toBeGreaterThan(wind[1]!.cy);
  });

  it('labels and ticks both axes, and escapes series names', () => {
    expect(textsOf(svg, 'x-tick')).toEqual(['01:00', '02:00', '03:00']);
    expect(textsOf(svg, 'y-tick')).toEqual(['0', '0.2', '0.4', '0.6']);
    expect(textsOf(svg, 'x-title')).toEqual(['hour']);
    expect(textsOf(svg, 'y-title')).toEqual(['drift']);
    expect(tagNames(svg)).not.toContain('b');
    expect(points(svg).filter((p) => p.series === '<b>age</b>')).toHaveLength(3);
  });
});
