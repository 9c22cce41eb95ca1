import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analysisJson, parseAnalysisConfig, readBiasDataset, runBiasAnalysis } from '@vigil/core/bias';
import { describe, expect, it } from 'vitest';

// The real Clarify output of SageMaker's fraud-detection example. Its numbers pin the data down:
// CI = 0.398 and DPL = -0.017711586081682884 (binary label, positive value 0) are met exactly only
// by 2796 rows of facet a (89 frauds) and 1204 of facet d (17 frauds) among n ≤ 4000, and the
// post-training values (DPPL 0, DI 1, DCR the integer 0 of the both-infinite rule, DRR 0, TE 0)
// say the model predicted "not fraud" for every row. Rebuilding that dataset and running the
// analysis must give the file back.
const fixturePath = fileURLToPath(
  new URL('../../../../shared/fixtures/sagemaker/clarify-bias/analysis.json', import.meta.url),
);
const fixture = readFileSync(fixturePath, 'utf8');

function fraudDataset(): string {
  const lines = ['fraud,customer_gender_female,claim_amount,predicted_fraud'];
  const groups = [
    { female: 0, rows: 2796, frauds: 89 },
    { female: 1, rows: 1204, frauds: 17 },
  ];
  let i = 0;
  for (const g of groups)
    for (let r = 0; r < g.rows; r++, i++)
      lines.push(`${r < g.frauds ? 1 : 0},${g.female},${(i * 37) % 1000},0`);
  return `${lines.join('\n')}\n`;
}

const config = parseAnalysisConfig(
  JSON.stringify({
    dataset_type: 'text/csv',
    label: 'fraud',
    label_values_or_threshold: [0],
    facet: [{ name_or_index: 'customer_gender_female', value_or_threshold: [1] }],
    predicted_label: 'predicted_fraud',
    methods: {
      pre_training_bias: { methods: 'all' },
      post_training_bias: {
        methods: ['AD', 'CDDPL', 'DAR', 'DCA', 'DCR', 'DI', 'DPPL', 'DRR', 'FT', 'RD', 'TE'],
      },
    },
  }),
);

describe('the real Clarify analysis.json, recomputed', () => {
  const text = analysisJson(runBiasAnalysis(config, readBiasDataset(fraudDataset(), config)));

  it('is reproduced byte for byte, except JS, which this older Clarify computed differently', () => {
    // smclarify (and cases.json) take the mixture P = (P_a + P_d) / 2; this file's Clarify took the
    // label distribution of the whole dataset (see the next test). Everything else is identical.
    const jsLine =
      /("name": "JS",\n\s+"description": "Jensen-Shannon Divergence \(JS\)",\n\s+"value": )([^\n]+)/;
    const ours = jsLine.exec(text)?.[2];
    expect(text.replace(jsLine, '$1JS')).toBe(fixture.replace(jsLine, '$1JS'));
    // numpy gives 0.0017918468241483534 for the mixture form; V8's Math.log may differ in the last bit.
    expect(Number(ours)).toBeCloseTo(0.0017918468241483534, 17);
    expect(jsLine.exec(fixture)?.[2]).toBe('0.0020437563177422677');
  });

  it("explains the fixture's JS: the divergences from the pooled label distribution", () => {
    const pa = [89 / 2796, 2707 / 2796];
    const pd = [17 / 1204, 1187 / 1204];
    const pooled = [106 / 4000, 3894 / 4000];
    const kl = (p: number[], q: number[]) => p.reduce((s, pi, i) => s + pi * Math.log(pi / q[i]!), 0);
    expect(0.5 * (kl(pa, pooled) + kl(pd, pooled))).toBeCloseTo(0.0020437563177422677, 17);
  });
});
