/**
 * Reading hyperparameters (camelCase keys, from code or CLI strings) and checking fit/predict input,
 * with errors that name the field, the value and the allowed range.
 */
import type { Matrix } from "../estimator.js";

export type Hyperparameters = Record<string, unknown>;

function describe(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/** A number hyperparameter (numeric strings accepted), checked against [min, max] and integrality. */
export function numberParameter(
  raw: Hyperparameters,
  name: string,
  fallback: number,
  limits: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
): number {
  const value = raw[name];
  if (value === undefined || value === null) return fallback;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new RangeError(`hyperparameter ${name} must be a finite number, got ${describe(value)}`);
  }
  if (limits.integer && !Number.isInteger(n)) {
    throw new RangeError(`hyperparameter ${name} must be an integer, got ${n}`);
  }
  if (limits.min !== undefined && (limits.exclusiveMin ? n <= limits.min : n < limits.min)) {
    throw new RangeError(
      `hyperparameter ${name} must be ${limits.exclusiveMin ? ">" : "≥"} ${limits.min}, got ${n}`,
    );
  }
  if (limits.max !== undefined && n > limits.max) {
    throw new RangeError(`hyperparameter ${name} must be ≤ ${limits.max}, got ${n}`);
  }
  return n;
}

/** One of a fixed set of strings. */
export function choiceParameter<T extends string>(
  raw: Hyperparameters,
  name: string,
  fallback: T,
  choices: readonly T[],
): T {
  const value = raw[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string" || !choices.includes(value as T)) {
    throw new RangeError(
      `hyperparameter ${name} must be one of ${choices.join(", ")}, got ${describe(value)}`,
    );
  }
  return value as T;
}

/** A boolean (or "true"/"false"). */
export function booleanParameter(raw: Hyperparameters, name: string, fallback: boolean): boolean {
  const value = raw[name];
  if (value === undefined || value === null) return fallback;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new RangeError(`hyperparameter ${name} must be true or false, got ${describe(value)}`);
}

/** A list of positive integers, given as an array or a comma-separated string ("100,50"). */
export function integerListParameter(raw: Hyperparameters, name: string, fallback: number[]): number[] {
  const value = raw[name];
  if (value === undefined || value === null) return fallback;
  const items =
    typeof value === "string"
      ? value.split(",").map((s) => Number(s.trim()))
      : Array.isArray(value)
        ? value
        : [value];
  if (!items.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 1)) {
    throw new RangeError(
      `hyperparameter ${name} must be a list of positive integers, got ${describe(value)}`,
    );
  }
  return items as number[];
}

/** Checks that X is finite, non-empty and (when given) matches y and the expected column count. */
export function checkInput(X: Matrix, y?: Float64Array, expectedCols?: number): void {
  if (X.rows < 1 || X.cols < 1)
    throw new RangeError(`X must have at least one row and one column, got ${X.rows}×${X.cols}`);
  if (X.data.length !== X.rows * X.cols) {
    throw new RangeError(`X.data has ${X.data.length} values, expected rows × cols = ${X.rows * X.cols}`);
  }
  if (expectedCols !== undefined && X.cols !== expectedCols) {
    throw new RangeError(`X has ${X.cols} columns but the model was fitted on ${expectedCols}`);
  }
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i])) {
      throw new RangeError(`X[${Math.floor(i / X.cols)}, ${i % X.cols}] must be finite, got ${X.data[i]}`);
    }
  }
  if (y) {
    if (y.length !== X.rows) throw new RangeError(`y has ${y.length} values but X has ${X.rows} rows`);
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i])) throw new RangeError(`y[${i}] must be finite, got ${y[i]}`);
    }
  }
}

/** Sorted distinct labels and each row's class index. */
export function encodeLabels(y: Float64Array): { classes: Float64Array; index: Int32Array } {
  const classes = Float64Array.from(new Set(y)).sort();
  if (classes.length < 2) throw new RangeError(`y must contain at least two classes, got ${classes.length}`);
  const lookup = new Map<number, number>();
  classes.forEach((c, i) => {
    lookup.set(c, i);
  });
  const index = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) index[i] = lookup.get(y[i])!;
  return { classes, index };
}

/** Mean and standard deviation per group of columns (column j belongs to group j mod groups); std 0 → 1. */
export function columnStatistics(X: Matrix, groups = X.cols): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(groups);
  const scale = new Float64Array(groups);
  const count = new Float64Array(groups);
  for (let i = 0; i < X.data.length; i++) {
    const g = (i % X.cols) % groups;
    mean[g] += X.data[i];
    count[g]++;
  }
  for (let g = 0; g < groups; g++) mean[g] /= count[g];
  for (let i = 0; i < X.data.length; i++) {
    const g = (i % X.cols) % groups;
    const d = X.data[i] - mean[g];
    scale[g] += d * d;
  }
  for (let g = 0; g < groups; g++) {
    const s = Math.sqrt(scale[g] / count[g]);
    scale[g] = s > 0 ? s : 1;
  }
  return { mean, scale };
}

/** (X − mean) / scale with the per-group statistics of `columnStatistics`. */
export function standardize(X: Matrix, mean: Float64Array, scale: Float64Array): Float64Array {
  const groups = mean.length;
  const out = new Float64Array(X.data.length);
  for (let i = 0; i < out.length; i++) {
    const g = (i % X.cols) % groups;
    out[i] = (X.data[i] - mean[g]) / scale[g];
  }
  return out;
}

/** Row-wise argmax of a rows × cols buffer. */
export function argmaxRows(values: Float64Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if (values[r * cols + c] > values[r * cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** Checks the common fields of a serialised model. */
export function checkSerialized(
  json: { kind: string; schemaVersion: number },
  kind: string,
  version: number,
): void {
  if (json.kind !== kind) throw new RangeError(`model kind must be "${kind}", got "${json.kind}"`);
  if (json.schemaVersion !== version) {
    throw new RangeError(`${kind} schemaVersion must be ${version}, got ${json.schemaVersion}`);
  }
}
