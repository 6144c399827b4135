/**
 * Feature transformers (scikit-learn's StandardScaler, MinMaxScaler, OneHotEncoder), each fitted on
 * training data and serialisable to plain JSON, for use alone or inside a pipeline.
 */

import { booleanParam, checkMatrix, checkParamKeys, checkSerialized, numberParam } from "./data.js";
import { MlInputError } from "./errors.js";
import type { Matrix } from "./estimator.js";

/** Plain-JSON form of a fitted transformer. */
export interface SerializedTransformer {
  readonly kind: string;
  readonly schemaVersion: number;
  readonly hyperparameters: Record<string, unknown>;
  readonly state: unknown;
}

/** A fitted-then-applied column transformation. */
export interface Transformer {
  readonly kind: string;
  fit(X: Matrix): this;
  transform(X: Matrix): Matrix;
  /** Output column names given input names. */
  featureNamesOut(names: readonly string[]): string[];
  toJSON(): SerializedTransformer;
}

function checkColumns(X: Matrix, expected: number, kind: string): void {
  checkMatrix(X);
  if (expected === 0) throw new MlInputError(`${kind} is not fitted: call fit() first`);
  if (X.cols !== expected)
    throw new MlInputError(`${kind} was fitted on ${expected} columns but X has ${X.cols}`);
}

/** Affine per-column map x' = (x − offset)/scale shared by both scalers. */
abstract class AffineScaler implements Transformer {
  abstract readonly kind: string;
  offset: Float64Array = new Float64Array(0);
  scale: Float64Array = new Float64Array(0);
  protected readonly params: Record<string, unknown>;
  constructor(params: Record<string, unknown>) {
    this.params = { ...params };
  }
  abstract fit(X: Matrix): this;
  transform(X: Matrix): Matrix {
    checkColumns(X, this.scale.length, this.kind);
    const out = new Float64Array(X.data.length);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.cols; j++) {
        out[i * X.cols + j] = (X.data[i * X.cols + j]! - this.offset[j]!) / this.scale[j]!;
      }
    }
    return { rows: X.rows, cols: X.cols, data: out };
  }
  /** Maps transformed values back to the original units. */
  inverseTransform(X: Matrix): Matrix {
    checkColumns(X, this.scale.length, this.kind);
    const out = new Float64Array(X.data.length);
    for (let i = 0; i < X.rows; i++) {
      for (let j = 0; j < X.cols; j++)
        out[i * X.cols + j] = X.data[i * X.cols + j]! * this.scale[j]! + this.offset[j]!;
    }
    return { rows: X.rows, cols: X.cols, data: out };
  }
  featureNamesOut(names: readonly string[]): string[] {
    return [...names];
  }
  toJSON(): SerializedTransformer {
    return {
      kind: this.kind,
      schemaVersion: 1,
      hyperparameters: this.params,
      state: { offset: Array.from(this.offset), scale: Array.from(this.scale) },
    };
  }
  protected restore(json: SerializedTransformer): this {
    checkSerialized(json, this.kind);
    const s = json.state as { offset: number[]; scale: number[] };
    this.offset = Float64Array.from(s.offset);
    this.scale = Float64Array.from(s.scale);
    return this;
  }
}

/** Standardises columns to zero mean and unit (population) variance; constant columns keep scale 1. */
export class StandardScaler extends AffineScaler {
  readonly kind = "standard-scaler";
  readonly withMean: boolean;
  readonly withStd: boolean;
  constructor(params: Record<string, unknown> = {}) {
    super(params);
    checkParamKeys(params, ["withMean", "withStd"], this.kind);
    this.withMean = booleanParam(params, "withMean", true);
    this.withStd = booleanParam(params, "withStd", true);
  }
  fit(X: Matrix): this {
    checkMatrix(X);
    if (X.rows < 1) throw new MlInputError("standard-scaler needs at least one row");
    const { rows: n, cols: p } = X;
    const mean = new Float64Array(p);
    const scale = new Float64Array(p).fill(1);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += X.data[i * p + j]! / n;
    if (this.withStd) {
      const v = new Float64Array(p);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < p; j++) v[j] += (X.data[i * p + j]! - mean[j]!) ** 2 / n;
      for (let j = 0; j < p; j++) {
        const sd = Math.sqrt(v[j]!);
        // sklearn treats near-constant columns (sd < 10·eps·|mean|) as constant
        scale[j] = sd < 10 * Number.EPSILON * Math.max(1, Math.abs(mean[j]!)) ? 1 : sd;
      }
    }
    this.offset = this.withMean ? mean : new Float64Array(p);
    this.scale = scale;
    return this;
  }
  /** Restores a fitted scaler. */
  static fromJSON(json: SerializedTransformer): StandardScaler {
    return new StandardScaler(json.hyperparameters).restore(json);
  }
}

