/**
 * AdaBoost (SAMME, multi-class) and RUSBoost (random under-sampling of the majority classes before
 * each boosting round, for imbalanced quality classes) on CART trees (default stumps, maxDepth 1).
 * Defaults as scikit-learn's AdaBoostClassifier(algorithm="SAMME"): 50 rounds, learning rate 1.
 * @see https://doi.org/10.4310/SII.2009.v2.n3.a8 (Zhu, Zou, Rosset, Hastie 2009, SAMME)
 * @see https://doi.org/10.1109/TSMCA.2009.2029559 (Seiffert et al. 2010, RUSBoost)
 */

import { RandomStream } from "../../math/random.js";
import {
  argmax,
  checkParamKeys,
  checkPredictInput,
  checkSerialized,
  encodeLabels,
  numberParam,
  prepareFit,
} from "../data.js";
import { MlInputError } from "../errors.js";
import type { Classifier, FitOptions, Matrix, SerializedModel } from "../estimator.js";
import {
  growTree,
  leafIndexF32,
  prepareTreeData,
  type SerializedTree,
  type TreeArrays,
  treeFeatureImportances,
  treeFromJSON,
  treeToJSON,
} from "./cart.js";

/** SAMME boosting of shallow trees; `kind` "rusboost" under-samples each round. */
export class AdaBoostClassifier implements Classifier {
  readonly task = "classification" as const;
  featureNames: string[] = [];
  classes: Float64Array = new Float64Array(0);
  trees: TreeArrays[] = [];
  estimatorWeights: Float64Array = new Float64Array(0);
  readonly nEstimators: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  private readonly params: Record<string, unknown>;

