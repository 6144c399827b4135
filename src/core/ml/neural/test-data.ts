/** Loading the committed reference datasets for tests (JSON rows → Matrix). */
import type { Matrix } from "../estimator.js";

export function toMatrix(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}

export function r2Score(truth: ArrayLike<number>, prediction: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < truth.length; i++) mean += truth[i]!;
  mean /= truth.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < truth.length; i++) {
    ssRes += (truth[i]! - prediction[i]!) ** 2;
    ssTot += (truth[i]! - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

export function accuracy(truth: ArrayLike<number>, prediction: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === prediction[i]) hits++;
  return hits / truth.length;
}
