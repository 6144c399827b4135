/**
 * Decision trees, random forests and extremely randomised trees as one family: an averaged ensemble
 * of CART trees differing only in bootstrap, feature sampling and split rule (scikit-learn defaults:
 * 100 trees; max_features 1.0 for regression and √p for classification in forests; a tree is grown
 * until pure).
 * @see https://doi.org/10.1023/A:1010933404324 (Breiman 2001, random forests)
 * @see https://doi.org/10.1007/s10994-006-6226-1 (Geurts et al. 2006, extremely randomised trees)
 */

import { RandomStream } from "../../math/random.js";
import {
  argmax,
  booleanParam,
  checkParamKeys,
  checkPredictInput,
  checkSerialized,
  choiceParam,
  encodeLabels,
  numberParam,
  optionalNumberParam,
  prepareFit,
} from "../data.js";
import { MlInputError } from "../errors.js";
import type { Classifier, FitOptions, Matrix, Regressor, SerializedModel } from "../estimator.js";
import {
  type CompiledTree,
  type Criterion,
  compiledLeaves,
  compileTree,
  growTree,
  prepareTreeData,
  type SerializedTree,
  type TreeArrays,
  type TreeGrowOptions,
  treeFeatureImportances,
  treeFromJSON,
  treeToJSON,
} from "./cart.js";

/** Ensemble flavours sharing this implementation. */
export type TreeEnsembleKind = "decision-tree" | "random-forest" | "extra-trees";

const PARAM_KEYS = [
  "criterion",
  "maxDepth",
  "minSamplesSplit",
  "minSamplesLeaf",
  "minImpurityDecrease",
  "maxFeatures",
  "nEstimators",
  "bootstrap",
] as const;

/** Resolves scikit-learn's max_features ("sqrt", "log2", fraction in (0, 1], integer count, null = all). */
export function resolveMaxFeatures(value: unknown, cols: number): number {
  if (value === undefined || value === null || value === "none" || value === "None") return cols;
  if (value === "sqrt") return Math.max(1, Math.floor(Math.sqrt(cols)));
  if (value === "log2") return Math.max(1, Math.floor(Math.log2(cols)));
  const v = typeof value === "string" ? Number(value) : value;
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new MlInputError(
      `hyperparameter maxFeatures is ${JSON.stringify(value)}, expected "sqrt", "log2", a fraction or a count`,
    );
  }
  if (v <= 1) return Math.max(1, Math.floor(v * cols));
  if (!Number.isInteger(v))
    throw new MlInputError(`hyperparameter maxFeatures is ${v}: counts must be integers`);
  return Math.min(v, cols);
}

/** Shared fitting and prediction of tree ensembles. */
abstract class TreeEnsemble {
  featureNames: string[] = [];
  trees: TreeArrays[] = [];
  private compiled: CompiledTree[] | null = null;
  protected readonly params: Record<string, unknown>;
  protected readonly grow: Omit<TreeGrowOptions, "maxFeatures" | "criterion">;
  protected readonly criterion: Criterion;
  readonly nEstimators: number;
  readonly bootstrap: boolean;
  protected readonly maxFeaturesSpec: unknown;

  constructor(
    readonly kind: TreeEnsembleKind,
    task: "regression" | "classification",
    params: Record<string, unknown>,
  ) {
    const keys =
      kind === "decision-tree"
        ? PARAM_KEYS.filter((k) => k !== "nEstimators" && k !== "bootstrap")
        : PARAM_KEYS;
    checkParamKeys(params, keys, kind);
    this.params = { ...params };
    this.criterion =
      task === "regression"
        ? choiceParam(params, "criterion", "squared_error", ["squared_error"] as const)
        : choiceParam(params, "criterion", "gini", ["gini", "entropy"] as const);
    const maxDepth = optionalNumberParam(params, "maxDepth", { min: 1, integer: true });
    this.grow = {
      splitter: kind === "extra-trees" ? "random" : "best",
      maxDepth: maxDepth ?? Number.POSITIVE_INFINITY,
      minSamplesSplit: numberParam(params, "minSamplesSplit", 2, { min: 2, integer: true }),
      minSamplesLeaf: numberParam(params, "minSamplesLeaf", 1, { min: 1, integer: true }),
      minImpurityDecrease: numberParam(params, "minImpurityDecrease", 0, { min: 0 }),
    };
    this.nEstimators =
      kind === "decision-tree" ? 1 : numberParam(params, "nEstimators", 100, { min: 1, integer: true });
    this.bootstrap =
      kind === "random-forest"
        ? booleanParam(params, "bootstrap", true)
        : booleanParam(params, "bootstrap", false);
    this.maxFeaturesSpec =
      "maxFeatures" in params
        ? params.maxFeatures
        : kind !== "decision-tree" && task === "classification"
          ? "sqrt"
          : null;
    resolveMaxFeatures(this.maxFeaturesSpec, 10); // validate early
  }

