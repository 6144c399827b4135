/**
 * Bagging of any registry estimator: each member is fitted on a bootstrap resample of the rows and
 * the ensemble averages predictions (regression) or class probabilities (classification).
 * Defaults as scikit-learn's Bagging*: 10 members, maxSamples 1 (fraction of rows), bootstrap on,
 * member "decision-tree".
 * @see https://doi.org/10.1007/BF00058655 (Breiman 1996, bagging predictors)
 */

import { RandomStream } from "../math/random.js";
import {
  argmax,
  booleanParam,
  checkParamKeys,
  checkPredictInput,
  checkSerialized,
  encodeLabels,
  numberParam,
  prepareFit,
  takeRows,
  takeValues,
} from "./data.js";
import { MlInputError } from "./errors.js";
import type {
  Classifier,
  FitOptions,
  Matrix,
  ModelFactory,
  Regressor,
  SerializedModel,
} from "./estimator.js";

function memberParams(raw: unknown): Record<string, unknown> {
  if (raw === undefined) return {};
  if (typeof raw === "string") {
    try {
      return memberParams(JSON.parse(raw));
    } catch {
      throw new MlInputError(`hyperparameter estimatorParams is not valid JSON: ${raw}`);
    }
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new MlInputError(`hyperparameter estimatorParams must be an object, got ${JSON.stringify(raw)}`);
  }
  return raw as Record<string, unknown>;
}

/** Bootstrap-aggregated ensemble of registry models. */
export class BaggingModel {
  readonly kind = "bagging";
  featureNames: string[] = [];
  classes: Float64Array = new Float64Array(0);
  members: (Regressor | Classifier)[] = [];
  readonly estimator: string;
  readonly estimatorParams: Record<string, unknown>;
  readonly nEstimators: number;
  readonly maxSamples: number;
  readonly bootstrap: boolean;
  private readonly params: Record<string, unknown>;

  constructor(
    readonly task: "regression" | "classification",
    params: Record<string, unknown>,
    private readonly factory: ModelFactory,
  ) {
    checkParamKeys(
      params,
      ["estimator", "estimatorParams", "nEstimators", "maxSamples", "bootstrap"],
      "bagging",
    );
    this.params = { ...params };
    const est = params.estimator ?? "decision-tree";
    if (typeof est !== "string")
      throw new MlInputError(`hyperparameter estimator must be a model id, got ${JSON.stringify(est)}`);
    this.estimator = est;
    this.estimatorParams = memberParams(params.estimatorParams);
    this.nEstimators = numberParam(params, "nEstimators", 10, { min: 1, integer: true });
    this.maxSamples = numberParam(params, "maxSamples", 1, { min: 0, max: 1, exclusiveMin: true });
    this.bootstrap = booleanParam(params, "bootstrap", true);
    factory.create(this.estimator, this.estimatorParams, task); // fail early on a bad member
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options, 2);
    this.featureNames = prep.featureNames;
    if (this.task === "classification") this.classes = encodeLabels(y).classes;
    const rng = new RandomStream(prep.seed);
    const n = X.rows;
    const m = Math.max(1, Math.floor(this.maxSamples * n));
    this.members = [];
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let b = 0; b < this.nEstimators; b++) {
      const idx = new Int32Array(m);
      if (this.bootstrap) for (let k = 0; k < m; k++) idx[k] = rng.integer(n);
      else {
        const perm = all.slice();
        rng.shuffle(perm);
        idx.set(perm.subarray(0, m));
      }
      const member = this.factory.create(this.estimator, this.estimatorParams, this.task);
      member.fit(takeRows(X, idx), takeValues(y, idx), {
        featureNames: prep.featureNames,
        seed: rng.nextUint32(),
      });
      this.members.push(member);
    }
    return this;
  }

  predictProba(X: Matrix): Matrix {
    checkPredictInput(X, this.featureNames, this.kind);
    const K = this.classes.length;
    const out = new Float64Array(X.rows * K);
    for (const member of this.members) {
      const c = member as Classifier;
      const columns = Array.from(c.classes, (label) => this.classes.indexOf(label));
      if (typeof c.predictProba === "function") {
        const p = c.predictProba(X);
        for (let i = 0; i < X.rows; i++) {
          for (let k = 0; k < p.cols; k++) out[i * K + columns[k]!] += p.data[i * p.cols + k]!;
        }
      } else {
        const pred = c.predict(X);
        for (let i = 0; i < X.rows; i++) out[i * K + this.classes.indexOf(pred[i]!)] += 1;
      }
    }
    for (let k = 0; k < out.length; k++) out[k] = out[k]! / this.members.length;
    return { rows: X.rows, cols: K, data: out };
  }

  predict(X: Matrix): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    const out = new Float64Array(X.rows);
    if (this.task === "classification") {
      const p = this.predictProba(X);
      for (let i = 0; i < X.rows; i++) out[i] = this.classes[argmax(p.data, i * p.cols, p.cols)]!;
      return out;
    }
    for (const member of this.members) {
      const p = member.predict(X);
      for (let i = 0; i < X.rows; i++) out[i] += p[i]! / this.members.length;
    }
    return out;
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: {
        task: this.task,
        classes: Array.from(this.classes),
        members: this.members.map((m) => m.toJSON()),
      },
    };
  }

  /** Restores a fitted ensemble; members are restored through `factory`. */
  static fromJSON(json: SerializedModel, factory: ModelFactory): BaggingModel {
    checkSerialized(json, "bagging");
    const s = json.state as {
      task: "regression" | "classification";
      classes: number[];
      members: SerializedModel[];
    };
    const m = new BaggingModel(s.task, json.hyperparameters, factory);
    m.classes = Float64Array.from(s.classes);
    m.members = s.members.map((j) => factory.fromJSON(j));
    m.featureNames = [...json.featureNames];
    return m;
  }
}
