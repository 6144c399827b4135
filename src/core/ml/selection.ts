/**
 * Model selection: train/test split, k-fold and stratified k-fold cross-validation, and
 * hyperparameter search by grid, random sampling or particle swarm (PSO), all seeded.
 */

import { RandomStream } from "../math/random.js";
import { encodeLabels, takeRows, takeValues } from "./data.js";
import { MlInputError } from "./errors.js";
import type { Classifier, Matrix, Regressor } from "./estimator.js";
import { type ScorerName, scorers } from "./metrics.js";
import { particleSwarmMinimize } from "./pso.js";

/** Row indices of one fold. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Result of `trainTestSplit`. */
export interface TrainTestSplitResult {
  readonly xTrain: Matrix;
  readonly yTrain: Float64Array;
  readonly xTest: Matrix;
  readonly yTest: Float64Array;
  readonly trainIndices: Int32Array;
  readonly testIndices: Int32Array;
}

/** Options of `trainTestSplit` (default testFraction 0.25, shuffled with seed 0, not stratified). */
export interface TrainTestSplitOptions {
  readonly testFraction?: number;
  readonly seed?: number;
  readonly stratify?: boolean;
}

/** Splits rows into a training and a test part (test size = ceil(testFraction·n), as scikit-learn). */
export function trainTestSplit(
  X: Matrix,
  y: Float64Array,
  options: TrainTestSplitOptions = {},
): TrainTestSplitResult {
  const f = options.testFraction ?? 0.25;
  if (!(f > 0 && f < 1)) throw new MlInputError(`testFraction is ${f}, expected a value in (0, 1)`);
  if (y.length !== X.rows) throw new MlInputError(`y has ${y.length} values but X has ${X.rows} rows`);
  const n = X.rows;
  const nTest = Math.ceil(f * n);
  if (nTest < 1 || nTest >= n)
    throw new MlInputError(`testFraction ${f} leaves no training or no test rows for ${n} rows`);
  const rng = new RandomStream(options.seed ?? 0);
  let test: number[];
  if (options.stratify) {
    const { classes, encoded } = encodeLabels(y);
    test = [];
    for (let k = 0; k < classes.length; k++) {
      const members = Array.from(encoded.keys()).filter((i) => encoded[i] === k);
      rng.shuffle(members);
      test.push(...members.slice(0, Math.round((members.length * nTest) / n)));
    }
  } else {
    const perm = Array.from({ length: n }, (_, i) => i);
    rng.shuffle(perm);
    test = perm.slice(0, nTest);
  }
  const isTest = new Uint8Array(n);
  for (const i of test) isTest[i] = 1;
  const testIndices = Int32Array.from(test).sort();
  const trainIndices = Int32Array.from({ length: n }, (_, i) => i).filter((i) => !isTest[i]);
  return {
    xTrain: takeRows(X, trainIndices),
    yTrain: takeValues(y, trainIndices),
    xTest: takeRows(X, testIndices),
    yTest: takeValues(y, testIndices),
    trainIndices,
    testIndices,
  };
}

/** Options of the k-fold splitters (default 5 folds, no shuffling, as scikit-learn). */
export interface KFoldOptions {
  readonly folds?: number;
  readonly shuffle?: boolean;
  readonly seed?: number;
}

function foldsFromAssignment(assign: Int32Array, k: number): Fold[] {
  const out: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < assign.length; i++) (assign[i] === f ? test : train).push(i);
    out.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return out;
}

function checkFolds(k: number, n: number): void {
  if (!(Number.isInteger(k) && k >= 2)) throw new MlInputError(`folds is ${k}, expected an integer ≥ 2`);
  if (k > n) throw new MlInputError(`folds ${k} exceeds the number of rows ${n}`);
}

/** K-fold split: consecutive blocks (first n mod k folds one row larger), optionally shuffled. */
export function kFold(n: number, options: KFoldOptions = {}): Fold[] {
  const k = options.folds ?? 5;
  checkFolds(k, n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (options.shuffle) new RandomStream(options.seed ?? 0).shuffle(order);
  const assign = new Int32Array(n);
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let r = 0; r < size; r++) assign[order[pos++]!] = f;
  }
  return foldsFromAssignment(assign, k);
}

