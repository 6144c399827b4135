/**
 * Pipelines: transformers applied in order, then a final estimator; fitted and serialised as one
 * model (kind "pipeline"). Hyperparameters: `steps` [{ kind, params }] and `estimator` { id, params }.
 */

import { checkParamKeys, checkPredictInput, checkSerialized, prepareFit } from "./data.js";
import { MlInputError } from "./errors.js";
import type {
  Classifier,
  FitOptions,
  Matrix,
  ModelFactory,
  Regressor,
  SerializedModel,
} from "./estimator.js";
import {
  createTransformer,
  type SerializedTransformer,
  type Transformer,
  transformerFromJSON,
} from "./preprocessing.js";

interface StepSpec {
  kind: string;
  params?: Record<string, unknown>;
}

function parseSpec(raw: unknown, what: string): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new MlInputError(`hyperparameter ${what} is not valid JSON: ${raw}`);
  }
}

/** Transformers + estimator fitted and applied as one model. */
export class Pipeline {
  readonly kind = "pipeline";
  featureNames: string[] = [];
  steps: Transformer[];
  estimator: Regressor | Classifier;
  private readonly params: Record<string, unknown>;

  constructor(
    readonly task: "regression" | "classification",
    params: Record<string, unknown>,
    factory: ModelFactory,
  ) {
    checkParamKeys(params, ["steps", "estimator"], "pipeline");
    this.params = { ...params };
    const steps = parseSpec(params.steps ?? [], "steps");
    if (!Array.isArray(steps))
      throw new MlInputError("hyperparameter steps must be a list of { kind, params }");
    this.steps = (steps as StepSpec[]).map((s) => createTransformer(s.kind, s.params ?? {}));
    const est = parseSpec(params.estimator, "estimator") as
      | { id?: string; params?: Record<string, unknown> }
      | undefined;
    if (!est || typeof est.id !== "string")
      throw new MlInputError("hyperparameter estimator must be { id, params }");
    this.estimator = factory.create(est.id, est.params ?? {}, task);
  }

  /** Classes of the final estimator (classification). */
  get classes(): Float64Array {
    return (this.estimator as Classifier).classes;
  }

  private apply(X: Matrix): Matrix {
    let Z = X;
    for (const s of this.steps) Z = s.transform(Z);
    return Z;
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options);
    let Z = X;
    let names = prep.featureNames;
    for (const s of this.steps) {
      Z = s.fit(Z).transform(Z);
      names = s.featureNamesOut(names);
    }
    const inner: FitOptions = { featureNames: names, seed: prep.seed };
    this.estimator.fit(Z, y, prep.hasSampleWeight ? { ...inner, sampleWeight: prep.sampleWeight } : inner);
    this.featureNames = prep.featureNames;
    return this;
  }

  predict(X: Matrix): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    return this.estimator.predict(this.apply(X));
  }

  predictProba(X: Matrix): Matrix {
    checkPredictInput(X, this.featureNames, this.kind);
    const est = this.estimator as Classifier;
    if (typeof est.predictProba !== "function") throw new MlInputError(`${est.kind} has no predictProba`);
    return est.predictProba(this.apply(X));
  }

  toJSON(): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: {
        task: this.task,
        steps: this.steps.map((s) => s.toJSON()),
        estimator: this.estimator.toJSON(),
      },
    };
  }

  /** Restores a fitted pipeline (the final estimator through `factory`). */
  static fromJSON(json: SerializedModel, factory: ModelFactory): Pipeline {
    checkSerialized(json, "pipeline");
    const s = json.state as {
      task: "regression" | "classification";
      steps: SerializedTransformer[];
      estimator: SerializedModel;
    };
    const p = new Pipeline(s.task, json.hyperparameters, factory);
    p.steps = s.steps.map(transformerFromJSON);
    p.estimator = factory.fromJSON(s.estimator);
    p.featureNames = [...json.featureNames];
    return p;
  }
}
