/**
 * Model inspection: impurity (Gini/MDI) importances of tree models, permutation importance
 * (score drop when one column is shuffled) and partial dependence (brute-force average prediction
 * over the data with one feature set to each grid value), as scikit-learn's `inspection` module.
 * @see https://doi.org/10.1214/aos/1013203451 (Friedman 2001, partial dependence)
 */
import { RandomStream } from "../math/random.js";
import { checkMatrix } from "./data.js";
import { MlInputError } from "./errors.js";
import type { Classifier, Matrix, Regressor } from "./estimator.js";
import { type ScorerName, scorers } from "./metrics.js";

/** Impurity-based importances of a tree model (random forest, extra trees, boosting of trees). */
export function impurityImportances(model: Regressor | Classifier): Float64Array {
  const imp = (model as { featureImportances?: Float64Array }).featureImportances;
  if (!(imp instanceof Float64Array))
    throw new MlInputError(`${model.kind} has no impurity-based feature importances`);
  return imp;
}

/** Result of `permutationImportance`: per feature, the mean and std of the score drop and every repeat. */
export interface PermutationImportanceResult {
  readonly mean: Float64Array;
  readonly std: Float64Array;
  readonly importances: Float64Array[];
  readonly baselineScore: number;
}

/** Score drop when each column is permuted (default 5 repeats; scorer r2 or accuracy). */
export function permutationImportance(
  model: Regressor | Classifier,
  X: Matrix,
  y: Float64Array,
  options: { repeats?: number; seed?: number; scorer?: ScorerName } = {},
): PermutationImportanceResult {
  checkMatrix(X);
  if (y.length !== X.rows) throw new MlInputError(`y has ${y.length} values but X has ${X.rows} rows`);
  const repeats = options.repeats ?? 5;
  if (!(Number.isInteger(repeats) && repeats >= 1))
    throw new MlInputError(`repeats is ${repeats}, expected a positive integer`);
  const scorer = scorers[options.scorer ?? (model.task === "classification" ? "accuracy" : "r2")];
  const baseline = scorer(y, model.predict(X));
  const rng = new RandomStream(options.seed ?? 0);
  const work = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
  const perm = Int32Array.from({ length: X.rows }, (_, i) => i);
  const importances: Float64Array[] = [];
  const mean = new Float64Array(X.cols);
  const std = new Float64Array(X.cols);
  for (let j = 0; j < X.cols; j++) {
    const drops = new Float64Array(repeats);
    for (let r = 0; r < repeats; r++) {
      rng.shuffle(perm);
      for (let i = 0; i < X.rows; i++) work.data[i * X.cols + j] = X.data[perm[i]! * X.cols + j]!;
      drops[r] = baseline - scorer(y, model.predict(work));
    }
    for (let i = 0; i < X.rows; i++) work.data[i * X.cols + j] = X.data[i * X.cols + j]!;
    let m = 0;
    for (const d of drops) m += d / repeats;
    let v = 0;
    for (const d of drops) v += (d - m) ** 2 / repeats;
    mean[j] = m;
    std[j] = Math.sqrt(v);
    importances.push(drops);
  }
  return { mean, std, importances, baselineScore: baseline };
}

/** Grid values and the average model output at each (positive-class probability for binary classifiers). */
export interface PartialDependenceResult {
  readonly grid: Float64Array;
  readonly average: Float64Array;
}

/**
 * Partial dependence on column `feature`: grid of `gridResolution` (default 100) points between the
 * 5th and 95th percentiles (or the distinct values when fewer).
 */
export function partialDependence(
  model: Regressor | Classifier,
  X: Matrix,
  feature: number,
  options: { gridResolution?: number; percentiles?: readonly [number, number] } = {},
): PartialDependenceResult {
  checkMatrix(X);
  if (!(Number.isInteger(feature) && feature >= 0 && feature < X.cols)) {
    throw new MlInputError(`feature ${feature} is not a column index of X (0…${X.cols - 1})`);
  }
  const resolution = options.gridResolution ?? 100;
  const [plo, phi] = options.percentiles ?? [0.05, 0.95];
  const col = Float64Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + feature]!).sort();
  const distinct = Array.from(new Set(col));
  let grid: Float64Array;
  if (distinct.length < resolution) grid = Float64Array.from(distinct);
  else {
    const q = (p: number) => {
      const pos = p * (col.length - 1);
      const lo = Math.floor(pos);
      return col[lo]! + (col[Math.min(lo + 1, col.length - 1)]! - col[lo]!) * (pos - lo);
    };
    const a = q(plo);
    const b = q(phi);
    grid = Float64Array.from({ length: resolution }, (_, k) => a + ((b - a) * k) / (resolution - 1));
  }
  const work = { rows: X.rows, cols: X.cols, data: Float64Array.from(X.data) };
  const average = new Float64Array(grid.length);
  grid.forEach((g, k) => {
    for (let i = 0; i < X.rows; i++) work.data[i * X.cols + feature] = g;
    let s = 0;
    if (model.task === "classification") {
      const p = model.predictProba(work);
      const column = p.cols === 2 ? 1 : 0;
      for (let i = 0; i < X.rows; i++) s += p.data[i * p.cols + column]!;
    } else {
      const pred = model.predict(work);
      for (let i = 0; i < X.rows; i++) s += pred[i]!;
    }
    average[k] = s / X.rows;
  });
  return { grid, average };
}