/** Stratified k-fold: each class's rows dealt round-robin to the folds, keeping class proportions. */
export function stratifiedKFold(y: Float64Array, options: KFoldOptions = {}): Fold[] {
  const k = options.folds ?? 5;
  checkFolds(k, y.length);
  const { classes, encoded } = encodeLabels(y);
  const rng = new RandomStream(options.seed ?? 0);
  const assign = new Int32Array(y.length);
  let offset = 0;
  for (let c = 0; c < classes.length; c++) {
    const members = Array.from(encoded.keys()).filter((i) => encoded[i] === c);
    if (options.shuffle) rng.shuffle(members);
    members.forEach((i, r) => {
      assign[i] = (r + offset) % k;
    });
    offset += members.length;
  }
  return foldsFromAssignment(assign, k);
}

/** Options of `crossValidate`. */
export interface CrossValidateOptions extends KFoldOptions {
  /** Scorers (higher is better); default r2 for regressors, accuracy for classifiers. */
  readonly scoring?: readonly ScorerName[];
  /** Stratified folds (default: true for classifiers). */
  readonly stratified?: boolean;
  /** Explicit folds (override folds/shuffle/stratified). */
  readonly splits?: readonly Fold[];
}

/** Per-fold scores and their mean and (population) standard deviation per scorer. */
export interface CrossValidateResult {
  readonly scores: Record<string, number[]>;
  readonly mean: Record<string, number>;
  readonly std: Record<string, number>;
}

/** Fits a fresh model from `makeModel` on each training fold and scores it on the held-out fold. */
export function crossValidate(
  makeModel: () => Regressor | Classifier,
  X: Matrix,
  y: Float64Array,
  options: CrossValidateOptions = {},
): CrossValidateResult {
  const probe = makeModel();
  const isClassifier = probe.task === "classification";
  const scoring = options.scoring ?? [isClassifier ? "accuracy" : "r2"];
  const splits =
    options.splits ??
    ((options.stratified ?? isClassifier) ? stratifiedKFold(y, options) : kFold(X.rows, options));
  const scores: Record<string, number[]> = {};
  for (const s of scoring) {
    if (!(s in scorers))
      throw new MlInputError(`unknown scorer ${s}; known: ${Object.keys(scorers).join(", ")}`);
    scores[s] = [];
  }
  splits.forEach((fold, f) => {
    const model = makeModel();
    model.fit(takeRows(X, fold.train), takeValues(y, fold.train), { seed: (options.seed ?? 0) + f });
    const pred = model.predict(takeRows(X, fold.test));
    const truth = takeValues(y, fold.test);
    for (const s of scoring) scores[s]!.push(scorers[s](truth, pred));
  });
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const s of scoring) {
    const v = scores[s]!;
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    mean[s] = m;
    std[s] = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
  }
  return { scores, mean, std };
}

/** One evaluated hyperparameter set. */
export interface SearchCandidate {
  readonly params: Record<string, unknown>;
  readonly score: number;
}

/** Result of a hyperparameter search (score = mean CV score, higher is better). */
export interface SearchResult {
  readonly bestParams: Record<string, unknown>;
  readonly bestScore: number;
  readonly candidates: SearchCandidate[];
}

/** Options shared by the searches. */
export interface SearchOptions extends CrossValidateOptions {
  /** Scorer to maximise (default r2 / accuracy). */
  readonly scorer?: ScorerName;
}

function evaluator(
  makeModel: (params: Record<string, unknown>) => Regressor | Classifier,
  X: Matrix,
  y: Float64Array,
  options: SearchOptions,
): (params: Record<string, unknown>) => number {
  return (params) => {
    const probe = makeModel(params);
    const scorer = options.scorer ?? (probe.task === "classification" ? "accuracy" : "r2");
    return crossValidate(() => makeModel(params), X, y, { ...options, scoring: [scorer] }).mean[scorer]!;
  };
}

function best(candidates: SearchCandidate[]): SearchResult {
  let b = candidates[0]!;
  for (const c of candidates) if (c.score > b.score) b = c;
  return { bestParams: b.params, bestScore: b.score, candidates };
}

