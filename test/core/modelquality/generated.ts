import type { LabeledPrediction } from '@vigil/core/modelquality';

/**
 * Deterministic generated data whose expected metrics were computed offline with scikit-learn
 * 1.2.1 (the same formulas, in Python): see the numbers pasted in the tests.
 */
export function binaryRows(n = 500): LabeledPrediction[] {
  return Array.from({ length: n }, (_, i) => {
    // Scores floored to one decimal: many ties, as auc must handle.
    const score = Math.floor(((i * 7919) % 1000) / 100) / 10;
    const u = ((i * 104729) % 997) / 997;
    return { label: u < score ? '1' : '0', probability: score };
  });
}

export function multiclassRows(n = 500): LabeledPrediction[] {
  return Array.from({ length: n }, (_, i) => {
    const label = (i * 31) % 4;
    let prediction = i % 5 === 0 ? (label + 1) % 4 : label;
    if (i % 7 === 0) prediction = 3;
    return { label: String(label), prediction };
  });
}

export function regressionRows(n = 500): LabeledPrediction[] {
  return Array.from({ length: n }, (_, i) => {
    const label = Math.sin(i / 10) * 3 + i / 100;
    return { label, prediction: label + Math.cos(i / 7) };
  });
}
