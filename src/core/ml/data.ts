/**
 * Input checks and small matrix helpers shared by the estimators in core/ml.
 *
 * Every check throws a `RangeError` naming the argument, the offending row/column and value, so bad
 * input never turns into NaN output or a hang.
 */
import { MlInputError } from "./errors.js";
import { defaultFeatureNames, type FitOptions, type Matrix } from "./estimator.js";

/** Throws unless `X` is a well-formed matrix of finite numbers. */
export function checkMatrix(X: Matrix, name = "X"): void {
  if (!X || !(X.data instanceof Float64Array))
    throw new MlInputError(`${name} must be a Matrix with Float64Array data`);
  if (!Number.isInteger(X.rows) || !Number.isInteger(X.cols) || X.rows < 0 || X.cols < 0) {
    throw new MlInputError(`${name} has invalid shape ${X.rows}×${X.cols}`);
  }
  if (X.data.length !== X.rows * X.cols) {
    throw new MlInputError(`${name} data length ${X.data.length} does not match shape ${X.rows}×${X.cols}`);
  }
  const d = X.data;
  for (let k = 0; k < d.length; k++) {
    if (!Number.isFinite(d[k]!)) {
      const i = Math.floor(k / X.cols);
      throw new MlInputError(
        `${name}[row ${i}, column ${k - i * X.cols}] is ${d[k]}, expected a finite number`,
      );
    }
  }
}

/** Throws unless `y` has `rows` finite entries. */
export function checkTarget(y: Float64Array, rows: number, name = "y"): void {
  if (!(y instanceof Float64Array)) throw new MlInputError(`${name} must be a Float64Array`);
  if (y.length !== rows) throw new MlInputError(`${name} has ${y.length} values but X has ${rows} rows`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) throw new MlInputError(`${name}[${i}] is ${y[i]}, expected a finite number`);
  }
}

/** Validated fit inputs: feature names, per-sample weights (all 1 by default) and the seed. */
export interface PreparedFit {
  readonly featureNames: string[];
  readonly sampleWeight: Float64Array;
  readonly seed: number;
  readonly hasSampleWeight: boolean;
}

/** Checks X, y and the fit options, returning defaults filled in. */
export function prepareFit(
  X: Matrix,
  y: Float64Array,
  options: FitOptions | undefined,
  minRows = 1,
): PreparedFit {
  checkMatrix(X);
  checkTarget(y, X.rows);
  if (X.rows < minRows) throw new MlInputError(`X has ${X.rows} rows, at least ${minRows} needed`);
  if (X.cols < 1) throw new MlInputError("X has no columns");
  const names = options?.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
  if (names.length !== X.cols) {
    throw new MlInputError(`featureNames has ${names.length} names but X has ${X.cols} columns`);
  }
  let sampleWeight: Float64Array;
  const hasSampleWeight = options?.sampleWeight !== undefined;
  if (options?.sampleWeight) {
    sampleWeight = options.sampleWeight;
    if (sampleWeight.length !== X.rows) {
      throw new MlInputError(`sampleWeight has ${sampleWeight.length} values but X has ${X.rows} rows`);
    }
    for (let i = 0; i < sampleWeight.length; i++) {
      const w = sampleWeight[i]!;
      if (!Number.isFinite(w) || w < 0) throw new MlInputError(`sampleWeight[${i}] is ${w}, expected ≥ 0`);
    }
  } else {
    sampleWeight = new Float64Array(X.rows).fill(1);
  }
  const seed = options?.seed ?? 0;
  if (!Number.isFinite(seed)) throw new MlInputError(`seed is ${seed}, expected a finite integer`);
  return { featureNames: names, sampleWeight, seed, hasSampleWeight };
}

/** Throws unless the matrix to predict on has the training column count. */
export function checkPredictInput(X: Matrix, featureNames: readonly string[], kind: string): void {
  if (featureNames.length === 0) throw new MlInputError(`${kind} is not fitted: call fit() first`);
  checkMatrix(X);
  if (X.cols !== featureNames.length) {
    throw new MlInputError(
      `${kind} was fitted on ${featureNames.length} features but X has ${X.cols} columns`,
    );
  }
}

/** Sorted distinct labels and each sample's index into them. */
export function encodeLabels(y: Float64Array): { classes: Float64Array; encoded: Int32Array } {
  const classes = Float64Array.from(new Set(y)).sort();
  const index = new Map<number, number>();
  for (let k = 0; k < classes.length; k++) index.set(classes[k]!, k);
  const encoded = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) encoded[i] = index.get(y[i]!)!;
  return { classes, encoded };
}

