/**
 * The estimator contract shared by every model family in core/ml (scikit-learn in spirit).
 *
 * Data are row-major `Float64Array` matrices; classifiers take numeric labels and remember the sorted
 * distinct label values in `classes`. Every estimator serialises to plain JSON with `kind` and
 * `schemaVersion` and is restored by the registry's `fromJSON`. Randomness comes only from a seed.
 */
import { MlInputError } from "./errors.js";

/** A dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Options every `fit` accepts. */
export interface FitOptions {
  /** Column names carried into the fitted model (default x0, x1, …). */
  readonly featureNames?: readonly string[];
  /** Seed of the estimator's random stream (default 0). */
  readonly seed?: number;
  /** Per-sample weights (default all 1), where the algorithm supports them. */
  readonly sampleWeight?: Float64Array;
}

/** Plain-JSON form of a fitted model. */
export interface SerializedModel {
  /** Registry id of the model family, e.g. "random-forest". */
  readonly kind: string;
  readonly schemaVersion: number;
  readonly featureNames: readonly string[];
  readonly hyperparameters: Record<string, unknown>;
  readonly state: unknown;
}

/** Common part of regressors and classifiers. */
export interface Estimator {
  /** Registry id, e.g. "ridge". */
  readonly kind: string;
  readonly featureNames: readonly string[];
  predict(X: Matrix): Float64Array;
  toJSON(): SerializedModel;
}

export interface Regressor extends Estimator {
  readonly task: "regression";
  fit(X: Matrix, y: Float64Array, options?: FitOptions): this;
}

export interface Classifier extends Estimator {
  readonly task: "classification";
  /** Sorted distinct training labels; `predictProba` columns follow this order. */
  readonly classes: Float64Array;
  fit(X: Matrix, y: Float64Array, options?: FitOptions): this;
  predictProba(X: Matrix): Matrix;
}

/** Creates a matrix from rows of numbers, checking that every row has the same length. */
export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new MlInputError(`row ${i} has ${row.length} values, expected ${cols}`);
    data.set(row, i * cols);
  });
  return { rows: rows.length, cols, data };
}

/** Default feature names x0…x{n-1}. */
export function defaultFeatureNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `x${i}`);
}

/**
 * Creates and restores models by id: what composite models (bagging, pipelines) use to build their
 * members. The registry passes itself as this factory (optional third argument of `ModelEntry`'s
 * methods, a compatible extension: entries that do not nest models ignore it).
 */
export interface ModelFactory {
  create(
    id: string,
    hyperparameters?: Record<string, unknown>,
    task?: "regression" | "classification",
  ): Regressor | Classifier;
  fromJSON(json: SerializedModel): Regressor | Classifier;
}

/** How the registry (CLI `ml fit --model <id>`, `fromJSON`) creates and restores a model family. */
export interface ModelEntry {
  /** Kebab-case id, e.g. "random-forest". */
  readonly id: string;
  readonly tasks: readonly ("regression" | "classification")[];
  /** One line for `cellforge ml models`. */
  readonly description: string;
  /** Creates an unfitted estimator; hyperparameters use camelCase keys, defaults as scikit-learn's. */
  create(
    task: "regression" | "classification",
    hyperparameters: Record<string, unknown>,
    factory?: ModelFactory,
  ): Regressor | Classifier;
  /** Restores a fitted estimator from its JSON. */
  fromJSON(json: SerializedModel, factory?: ModelFactory): Regressor | Classifier;
}
