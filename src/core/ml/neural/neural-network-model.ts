/**
 * Estimators for the gradient-trained networks (`mlp`, `cnn`, `lstm`, `cnn-lstm`): scaling, label
 * encoding, training with Adam and plain-JSON serialisation around a `Network`.
 */
import { RandomStream } from "../../math/random.js";
import {
  type Classifier,
  defaultFeatureNames,
  type FitOptions,
  type Matrix,
  type Regressor,
  type SerializedModel,
} from "../estimator.js";
import {
  buildLayers,
  type NeuralHyperparameters,
  type NeuralKind,
  resolveNeuralHyperparameters,
} from "./architectures.js";
import {
  argmaxRows,
  checkInput,
  checkSerialized,
  columnStatistics,
  encodeLabels,
  type Hyperparameters,
  standardize,
} from "./hyperparameters.js";
import { Network, softmaxRows, trainNetwork } from "./network.js";

const SCHEMA_VERSION = 1;

interface FittedState {
  readonly task: "regression" | "classification";
  readonly inputColumns: number;
  readonly inputMean: number[];
  readonly inputScale: number[];
  readonly targetMean: number;
  readonly targetScale: number;
  readonly classes: number[];
  readonly params: number[];
  readonly lossCurve: number[];
}

abstract class NeuralNetworkBase {
  readonly hyperparameters: NeuralHyperparameters;
  featureNames: readonly string[] = [];
  protected network: Network | undefined;
  protected state: Omit<FittedState, "params"> | undefined;

  constructor(
    readonly kind: NeuralKind,
    hyperparameters: Hyperparameters = {},
  ) {
    this.hyperparameters = resolveNeuralHyperparameters(kind, hyperparameters);
  }

  /** Training loss per epoch of the last fit. */
  get lossCurve(): readonly number[] {
    return this.state?.lossCurve ?? [];
  }

  protected fitNetwork(
    task: "regression" | "classification",
    X: Matrix,
    y: Float64Array,
    options: FitOptions,
  ): void {
    checkInput(X, y);
    const hp = this.hyperparameters;
    const groups = this.kind === "mlp" ? X.cols : hp.channels;
    const stats = hp.standardize
      ? columnStatistics(X, groups)
      : { mean: new Float64Array(groups), scale: new Float64Array(groups).fill(1) };
    const input = standardize(X, stats.mean, stats.scale);
    let target: Float64Array;
    let outputs = 1;
    let targetMean = 0;
    let targetScale = 1;
    let classes: Float64Array = new Float64Array(0);
    if (task === "classification") {
      const encoded = encodeLabels(y);
      classes = encoded.classes;
      outputs = classes.length;
      target = new Float64Array(X.rows * outputs);
      for (let i = 0; i < X.rows; i++) target[i * outputs + encoded.index[i]!] = 1;
    } else {
      if (hp.standardize) {
        const s = columnStatistics({ rows: y.length, cols: 1, data: y });
        targetMean = s.mean[0]!;
        targetScale = s.scale[0]!;
      }
      target = y.map((v) => (v - targetMean) / targetScale);
    }
    const rng = new RandomStream(options.seed ?? 0);
    const network = new Network(buildLayers(this.kind, hp, X.cols, outputs));
    network.initialize(rng);
    const result = trainNetwork(
      network,
      input,
      target,
      X.rows,
      {
        loss: task === "classification" ? "softmax-cross-entropy" : "squared",
        learningRate: hp.learningRateInit,
        batchSize: hp.batchSize,
        maxEpochs: hp.maxIter,
        alpha: hp.alpha,
        tol: hp.tol,
        nIterNoChange: hp.nIterNoChange,
        earlyStopping: hp.earlyStopping,
        validationFraction: hp.validationFraction,
        beta1: hp.beta1,
        beta2: hp.beta2,
        epsilon: hp.epsilon,
      },
      rng,
    );
    this.network = network;
    this.featureNames = options.featureNames ? [...options.featureNames] : defaultFeatureNames(X.cols);
    if (this.featureNames.length !== X.cols) {
      throw new RangeError(`featureNames has ${this.featureNames.length} names but X has ${X.cols} columns`);
    }
    this.state = {
      task,
      inputColumns: X.cols,
      inputMean: [...stats.mean],
      inputScale: [...stats.scale],
      targetMean,
      targetScale,
      classes: [...classes],
      lossCurve: result.lossCurve,
    };
  }