/** Exhaustive search over the Cartesian product of the listed values. */
export function gridSearch(
  makeModel: (params: Record<string, unknown>) => Regressor | Classifier,
  grid: Record<string, readonly unknown[]>,
  X: Matrix,
  y: Float64Array,
  options: SearchOptions = {},
): SearchResult {
  const keys = Object.keys(grid);
  for (const k of keys) if (grid[k]!.length === 0) throw new MlInputError(`grid entry ${k} has no values`);
  let combos: Record<string, unknown>[] = [{}];
  for (const k of keys) combos = combos.flatMap((c) => grid[k]!.map((v) => ({ ...c, [k]: v })));
  const score = evaluator(makeModel, X, y, options);
  return best(combos.map((params) => ({ params, score: score(params) })));
}

/** A continuous search range: uniform, or log-uniform (`log: true`), optionally rounded to integers. */
export interface SearchRange {
  readonly low: number;
  readonly high: number;
  readonly log?: boolean;
  readonly integer?: boolean;
}

function toUnit(range: SearchRange, v: number): number {
  return range.log ? Math.log(v) : v;
}

function fromUnit(range: SearchRange, u: number): number {
  const v = range.log ? Math.exp(u) : u;
  return range.integer ? Math.round(v) : v;
}

function checkRange(key: string, r: SearchRange): void {
  if (!(r.high > r.low) || (r.log && !(r.low > 0))) {
    throw new MlInputError(
      `search range ${key} is ${r.low}…${r.high}${r.log ? " (log)" : ""}: need high > low${r.log ? " > 0" : ""}`,
    );
  }
}

/** Random search: `iterations` draws from ranges (or uniform picks from value lists). */
export function randomSearch(
  makeModel: (params: Record<string, unknown>) => Regressor | Classifier,
  space: Record<string, SearchRange | readonly unknown[]>,
  X: Matrix,
  y: Float64Array,
  options: SearchOptions & { readonly iterations?: number } = {},
): SearchResult {
  const rng = new RandomStream((options.seed ?? 0) + 7919);
  const score = evaluator(makeModel, X, y, options);
  const candidates: SearchCandidate[] = [];
  for (let it = 0; it < (options.iterations ?? 10); it++) {
    const params: Record<string, unknown> = {};
    for (const [k, r] of Object.entries(space)) {
      if (Array.isArray(r)) params[k] = r[rng.integer(r.length)];
      else {
        const range = r as SearchRange;
        checkRange(k, range);
        params[k] = fromUnit(range, rng.uniformIn(toUnit(range, range.low), toUnit(range, range.high)));
      }
    }
    candidates.push({ params, score: score(params) });
  }
  return best(candidates);
}

/**
 * PSO hyperparameter search (the review's PSO-SVM / MLR-PSO): particles move in the (log-)scaled
 * box of `space`, maximising the mean CV score. Fixed parameters go in `fixed`.
 */
export function psoSearch(
  makeModel: (params: Record<string, unknown>) => Regressor | Classifier,
  space: Record<string, SearchRange>,
  X: Matrix,
  y: Float64Array,
  options: SearchOptions & {
    readonly swarmSize?: number;
    readonly iterations?: number;
    readonly fixed?: Record<string, unknown>;
  } = {},
): SearchResult & { readonly history: number[] } {
  const keys = Object.keys(space);
  for (const k of keys) checkRange(k, space[k]!);
  const lower = keys.map((k) => toUnit(space[k]!, space[k]!.low));
  const upper = keys.map((k) => toUnit(space[k]!, space[k]!.high));
  const score = evaluator(makeModel, X, y, options);
  const candidates: SearchCandidate[] = [];
  const decode = (x: Float64Array): Record<string, unknown> => {
    const params: Record<string, unknown> = { ...options.fixed };
    keys.forEach((k, j) => {
      params[k] = fromUnit(space[k]!, x[j]!);
    });
    return params;
  };
  const result = particleSwarmMinimize(
    (x) => {
      const params = decode(x);
      const s = score(params);
      candidates.push({ params, score: s });
      return -s;
    },
    lower,
    upper,
    {
      swarmSize: options.swarmSize ?? 10,
      iterations: options.iterations ?? 10,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
  );
  return { ...best(candidates), history: result.history.map((v) => -v) };
}
