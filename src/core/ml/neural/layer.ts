/**
 * Layers of the hand-written neural networks: batched forward and backward passes on `Float64Array`.
 *
 * Every layer maps a batch of flat samples (`batch × inputSize`, row-major) to `batch × outputSize`.
 * Multi-dimensional samples are stored channels-last: a sequence is `[time, channel]`, an image
 * `[row, column, channel]`. Parameters and gradients live in views into one buffer owned by the
 * network, so the optimiser and serialisation see a single flat vector.
 */
import type { RandomStream } from "../../math/random.js";

export interface Layer {
  /** Layer type, e.g. "dense", used in error messages and docs. */
  readonly type: string;
  readonly inputSize: number;
  readonly outputSize: number;
  /** Number of parameters; the first `weightCount` are weights (L2-penalised), the rest biases. */
  readonly paramCount: number;
  readonly weightCount: number;
  /** Attaches views into the network's parameter and gradient buffers. */
  bind(params: Float64Array, grads: Float64Array): void;
  /** Draws initial weights (Glorot uniform) and sets biases. */
  initialize(rng: RandomStream): void;
  /** Forward pass; returns the layer's own output buffer (valid until the next forward call). */
  forward(input: Float64Array, batch: number): Float64Array;
  /** Backward pass for the last forward batch: adds parameter gradients, returns dLoss/dInput. */
  backward(gradOutput: Float64Array, batch: number): Float64Array;
}

/** Returns `buffer` if it holds at least `size` values, else a new buffer of that size. */
export function ensureBuffer(buffer: Float64Array, size: number): Float64Array {
  return buffer.length >= size ? buffer : new Float64Array(size);
}

/** Glorot/Xavier uniform initialisation of `weights` (bound √(6/(fanIn+fanOut))). */
export function glorotUniform(weights: Float64Array, fanIn: number, fanOut: number, rng: RandomStream): void {
  const bound = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < weights.length; i++) weights[i] = rng.uniformIn(-bound, bound);
}

/** Fully connected layer y = W x + b, W stored `[output, input]`. */
export class DenseLayer implements Layer {
  readonly type = "dense";
  readonly paramCount: number;
  readonly weightCount: number;
  private weights: Float64Array = new Float64Array(0);
  private bias: Float64Array = new Float64Array(0);
  private gradWeights: Float64Array = new Float64Array(0);
  private gradBias: Float64Array = new Float64Array(0);
  private input: Float64Array = new Float64Array(0);
  private output: Float64Array = new Float64Array(0);
  private gradInput: Float64Array = new Float64Array(0);

  constructor(
    readonly inputSize: number,
    readonly outputSize: number,
  ) {
    this.weightCount = inputSize * outputSize;
    this.paramCount = this.weightCount + outputSize;
  }

  bind(params: Float64Array, grads: Float64Array): void {
    this.weights = params.subarray(0, this.weightCount);
    this.bias = params.subarray(this.weightCount, this.paramCount);
    this.gradWeights = grads.subarray(0, this.weightCount);
    this.gradBias = grads.subarray(this.weightCount, this.paramCount);
  }

  initialize(rng: RandomStream): void {
    glorotUniform(this.weights, this.inputSize, this.outputSize, rng);
    this.bias.fill(0);
  }

  forward(input: Float64Array, batch: number): Float64Array {
    const nIn = this.inputSize;
    const nOut = this.outputSize;
    const w = this.weights;
    this.input = input;
    this.output = ensureBuffer(this.output, batch * nOut);
    const out = this.output;
    for (let b = 0; b < batch; b++) {
      const xOff = b * nIn;
      for (let o = 0; o < nOut; o++) {
        let sum = this.bias[o];
        const wOff = o * nIn;
        for (let i = 0; i < nIn; i++) sum += w[wOff + i] * input[xOff + i];
        out[b * nOut + o] = sum;
      }
    }
    return out;
  }

  backward(gradOutput: Float64Array, batch: number): Float64Array {
    const nIn = this.inputSize;
    const nOut = this.outputSize;
    const w = this.weights;
    const gw = this.gradWeights;
    const x = this.input;
    this.gradInput = ensureBuffer(this.gradInput, batch * nIn);
    const gx = this.gradInput;
    gx.fill(0, 0, batch * nIn);
    for (let b = 0; b < batch; b++) {
      const xOff = b * nIn;
      for (let o = 0; o < nOut; o++) {
        const g = gradOutput[b * nOut + o];
        if (g === 0) continue;
        this.gradBias[o] += g;
        const wOff = o * nIn;
        for (let i = 0; i < nIn; i++) {
          gw[wOff + i] += g * x[xOff + i];
          gx[xOff + i] += g * w[wOff + i];
        }
      }
    }
    return gx;
  }
}

export const ACTIVATIONS = ["relu", "tanh", "logistic", "identity"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** Element-wise activation; the derivative is taken from the stored output. */
export class ActivationLayer implements Layer {
  readonly type = "activation";
  readonly paramCount = 0;
  readonly weightCount = 0;
  readonly outputSize: number;
  private output: Float64Array = new Float64Array(0);
  private gradInput: Float64Array = new Float64Array(0);

  constructor(
    readonly inputSize: number,
    readonly activation: ActivationName,
  ) {
    this.outputSize = inputSize;
  }

  bind(): void {}
  initialize(): void {}

  forward(input: Float64Array, batch: number): Float64Array {
    const n = batch * this.inputSize;
    this.output = ensureBuffer(this.output, n);
    const out = this.output;
    switch (this.activation) {
      case "relu":
        for (let i = 0; i < n; i++) out[i] = Math.max(input[i], 0);
        break;
      case "tanh":
        for (let i = 0; i < n; i++) out[i] = Math.tanh(input[i]);
        break;
      case "logistic":
        for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-input[i]));
        break;
      case "identity":
        for (let i = 0; i < n; i++) out[i] = input[i];
        break;
    }
    return out;
  }

  backward(gradOutput: Float64Array, batch: number): Float64Array {
    const n = batch * this.inputSize;
    this.gradInput = ensureBuffer(this.gradInput, n);
    const gx = this.gradInput;
    const y = this.output;
    switch (this.activation) {
      case "relu":
        for (let i = 0; i < n; i++) gx[i] = y[i] > 0 ? gradOutput[i] : 0;
        break;
      case "tanh":
        for (let i = 0; i < n; i++) gx[i] = gradOutput[i] * (1 - y[i] * y[i]);
        break;
      case "logistic":
        for (let i = 0; i < n; i++) gx[i] = gradOutput[i] * y[i] * (1 - y[i]);
        break;
      case "identity":
        for (let i = 0; i < n; i++) gx[i] = gradOutput[i];
        break;
    }
    return gx;
  }
}
