import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analysisJson, parseAnalysisJson } from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(
  new URL('../../../../shared/fixtures/sagemaker/clarify-bias/analysis.json', import.meta.url),
);

describe('analysis.json', () => {
  it('reads the real Clarify output and writes it back byte for byte', () => {
    const text = readFileSync(fixture, 'utf8');
    const analysis = parseAnalysisJson(text);
    expect(analysisJson(analysis)).toBe(text);
  });

  it('reads values, errors and the integer 0 of the both-infinite rule', () => {
    const analysis = parseAnalysisJson(readFileSync(fixture, 'utf8'));
    const post = analysis.postTraining!.facets.get('customer_gender_female')![0]!;
    expect(post.valueOrThreshold).toBe('1');
    expect(post.metrics.map((m) => m.name)).toEqual([
      'AD',
      'CDDPL',
      'DAR',
      'DCA',
      'DCR',
      'DI',
      'DPPL',
      'DRR',
      'FT',
      'RD',
      'TE',
    ]);
    const cddpl = post.metrics.find((m) => m.name === 'CDDPL')!;
    expect(cddpl.value).toBeNull();
    expect(cddpl.error).toBe('Group variable is empty or not provided');
    expect(post.metrics.find((m) => m.name === 'DCR')!.value).toBe(0n);
    expect(post.metrics.find((m) => m.name === 'DI')!.value).toBe(1);
    expect(analysis.preTraining!.label).toBe('fraud');
    expect(analysis.preTraining!.labelValueOrThreshold).toBe('0');
  });

  it('writes infinities as the strings Clarify writes and reads them back', () => {
    const text = analysisJson({
      version: '1.0',
      preTraining: {
        label: 'y',
        labelValueOrThreshold: '1',
        facets: new Map([
          [
            'x',
            [
              {
                valueOrThreshold: 'a',
                metrics: [
                  { name: 'DI', description: 'Disparate Impact (DI)', value: Number.POSITIVE_INFINITY },
                  { name: 'TE', description: 'Treatment Equality (TE)', value: Number.NEGATIVE_INFINITY },
                ],
              },
            ],
          ],
        ]),
      },
    });
    expect(text).toContain('"value": "Infinity"');
    expect(text).toContain('"value": "-Infinity"');
    const back = parseAnalysisJson(text).preTraining!.facets.get('x')![0]!.metrics;
    expect(back.map((m) => m.value)).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('refuses a file that is not a bias analysis, saying what to point to', () => {
    expect(() => parseAnalysisJson('{"pre_training_bias_metrics": 3}')).toThrow(/point to the analysis.json/);
  });
});

describe('analysis.json with Vigil bootstrap fields', () => {
  it('writes interval and group sizes next to the metric and reads them back', () => {
    const analysis = {
      version: '1.0',
      postTraining: {
        label: 'y',
        labelValueOrThreshold: '1',
        facets: new Map([
          [
            'x',
            [
              {
                valueOrThreshold: 'a',
                metrics: [
                  {
                    name: 'DI',
                    description: 'Disparate Impact (DI)',
                    value: 2,
                    uncertainty: {
                      lower: 0.5,
                      upper: Number.POSITIVE_INFINITY,
                      confidence: 0.95,
                      resamples: 500,
                      groupSizes: { a: 60, d: 40 },
                    },
                  },
                ],
              },
            ],
          ],
        ]),
      },
    };
    const text = analysisJson(analysis);
    expect(text).toContain('"upper": "Infinity"');
    expect(text).toContain('"resamples": 500');
    expect(parseAnalysisJson(text).postTraining!.facets.get('x')![0]!.metrics[0]).toEqual(
      analysis.postTraining.facets.get('x')![0]!.metrics[0],
    );
  });
});