/** Scales each column linearly onto [min, max] of the training data (default range 0…1). */
export class MinMaxScaler extends AffineScaler {
  readonly kind = "min-max-scaler";
  readonly low: number;
  readonly high: number;
  constructor(params: Record<string, unknown> = {}) {
    super(params);
    checkParamKeys(params, ["low", "high"], this.kind);
    this.low = numberParam(params, "low", 0);
    this.high = numberParam(params, "high", 1);
    if (!(this.high > this.low))
      throw new MlInputError(`min-max-scaler needs high > low, got ${this.low}…${this.high}`);
  }
  fit(X: Matrix): this {
    checkMatrix(X);
    if (X.rows < 1) throw new MlInputError("min-max-scaler needs at least one row");
    const { rows: n, cols: p } = X;
    this.offset = new Float64Array(p);
    this.scale = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        lo = Math.min(lo, X.data[i * p + j]!);
        hi = Math.max(hi, X.data[i * p + j]!);
      }
      const range = hi - lo === 0 ? 1 : hi - lo;
      const s = range / (this.high - this.low);
      this.scale[j] = s;
      this.offset[j] = lo - this.low * s;
    }
    return this;
  }
  /** Restores a fitted scaler. */
  static fromJSON(json: SerializedTransformer): MinMaxScaler {
    return new MinMaxScaler(json.hyperparameters).restore(json);
  }
}

/**
 * One-hot encodes the listed columns (numeric category codes), each replaced in place by one 0/1
 * column per category seen in training (sorted). Unknown categories throw unless
 * `handleUnknown: "ignore"` (all zeros).
 */
export class OneHotEncoder implements Transformer {
  readonly kind = "one-hot-encoder";
  readonly columns: number[] | null;
  readonly handleUnknown: "error" | "ignore";
  categories: (number[] | null)[] = [];
  private readonly params: Record<string, unknown>;
  constructor(params: Record<string, unknown> = {}) {
    checkParamKeys(params, ["columns", "handleUnknown"], this.kind);
    this.params = { ...params };
    const c = params.columns;
    if (c !== undefined && (!Array.isArray(c) || !c.every((v) => Number.isInteger(v) && v >= 0))) {
      throw new MlInputError(
        `hyperparameter columns must be a list of column indices, got ${JSON.stringify(c)}`,
      );
    }
    this.columns = (c as number[] | undefined) ?? null;
    const h = params.handleUnknown ?? "error";
    if (h !== "error" && h !== "ignore")
      throw new MlInputError(
        `hyperparameter handleUnknown is ${JSON.stringify(h)}, expected error or ignore`,
      );
    this.handleUnknown = h;
  }
  fit(X: Matrix): this {
    checkMatrix(X);
    const cols = this.columns ?? Array.from({ length: X.cols }, (_, j) => j);
    for (const c of cols)
      if (c >= X.cols) throw new MlInputError(`one-hot-encoder column ${c} does not exist (X has ${X.cols})`);
    this.categories = Array.from({ length: X.cols }, (_, j) => {
      if (!cols.includes(j)) return null;
      const set = new Set<number>();
      for (let i = 0; i < X.rows; i++) set.add(X.data[i * X.cols + j]!);
      return [...set].sort((a, b) => a - b);
    });
    return this;
  }
  transform(X: Matrix): Matrix {
    checkColumns(X, this.categories.length, this.kind);
    const width = this.categories.reduce((s, c) => s + (c ? c.length : 1), 0);
    const out = new Float64Array(X.rows * width);
    for (let i = 0; i < X.rows; i++) {
      let o = i * width;
      for (let j = 0; j < X.cols; j++) {
        const v = X.data[i * X.cols + j]!;
        const cats = this.categories[j];
        if (!cats) {
          out[o++] = v;
          continue;
        }
        const k = cats.indexOf(v);
        if (k < 0 && this.handleUnknown === "error") {
          throw new MlInputError(
            `one-hot-encoder: row ${i}, column ${j} has unknown category ${v} (known: ${cats.join(", ")})`,
          );
        }
        if (k >= 0) out[o + k] = 1;
        o += cats.length;
      }
    }
    return { rows: X.rows, cols: width, data: out };
  }
  featureNamesOut(names: readonly string[]): string[] {
    const out: string[] = [];
    this.categories.forEach((cats, j) => {
      if (!cats) out.push(names[j]!);
      else for (const c of cats) out.push(`${names[j]}=${c}`);
    });
    return out;
  }
  toJSON(): SerializedTransformer {
    return {
      kind: this.kind,
      schemaVersion: 1,
      hyperparameters: this.params,
      state: { categories: this.categories },
    };
  }
  /** Restores a fitted encoder. */
  static fromJSON(json: SerializedTransformer): OneHotEncoder {
    checkSerialized(json, "one-hot-encoder");
    const e = new OneHotEncoder(json.hyperparameters);
    e.categories = (json.state as { categories: (number[] | null)[] }).categories;
    return e;
  }
}

/** Creates an unfitted transformer by kind. */
export function createTransformer(kind: string, params: Record<string, unknown> = {}): Transformer {
  if (kind === "standard-scaler") return new StandardScaler(params);
  if (kind === "min-max-scaler") return new MinMaxScaler(params);
  if (kind === "one-hot-encoder") return new OneHotEncoder(params);
  throw new MlInputError(
    `unknown transformer ${kind}; known: standard-scaler, min-max-scaler, one-hot-encoder`,
  );
}

/** Restores a fitted transformer from its JSON. */
export function transformerFromJSON(json: SerializedTransformer): Transformer {
  if (json.kind === "standard-scaler") return StandardScaler.fromJSON(json);
  if (json.kind === "min-max-scaler") return MinMaxScaler.fromJSON(json);
  if (json.kind === "one-hot-encoder") return OneHotEncoder.fromJSON(json);
  throw new MlInputError(`unknown transformer kind ${json.kind}`);
}
