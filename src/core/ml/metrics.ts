/**
 * Regression and classification metrics (definitions as scikit-learn's `sklearn.metrics`).
 *
 * Units: regression errors carry the unit of the target; MAPE and NRMSE are fractions (not %).
 */

import { encodeLabels } from "./data.js";
import { MlInputError } from "./errors.js";

function checkPair(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, what: string): number {
  if (yTrue.length !== yPred.length) {
    throw new MlInputError(`${what}: yTrue has ${yTrue.length} values but yPred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new MlInputError(`${what}: no samples`);
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i]!) || !Number.isFinite(yPred[i]!)) {
      throw new MlInputError(`${what}: sample ${i} is not finite (yTrue ${yTrue[i]}, yPred ${yPred[i]})`);
    }
  }
  return yTrue.length;
}

/** Mean squared error, in target units squared. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, "meanSquaredError");
  let s = 0;
  for (let i = 0; i < n; i++) s += (yTrue[i]! - yPred[i]!) ** 2;
  return s / n;
}

/** Root mean squared error, in target units. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** Mean absolute error, in target units. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, "meanAbsoluteError");
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(yTrue[i]! - yPred[i]!);
  return s / n;
}

/**
 * Mean absolute percentage error as a fraction (0.05 = 5 %), with scikit-learn's guard
 * max(|y|, machine epsilon) in the denominator.
 */
export function meanAbsolutePercentageError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, "meanAbsolutePercentageError");
  let s = 0;
  for (let i = 0; i < n; i++)
    s += Math.abs(yTrue[i]! - yPred[i]!) / Math.max(Math.abs(yTrue[i]!), Number.EPSILON);
  return s / n;
}

/**
 * Normalised RMSE (fraction): RMSE divided by the range max(y) − min(y) of the observed target
 * (default, the review's eq. 14 form), or by the mean of the observed target (`"mean"`).
 */
export function normalizedRootMeanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  normalization: "range" | "mean" = "range",
): number {
  const rmse = rootMeanSquaredError(yTrue, yPred);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const v = yTrue[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    sum += v;
  }
  const scale = normalization === "range" ? hi - lo : sum / yTrue.length;
  if (scale === 0) throw new MlInputError(`normalizedRootMeanSquaredError: observed ${normalization} is 0`);
  return rmse / Math.abs(scale);
}

/** Coefficient of determination R² (1 is perfect; 0 for a constant prediction of the mean). */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, "r2Score");
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i]!;
  mean /= n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (yTrue[i]! - yPred[i]!) ** 2;
    ssTot += (yTrue[i]! - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0; // sklearn's convention for a constant target
  return 1 - ssRes / ssTot;
}

/** Fraction of exactly matching labels. */
export function accuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = checkPair(yTrue, yPred, "accuracyScore");
  let hits = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / n;
}

/** Confusion matrix over the sorted union of labels: `matrix[i][j]` counts true label i predicted as j. */
export interface ConfusionMatrixResult {
  readonly labels: number[];
  readonly matrix: number[][];
}

/** Confusion matrix (rows: true labels, columns: predicted labels, both in sorted label order). */
export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): ConfusionMatrixResult {
  const n = checkPair(yTrue, yPred, "confusionMatrix");
  const all = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    all[i] = yTrue[i]!;
    all[n + i] = yPred[i]!;
  }
  const { classes, encoded } = encodeLabels(all);
  const k = classes.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) matrix[encoded[i]!]![encoded[n + i]!]!++;
  return { labels: Array.from(classes), matrix };
}

/** Averaging of per-class scores: `binary` scores `positiveLabel` only, `macro` is the unweighted mean. */
export type Averaging = "binary" | "macro";

/** Options of the precision/recall/F1 scores. */
export interface ClassificationScoreOptions {
  /** Default "binary" when there are at most two labels, else "macro". */
  readonly average?: Averaging;
  /** Positive class for `binary` (default 1). */
  readonly positiveLabel?: number;
}

function perClass(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ClassificationScoreOptions,
  score: (tp: number, fp: number, fn: number) => number,
): number {
  const { labels, matrix } = confusionMatrix(yTrue, yPred);
  const average = options.average ?? (labels.length <= 2 ? "binary" : "macro");
  const scoreOf = (k: number): number => {
    let fp = 0;
    let fn = 0;
    for (let j = 0; j < labels.length; j++) {
      if (j === k) continue;
      fp += matrix[j]![k]!;
      fn += matrix[k]![j]!;
    }
    return score(matrix[k]![k]!, fp, fn);
  };
  if (average === "binary") {
    const positive = options.positiveLabel ?? 1;
    const k = labels.indexOf(positive);
    if (labels.length > 2) throw new MlInputError(`binary averaging needs ≤ 2 labels, got ${labels.length}`);
    if (k < 0) return 0; // positive class never seen: tp = 0
    return scoreOf(k);
  }
  let s = 0;
  for (let k = 0; k < labels.length; k++) s += scoreOf(k);
  return s / labels.length;
}

const safeDivide = (a: number, b: number): number => (b === 0 ? 0 : a / b); // sklearn zero_division=0 (warns)

/** Precision tp/(tp+fp), binary or macro-averaged. */
export function precisionScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ClassificationScoreOptions = {},
): number {
  return perClass(yTrue, yPred, options, (tp, fp) => safeDivide(tp, tp + fp));
}

/** Recall tp/(tp+fn), binary or macro-averaged. */
export function recallScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ClassificationScoreOptions = {},
): number {
  return perClass(yTrue, yPred, options, (tp, _fp, fn) => safeDivide(tp, tp + fn));
}

/** F1 = 2tp/(2tp+fp+fn), binary or macro-averaged. */
export function f1Score(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: ClassificationScoreOptions = {},
): number {
  return perClass(yTrue, yPred, options, (tp, fp, fn) => safeDivide(2 * tp, 2 * tp + fp + fn));
}

/** Balanced accuracy: mean recall over the classes present in yTrue. */
export function balancedAccuracyScore(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { labels, matrix } = confusionMatrix(yTrue, yPred);
  let s = 0;
  let present = 0;
  for (let k = 0; k < labels.length; k++) {
    let row = 0;
    for (let j = 0; j < labels.length; j++) row += matrix[k]![j]!;
    if (row === 0) continue;
    s += matrix[k]![k]! / row;
    present++;
  }
  return s / present;
}

/**
 * Area under the ROC curve for a binary problem: `scores` are the positive-class scores
 * (probabilities or decision values); ties get half credit (Mann–Whitney U).
 */
export function rocAucScore(yTrue: ArrayLike<number>, scores: ArrayLike<number>, positiveLabel = 1): number {
  const n = checkPair(yTrue, scores, "rocAucScore");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (yTrue[order[k]!] === positiveLabel) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new MlInputError("rocAucScore: yTrue must contain both the positive and another class");
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Macro one-vs-rest ROC-AUC from a probability matrix whose columns follow `classes`. */
export function rocAucOvr(
  yTrue: ArrayLike<number>,
  probabilities: { rows: number; cols: number; data: Float64Array },
  classes: ArrayLike<number>,
): number {
  let s = 0;
  const col = new Float64Array(probabilities.rows);
  for (let k = 0; k < classes.length; k++) {
    for (let i = 0; i < probabilities.rows; i++) col[i] = probabilities.data[i * probabilities.cols + k]!;
    s += rocAucScore(yTrue, col, classes[k]!);
  }
  return s / classes.length;
}

/** Named metrics used by cross-validation and search: higher is better for every name listed. */
export const scorers = {
  r2: r2Score,
  negRmse: (a: ArrayLike<number>, b: ArrayLike<number>) => -rootMeanSquaredError(a, b),
  negMae: (a: ArrayLike<number>, b: ArrayLike<number>) => -meanAbsoluteError(a, b),
  negMape: (a: ArrayLike<number>, b: ArrayLike<number>) => -meanAbsolutePercentageError(a, b),
  negNrmse: (a: ArrayLike<number>, b: ArrayLike<number>) => -normalizedRootMeanSquaredError(a, b),
  accuracy: accuracyScore,
  balancedAccuracy: balancedAccuracyScore,
  f1Macro: (a: ArrayLike<number>, b: ArrayLike<number>) => f1Score(a, b, { average: "macro" }),
} as const;

/** Name of a built-in scorer. */
export type ScorerName = keyof typeof scorers;
