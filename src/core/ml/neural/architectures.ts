/**
 * Network architectures behind the `mlp`, `cnn`, `lstm` and `cnn-lstm` model ids: resolved
 * hyperparameters (defaults as scikit-learn's MLP where one exists) and the layer stack they build.
 *
 * Sequence and image models read each row of X as a flattened channels-last sample: a sequence of
 * `sequenceLength` time steps with `channels` values each (row = [t0c0, t0c1, …, t1c0, …]); a 2-D CNN
 * (`imageHeight` > 1) reads a `imageHeight × (cols / (imageHeight·channels)) × channels` image.
 */
import { ConvolutionLayer, type ImageShape, MaxPoolingLayer } from "./convolution.js";
import {
  booleanParameter,
  choiceParameter,
  type Hyperparameters,
  integerListParameter,
  numberParameter,
} from "./hyperparameters.js";
import { ACTIVATIONS, ActivationLayer, type ActivationName, DenseLayer, type Layer } from "./layer.js";
import { LstmLayer } from "./lstm.js";

export const NEURAL_KINDS = ["mlp", "cnn", "lstm", "cnn-lstm"] as const;
export type NeuralKind = (typeof NEURAL_KINDS)[number];

/** Fully resolved hyperparameters (what is stored in the model JSON). */
export interface NeuralHyperparameters {
  /** Hidden dense layer widths (mlp default [100]; cnn/lstm/cnn-lstm default [32]). */
  readonly hiddenLayerSizes: number[];
  readonly activation: ActivationName;
  /** L2 penalty (default 1e-4). */
  readonly alpha: number;
  /** Mini-batch size (default 200, capped at the number of rows). */
  readonly batchSize: number;
  readonly learningRateInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly earlyStopping: boolean;
  readonly validationFraction: number;
  readonly nIterNoChange: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Standardise inputs (per column, or per channel for sequences) and regression targets (default true). */
  readonly standardize: boolean;
  /** Values per time step / pixel (default 1). */
  readonly channels: number;
  /** Time steps per row (0 = cols / channels). */
  readonly sequenceLength: number;
  /** Image rows for a 2-D CNN (default 1 = 1-D). */
  readonly imageHeight: number;
  /** Convolution filters per block (default 16) and number of conv + pool blocks (default 1). */
  readonly filters: number;
  readonly convLayers: number;
  /**
   * Convolution kernel size (k × k in 2-D) and pooling size. Default "auto": kernel min(3, input
   * size) and pool min(2, conv output size) at every block, so small inputs (3 features) still fit.
   */
  readonly kernelSize: number | "auto";
  readonly poolSize: number | "auto";
  /** LSTM hidden units (default 32). */
  readonly units: number;
}

export function resolveNeuralHyperparameters(kind: NeuralKind, raw: Hyperparameters): NeuralHyperparameters {
  const positiveInt = { min: 1, integer: true };
  const fraction = { min: 0, max: 1, exclusiveMin: true };
  return {
    hiddenLayerSizes: integerListParameter(raw, "hiddenLayerSizes", kind === "mlp" ? [100] : [32]),
    activation: choiceParameter(raw, "activation", "relu", ACTIVATIONS),
    alpha: numberParameter(raw, "alpha", 1e-4, { min: 0 }),
    batchSize: numberParameter(raw, "batchSize", kind === "mlp" ? 200 : 32, positiveInt),
    learningRateInit: numberParameter(raw, "learningRateInit", 1e-3, { min: 0, exclusiveMin: true }),
    maxIter: numberParameter(raw, "maxIter", 200, positiveInt),
    tol: numberParameter(raw, "tol", 1e-4, { min: 0 }),
    earlyStopping: booleanParameter(raw, "earlyStopping", false),
    validationFraction: numberParameter(raw, "validationFraction", 0.1, {
      min: 0,
      max: 1,
      exclusiveMin: true,
    }),
    nIterNoChange: numberParameter(raw, "nIterNoChange", 10, positiveInt),
    beta1: numberParameter(raw, "beta1", 0.9, { min: 0, max: 1 }),
    beta2: numberParameter(raw, "beta2", 0.999, fraction),
    epsilon: numberParameter(raw, "epsilon", 1e-8, { min: 0, exclusiveMin: true }),
    standardize: booleanParameter(raw, "standardize", true),
    channels: numberParameter(raw, "channels", 1, positiveInt),
    sequenceLength: numberParameter(raw, "sequenceLength", 0, { min: 0, integer: true }),
    imageHeight: numberParameter(raw, "imageHeight", 1, positiveInt),
    filters: numberParameter(raw, "filters", 16, positiveInt),
    convLayers: numberParameter(raw, "convLayers", 1, positiveInt),
    kernelSize: autoSizeParameter(raw, "kernelSize"),
    poolSize: autoSizeParameter(raw, "poolSize"),
    units: numberParameter(raw, "units", 32, positiveInt),
  };
}