/** Rows `indices` of X as a new matrix. */
export function takeRows(X: Matrix, indices: ArrayLike<number>): Matrix {
  const cols = X.cols;
  const data = new Float64Array(indices.length * cols);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    data.set(X.data.subarray(i * cols, i * cols + cols), r * cols);
  }
  return { rows: indices.length, cols, data };
}

/** Entries `indices` of a vector. */
export function takeValues(y: Float64Array, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length);
  for (let r = 0; r < indices.length; r++) out[r] = y[indices[r]!]!;
  return out;
}

/** Columns `columns` of X as a new matrix. */
export function takeColumns(X: Matrix, columns: readonly number[]): Matrix {
  const out = new Float64Array(X.rows * columns.length);
  for (let i = 0; i < X.rows; i++) {
    for (let c = 0; c < columns.length; c++) out[i * columns.length + c] = X.data[i * X.cols + columns[c]!]!;
  }
  return { rows: X.rows, cols: columns.length, data: out };
}

/** Index of the largest entry of `values[offset..offset+count)` (first one on ties, like numpy argmax). */
export function argmax(values: ArrayLike<number>, offset = 0, count = values.length - offset): number {
  let best = 0;
  let bestValue = values[offset]!;
  for (let k = 1; k < count; k++) {
    const v = values[offset + k]!;
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  return best;
}

/** Reads a hyperparameter, checking its type and range; `undefined` gives the default. */
export function numberParam(
  params: Record<string, unknown>,
  key: string,
  fallback: number,
  range: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
): number {
  const raw = params[key];
  if (raw === undefined) return fallback;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new MlInputError(`hyperparameter ${key} is ${JSON.stringify(raw)}, expected a finite number`);
  }
  if (range.integer && !Number.isInteger(value)) {
    throw new MlInputError(`hyperparameter ${key} is ${value}, expected an integer`);
  }
  if (range.min !== undefined && (range.exclusiveMin ? value <= range.min : value < range.min)) {
    throw new MlInputError(
      `hyperparameter ${key} is ${value}, expected ${range.exclusiveMin ? ">" : "≥"} ${range.min}`,
    );
  }
  if (range.max !== undefined && value > range.max) {
    throw new MlInputError(`hyperparameter ${key} is ${value}, expected ≤ ${range.max}`);
  }
  return value;
}

/** Reads an optional numeric hyperparameter where `null`/"none" means "no limit". */
export function optionalNumberParam(
  params: Record<string, unknown>,
  key: string,
  range: { min?: number; integer?: boolean } = {},
): number | null {
  const raw = params[key];
  if (raw === undefined || raw === null || raw === "none" || raw === "None" || raw === "null") return null;
  return numberParam(params, key, 0, range);
}

/** Reads a string hyperparameter restricted to `allowed`. */
export function choiceParam<T extends string>(
  params: Record<string, unknown>,
  key: string,
  fallback: T,
  allowed: readonly T[],
): T {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (typeof raw !== "string" || !(allowed as readonly string[]).includes(raw)) {
    throw new MlInputError(
      `hyperparameter ${key} is ${JSON.stringify(raw)}, expected one of ${allowed.join(", ")}`,
    );
  }
  return raw as T;
}

/** Reads a boolean hyperparameter (accepts true/false and the strings "true"/"false"). */
export function booleanParam(params: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const raw = params[key];
  if (raw === undefined) return fallback;
  if (raw === true || raw === "true") return true;
  if (raw === false || raw === "false") return false;
  throw new MlInputError(`hyperparameter ${key} is ${JSON.stringify(raw)}, expected true or false`);
}

/** Throws if `params` has keys outside `allowed` (catches typos such as nEstimator). */
export function checkParamKeys(
  params: Record<string, unknown>,
  allowed: readonly string[],
  kind: string,
): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw new MlInputError(
        `${kind} has no hyperparameter ${key}; known: ${allowed.join(", ") || "(none)"}`,
      );
    }
  }
}

/** Throws unless a serialized model has the expected kind and schema version. */
export function checkSerialized(
  json: { kind: string; schemaVersion: number },
  kind: string,
  version = 1,
): void {
  if (!json || json.kind !== kind) throw new MlInputError(`expected a ${kind} model, got kind ${json?.kind}`);
  if (json.schemaVersion !== version) {
    throw new MlInputError(
      `${kind} schemaVersion ${json.schemaVersion} is not supported (expected ${version})`,
    );
  }
}