  /** Raw network output for X (standardised input; regression output still in scaled units). */
  protected rawOutput(X: Matrix): Float64Array {
    if (!this.network || !this.state) throw new Error(`${this.kind} model is not fitted: call fit first`);
    checkInput(X, undefined, this.state.inputColumns);
    const input = standardize(
      X,
      Float64Array.from(this.state.inputMean),
      Float64Array.from(this.state.inputScale),
    );
    return this.network.predict(input, X.rows);
  }

  toJSON(): SerializedModel {
    if (!this.network || !this.state) throw new Error(`${this.kind} model is not fitted: call fit first`);
    return {
      kind: this.kind,
      schemaVersion: SCHEMA_VERSION,
      featureNames: [...this.featureNames],
      hyperparameters: { ...this.hyperparameters },
      state: { ...this.state, params: [...this.network.params] } satisfies FittedState,
    };
  }

  protected restore(json: SerializedModel): void {
    checkSerialized(json, this.kind, SCHEMA_VERSION);
    const state = json.state as FittedState;
    const outputs = state.task === "classification" ? state.classes.length : 1;
    const network = new Network(buildLayers(this.kind, this.hyperparameters, state.inputColumns, outputs));
    if (!Array.isArray(state.params) || state.params.length !== network.params.length) {
      throw new RangeError(
        `${this.kind} state.params must hold ${network.params.length} numbers, got ${state.params?.length}`,
      );
    }
    network.params.set(state.params);
    this.network = network;
    this.featureNames = [...json.featureNames];
    const { params: _params, ...rest } = state;
    this.state = rest;
  }
}

/** Neural-network regressor (mlp, cnn, lstm or cnn-lstm architecture; squared loss, identity output). */
export class NeuralNetworkRegressor extends NeuralNetworkBase implements Regressor {
  readonly task = "regression" as const;

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    this.fitNetwork("regression", X, y, options);
    return this;
  }

  predict(X: Matrix): Float64Array {
    const out = this.rawOutput(X);
    const { targetMean, targetScale } = this.state!;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! * targetScale + targetMean;
    return out;
  }

  static fromJSON(json: SerializedModel): NeuralNetworkRegressor {
    const model = new NeuralNetworkRegressor(json.kind as NeuralKind, json.hyperparameters);
    model.restore(json);
    return model;
  }
}

/** Neural-network classifier (softmax output, cross-entropy loss). */
export class NeuralNetworkClassifier extends NeuralNetworkBase implements Classifier {
  readonly task = "classification" as const;

  get classes(): Float64Array {
    return Float64Array.from(this.state?.classes ?? []);
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): this {
    this.fitNetwork("classification", X, y, options);
    return this;
  }

  predictProba(X: Matrix): Matrix {
    const out = this.rawOutput(X);
    const k = this.state!.classes.length;
    softmaxRows(out, X.rows, k);
    return { rows: X.rows, cols: k, data: out };
  }

  predict(X: Matrix): Float64Array {
    const proba = this.predictProba(X);
    const index = argmaxRows(proba.data, proba.rows, proba.cols);
    const classes = this.state!.classes;
    return Float64Array.from(index, (i) => classes[i]!);
  }

  static fromJSON(json: SerializedModel): NeuralNetworkClassifier {
    const model = new NeuralNetworkClassifier(json.kind as NeuralKind, json.hyperparameters);
    model.restore(json);
    return model;
  }
}