/** A positive integer size or "auto" (the default; also for null). */
function autoSizeParameter(raw: Hyperparameters, name: string): number | "auto" {
  const value = raw[name];
  if (value === undefined || value === null || value === "auto") return "auto";
  return numberParameter(raw, name, 1, { min: 1, integer: true });
}

/** The kernel or pool size of one block: automatic (capped by the input) or explicit (checked). */
function blockSize(
  value: number | "auto",
  auto: number,
  name: string,
  extent: number,
  block: number,
  what: string,
): number {
  if (value === "auto") return Math.min(auto, extent);
  if (value > extent) {
    throw new RangeError(
      `hyperparameter ${name} = ${value} is larger than the ${what} (${extent}) of conv block ${block + 1}; set ${name} ≤ ${extent} or leave it "auto"`,
    );
  }
  return value;
}

/** The sample shape a row of `cols` values is read as (checked against channels, length, height). */
export function sampleShape(kind: NeuralKind, hp: NeuralHyperparameters, cols: number): ImageShape {
  if (kind === "mlp") return { height: 1, width: cols, channels: 1 };
  const perStep = hp.channels * hp.imageHeight;
  if (cols % perStep !== 0) {
    throw new RangeError(
      `X has ${cols} columns, not a multiple of channels × imageHeight = ${perStep} (hyperparameters channels, imageHeight)`,
    );
  }
  const width = cols / perStep;
  if (hp.sequenceLength !== 0 && hp.sequenceLength !== width) {
    throw new RangeError(
      `hyperparameter sequenceLength = ${hp.sequenceLength} does not match X: ${cols} columns / ${perStep} = ${width} steps`,
    );
  }
  if (kind !== "cnn" && hp.imageHeight !== 1) {
    throw new RangeError(`hyperparameter imageHeight must be 1 for ${kind}, got ${hp.imageHeight}`);
  }
  return { height: hp.imageHeight, width, channels: hp.channels };
}

/** Builds the layer stack: input → [feature extractor] → hidden dense layers → linear output. */
export function buildLayers(
  kind: NeuralKind,
  hp: NeuralHyperparameters,
  cols: number,
  outputs: number,
): Layer[] {
  try {
    return stackLayers(kind, hp, cols, outputs);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RangeError(
      `${kind}: ${error.message} (check hyperparameters kernelSize, poolSize, convLayers, sequenceLength, channels)`,
    );
  }
}

function stackLayers(kind: NeuralKind, hp: NeuralHyperparameters, cols: number, outputs: number): Layer[] {
  const layers: Layer[] = [];
  let shape = sampleShape(kind, hp, cols);
  if (kind === "cnn" || kind === "cnn-lstm") {
    const is2d = shape.height > 1;
    for (let b = 0; b < hp.convLayers; b++) {
      const inExtent = is2d ? Math.min(shape.height, shape.width) : shape.width;
      const kernel = blockSize(hp.kernelSize, 3, "kernelSize", inExtent, b, "input size");
      const conv = new ConvolutionLayer(shape, hp.filters, is2d ? kernel : 1, kernel);
      layers.push(conv, new ActivationLayer(conv.outputSize, hp.activation));
      const outShape = conv.outputShape;
      const outExtent = is2d ? Math.min(outShape.height, outShape.width) : outShape.width;
      const pool = blockSize(hp.poolSize, 2, "poolSize", outExtent, b, "convolution output size");
      const poolLayer = new MaxPoolingLayer(outShape, is2d ? pool : 1, pool);
      layers.push(poolLayer);
      shape = poolLayer.outputShape;
    }
  }
  let size = shape.height * shape.width * shape.channels;
  if (kind === "lstm" || kind === "cnn-lstm") {
    const lstm = new LstmLayer(shape.width, shape.channels, hp.units);
    layers.push(lstm);
    size = hp.units;
  }
  const hidden = kind === "mlp" || kind === "cnn" ? hp.hiddenLayerSizes : [];
  for (const width of hidden) {
    layers.push(new DenseLayer(size, width), new ActivationLayer(width, hp.activation));
    size = width;
  }
  layers.push(new DenseLayer(size, outputs));
  return layers;
}
