/**
 * A synthetic, hand-countable window of credit decisions: 60 rows of facet a (sex M) and 40 of
 * facet d (sex F). Capture lines are SageMaker data-capture JSON Lines (CSV payloads, the model's
 * score as output); ground-truth lines are SageMaker's merge input format.
 */
export interface WindowSpec {
  /** Positive predictions (score 0.9, else 0.1) in M and in F. */
  predictedPositive: { m: number; f: number };
  /** Positive labels in M and in F. */
  labelPositive: { m: number; f: number };
}

export function windowLines(spec: WindowSpec): { capture: string; groundTruth: string } {
  const capture: string[] = [];
  const labels: string[] = [];
  const groups = [
    { sex: 'M', n: 60, predicted: spec.predictedPositive.m, positive: spec.labelPositive.m },
    { sex: 'F', n: 40, predicted: spec.predictedPositive.f, positive: spec.labelPositive.f },
  ];
  let id = 0;
  for (const g of groups) {
    for (let i = 0; i < g.n; i++) {
      id++;
      const score = i < g.predicted ? '0.9' : '0.1';
      const income = (20 + ((id * 7) % 50)).toFixed(1);
      capture.push(
        JSON.stringify({
          captureData: {
            endpointInput: {
              observedContentType: 'text/csv',
              mode: 'INPUT',
              data: `${g.sex},${income}`,
              encoding: 'CSV',
            },
            endpointOutput: { observedContentType: 'text/csv', mode: 'OUTPUT', data: score, encoding: 'CSV' },
          },
          eventMetadata: {
            eventId: `event-${id}`,
            inferenceId: `r${id}`,
            inferenceTime: '2024-05-01T12:10:00Z',
          },
          eventVersion: '0',
        }),
      );
      labels.push(
        JSON.stringify({
          groundTruthData: { data: i < g.positive ? '1' : '0', encoding: 'CSV' },
          eventMetadata: { eventId: `r${id}` },
          eventVersion: '0',
        }),
      );
    }
  }
  return { capture: `${capture.join('\n')}\n`, groundTruth: `${labels.join('\n')}\n` };
}

export const ANALYSIS_CONFIG = JSON.stringify({
  version: '1.0',
  headers: ['sex', 'income', 'approved'],
  label: 'approved',
  label_values_or_threshold: [1],
  facet: [{ name_or_index: 'sex', value_or_threshold: ['F'] }],
});