  protected fitTrees(
    X: Matrix,
    target: Float64Array,
    classCount: number,
    weights: Float64Array,
    seed: number,
  ): void {
    const data = prepareTreeData(X.data, X.rows, X.cols, target, classCount);
    const options: TreeGrowOptions = {
      ...this.grow,
      criterion: this.criterion,
      maxFeatures: resolveMaxFeatures(this.maxFeaturesSpec, X.cols),
    };
    const streams = new RandomStream(seed).split(this.nEstimators);
    const n = X.rows;
    const w = new Float64Array(n);
    this.trees = [];
    this.compiled = null;
    for (let t = 0; t < this.nEstimators; t++) {
      const rng = streams[t]!;
      if (this.bootstrap) {
        w.fill(0);
        for (let k = 0; k < n; k++) w[rng.integer(n)] += 1;
        for (let i = 0; i < n; i++) w[i] = w[i]! * weights[i]!;
      } else w.set(weights);
      this.trees.push(growTree(data, w, options, this.nEstimators === 1 ? seed : rng.nextUint32()));
    }
  }

  /** Mean impurity-decrease (Gini/MDI) importance per feature, summing to 1. */
  get featureImportances(): Float64Array {
    const p = this.featureNames.length;
    const total = new Float64Array(p);
    for (const t of this.trees) {
      const imp = treeFeatureImportances(t, p);
      for (let j = 0; j < p; j++) total[j] += imp[j]!;
    }
    let s = 0;
    for (let j = 0; j < p; j++) s += total[j]!;
    if (s > 0) for (let j = 0; j < p; j++) total[j] = total[j]! / s;
    return total;
  }

  /** Sums per-tree leaf outputs (normalised class distributions for classifiers) into `out` (n × outputs). */
  protected accumulate(X: Matrix, outputs: number, normalise: boolean): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    const f32 = Float32Array.from(X.data);
    const out = new Float64Array(X.rows * outputs);
    if (this.compiled?.length !== this.trees.length) this.compiled = this.trees.map(compileTree);
    const leaves = new Int32Array(X.rows);
    for (let t = 0; t < this.trees.length; t++) {
      const v = this.trees[t]!.value;
      compiledLeaves(this.compiled[t]!, f32, X.rows, X.cols, leaves);
      if (outputs === 1) {
        for (let i = 0; i < X.rows; i++) out[i] += v[leaves[i]!]!;
        continue;
      }
      for (let i = 0; i < X.rows; i++) {
        const leaf = leaves[i]!;
        let s = 0;
        if (normalise) for (let k = 0; k < outputs; k++) s += v[leaf * outputs + k]!;
        else s = 1;
        for (let k = 0; k < outputs; k++) out[i * outputs + k] += v[leaf * outputs + k]! / s;
      }
    }
    const scale = 1 / this.trees.length;
    for (let k = 0; k < out.length; k++) out[k] = out[k]! * scale;
    return out;
  }

  protected serialize(state: Record<string, unknown>): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: { ...state, trees: this.trees.map(treeToJSON) },
    };
  }

  protected restoreTrees(json: SerializedModel): Record<string, unknown> {
    checkSerialized(json, this.kind);
    const state = json.state as { trees: SerializedTree[] } & Record<string, unknown>;
    this.trees = state.trees.map(treeFromJSON);
    this.compiled = null;
    this.featureNames = [...json.featureNames];
    return state;
  }
}

/** Tree-ensemble regressor: predictions are the mean of the trees' leaf means. */
export class TreeEnsembleRegressor extends TreeEnsemble implements Regressor {
  readonly task = "regression" as const;
  constructor(kind: TreeEnsembleKind, params: Record<string, unknown> = {}) {
    super(kind, "regression", params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options);
    this.featureNames = prep.featureNames;
    this.fitTrees(X, y, 0, prep.sampleWeight, prep.seed);
    return this;
  }

  predict(X: Matrix): Float64Array {
    return this.accumulate(X, 1, false);
  }

  toJSON(): SerializedModel {
    return this.serialize({});
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): TreeEnsembleRegressor {
    const m = new TreeEnsembleRegressor(json.kind as TreeEnsembleKind, json.hyperparameters);
    m.restoreTrees(json);
    return m;
  }
}

/** Tree-ensemble classifier: probabilities are the mean of the trees' leaf class distributions. */
export class TreeEnsembleClassifier extends TreeEnsemble implements Classifier {
  readonly task = "classification" as const;
  classes: Float64Array = new Float64Array(0);
  constructor(kind: TreeEnsembleKind, params: Record<string, unknown> = {}) {
    super(kind, "classification", params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options);
    const { classes, encoded } = encodeLabels(y);
    this.classes = classes;
    this.featureNames = prep.featureNames;
    this.fitTrees(X, Float64Array.from(encoded), classes.length, prep.sampleWeight, prep.seed);
    return this;
  }

  predictProba(X: Matrix): Matrix {
    const K = this.classes.length;
    return { rows: X.rows, cols: K, data: this.accumulate(X, K, true) };
  }

  predict(X: Matrix): Float64Array {
    const p = this.predictProba(X);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = this.classes[argmax(p.data, i * p.cols, p.cols)]!;
    return out;
  }

  toJSON(): SerializedModel {
    return this.serialize({ classes: Array.from(this.classes) });
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): TreeEnsembleClassifier {
    const m = new TreeEnsembleClassifier(json.kind as TreeEnsembleKind, json.hyperparameters);
    const state = m.restoreTrees(json);
    m.classes = Float64Array.from(state.classes as number[]);
    return m;
  }
}