  constructor(
    readonly kind: "adaboost" | "rusboost" = "adaboost",
    params: Record<string, unknown> = {},
  ) {
    checkParamKeys(params, ["nEstimators", "learningRate", "maxDepth"], kind);
    this.params = { ...params };
    this.nEstimators = numberParam(params, "nEstimators", 50, { min: 1, integer: true });
    this.learningRate = numberParam(params, "learningRate", 1, { min: 0, exclusiveMin: true });
    this.maxDepth = numberParam(params, "maxDepth", 1, { min: 1, integer: true });
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options, 2);
    const { classes, encoded } = encodeLabels(y);
    const K = classes.length;
    if (K < 2) throw new MlInputError(`${this.kind} needs ≥ 2 classes in y, got ${K}`);
    this.classes = classes;
    this.featureNames = prep.featureNames;
    const n = X.rows;
    const target = Float64Array.from(encoded);
    const data = prepareTreeData(X.data, n, X.cols, target, K);
    const f32 = Float32Array.from(X.data);
    const w = Float64Array.from(prep.sampleWeight);
    let total = 0;
    for (let i = 0; i < n; i++) total += w[i]!;
    for (let i = 0; i < n; i++) w[i] = w[i]! / total;
    const rng = new RandomStream(prep.seed);
    const fitWeights = new Float64Array(n);
    const incorrect = new Uint8Array(n);
    const byClass: number[][] = Array.from({ length: K }, () => []);
    for (let i = 0; i < n; i++) byClass[encoded[i]!]!.push(i);
    const minority = Math.min(...byClass.map((c) => c.length));
    this.trees = [];
    const weights: number[] = [];
    const growOptions = {
      criterion: "gini" as const,
      splitter: "best" as const,
      maxDepth: this.maxDepth,
      minSamplesSplit: 2,
      minSamplesLeaf: 1,
      minImpurityDecrease: 0,
      maxFeatures: X.cols,
    };
    for (let m = 0; m < this.nEstimators; m++) {
      if (this.kind === "rusboost") {
        // Random under-sampling without replacement to the minority-class size.
        fitWeights.fill(0);
        for (const members of byClass) {
          const pool = members.slice();
          for (let k = 0; k < minority; k++) {
            const pick = k + rng.integer(pool.length - k);
            const tmp = pool[k]!;
            pool[k] = pool[pick]!;
            pool[pick] = tmp;
            fitWeights[pool[k]!] = w[pool[k]!]!;
          }
        }
      } else fitWeights.set(w);
      const tree = growTree(data, fitWeights, growOptions, rng.nextUint32());
      let error = 0;
      let wsum = 0;
      for (let i = 0; i < n; i++) {
        const leaf = leafIndexF32(tree, f32, i * X.cols);
        const predicted = argmax(tree.value, leaf * K, K);
        incorrect[i] = predicted === encoded[i] ? 0 : 1;
        error += w[i]! * incorrect[i]!;
        wsum += w[i]!;
      }
      error /= wsum;
      if (error <= 0) {
        this.trees.push(tree);
        weights.push(1);
        break;
      }
      if (error >= 1 - 1 / K) {
        if (this.trees.length === 0) {
          throw new MlInputError(
            `${this.kind}: the first base tree is no better than chance (error ${error})`,
          );
        }
        break;
      }
      const alpha = this.learningRate * (Math.log((1 - error) / error) + Math.log(K - 1));
      this.trees.push(tree);
      weights.push(alpha);
      if (m < this.nEstimators - 1) {
        let s = 0;
        for (let i = 0; i < n; i++) {
          if (incorrect[i] && w[i]! > 0) w[i] = Math.exp(Math.log(w[i]!) + alpha);
          s += w[i]!;
        }
        if (!(s > 0)) break;
        for (let i = 0; i < n; i++) w[i] = w[i]! / s;
      }
    }
    this.estimatorWeights = Float64Array.from(weights);
    return this;
  }

  /** SAMME decision scores (n × K): weighted votes divided by the total weight. */
  private decision(X: Matrix): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    const K = this.classes.length;
    const f32 = Float32Array.from(X.data);
    const out = new Float64Array(X.rows * K);
    let total = 0;
    this.trees.forEach((tree, m) => {
      const a = this.estimatorWeights[m]!;
      total += a;
      for (let i = 0; i < X.rows; i++) {
        const leaf = leafIndexF32(tree, f32, i * X.cols);
        out[i * K + argmax(tree.value, leaf * K, K)] += a;
      }
    });
    for (let k = 0; k < out.length; k++) out[k] = out[k]! / total;
    return out;
  }

  predictProba(X: Matrix): Matrix {
    const d = this.decision(X);
    const K = this.classes.length;
    const out = new Float64Array(X.rows * K);
    for (let i = 0; i < X.rows; i++) {
      if (K === 2) {
        const s = d[2 * i + 1]! - d[2 * i]!;
        const e0 = Math.exp(-s / 2);
        const e1 = Math.exp(s / 2);
        out[2 * i] = e0 / (e0 + e1);
        out[2 * i + 1] = e1 / (e0 + e1);
      } else {
        let mx = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < K; k++) mx = Math.max(mx, d[i * K + k]! / (K - 1));
        let s = 0;
        for (let k = 0; k < K; k++) s += out[i * K + k] = Math.exp(d[i * K + k]! / (K - 1) - mx);
        for (let k = 0; k < K; k++) out[i * K + k] = out[i * K + k]! / s;
      }
    }
    return { rows: X.rows, cols: K, data: out };
  }

  predict(X: Matrix): Float64Array {
    const d = this.decision(X);
    const K = this.classes.length;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      out[i] =
        K === 2 ? this.classes[d[2 * i + 1]! - d[2 * i]! > 0 ? 1 : 0]! : this.classes[argmax(d, i * K, K)]!;
    }
    return out;
  }

  /** Weighted mean of the trees' impurity importances (as scikit-learn). */
  get featureImportances(): Float64Array {
    const p = this.featureNames.length;
    const out = new Float64Array(p);
    let total = 0;
    this.trees.forEach((t, m) => {
      const imp = treeFeatureImportances(t, p);
      const a = this.estimatorWeights[m]!;
      total += a;
      for (let j = 0; j < p; j++) out[j] += a * imp[j]!;
    });
    for (let j = 0; j < p; j++) out[j] = out[j]! / total;
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: {
        classes: Array.from(this.classes),
        estimatorWeights: Array.from(this.estimatorWeights),
        trees: this.trees.map(treeToJSON),
      },
    };
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): AdaBoostClassifier {
    const kind = json.kind === "rusboost" ? "rusboost" : "adaboost";
    checkSerialized(json, kind);
    const m = new AdaBoostClassifier(kind, json.hyperparameters);
    const s = json.state as { classes: number[]; estimatorWeights: number[]; trees: SerializedTree[] };
    m.classes = Float64Array.from(s.classes);
    m.estimatorWeights = Float64Array.from(s.estimatorWeights);
    m.trees = s.trees.map(treeFromJSON);
    m.featureNames = [...json.featureNames];
    return m;
  }
}
