/**
 * A feed-forward stack of layers with one flat parameter vector, its losses, and mini-batch Adam
 * training with scikit-learn's MLP conventions (L2 term α‖W‖²/(2·batch), tol / nIterNoChange stopping,
 * optional early stopping on a held-out validation fraction).
 * @see https://arxiv.org/abs/1412.6980 (Adam)
 */
import type { RandomStream } from "../../math/random.js";
import type { Layer } from "./layer.js";

export type LossName = "squared" | "softmax-cross-entropy";

export class Network {
  readonly params: Float64Array;
  readonly grads: Float64Array;
  /** 1 for weights (L2-penalised), 0 for biases. */
  readonly weightMask: Uint8Array;
  readonly inputSize: number;
  readonly outputSize: number;

  constructor(readonly layers: readonly Layer[]) {
    if (layers.length === 0) throw new RangeError("a network needs at least one layer");
    for (let l = 1; l < layers.length; l++) {
      if (layers[l]!.inputSize !== layers[l - 1]!.outputSize) {
        throw new RangeError(
          `layer ${l} (${layers[l]!.type}) expects ${layers[l]!.inputSize} inputs but layer ${l - 1} gives ${layers[l - 1]!.outputSize}`,
        );
      }
    }
    const total = layers.reduce((s, l) => s + l.paramCount, 0);
    this.params = new Float64Array(total);
    this.grads = new Float64Array(total);
    this.weightMask = new Uint8Array(total);
    let offset = 0;
    for (const layer of layers) {
      layer.bind(
        this.params.subarray(offset, offset + layer.paramCount),
        this.grads.subarray(offset, offset + layer.paramCount),
      );
      this.weightMask.fill(1, offset, offset + layer.weightCount);
      offset += layer.paramCount;
    }
    this.inputSize = layers[0]!.inputSize;
    this.outputSize = layers[layers.length - 1]!.outputSize;
  }

  initialize(rng: RandomStream): void {
    for (const layer of this.layers) layer.initialize(rng);
  }

  /** Raw network output (before the loss's link: softmax is applied by the loss, not here). */
  forward(input: Float64Array, batch: number): Float64Array {
    let x = input;
    for (const layer of this.layers) x = layer.forward(x, batch);
    return x;
  }

  /** Back-propagates dLoss/dOutput of the last forward batch, adding into `grads`. */
  backward(gradOutput: Float64Array, batch: number): void {
    let g = gradOutput;
    for (let l = this.layers.length - 1; l >= 0; l--) g = this.layers[l]!.backward(g, batch);
  }

  /** Output for any number of rows, evaluated in chunks. */
  predict(input: Float64Array, rows: number, chunk = 256): Float64Array {
    const out = new Float64Array(rows * this.outputSize);
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start);
      const y = this.forward(input.subarray(start * this.inputSize, (start + n) * this.inputSize), n);
      out.set(y.subarray(0, n * this.outputSize), start * this.outputSize);
    }
    return out;
  }
}

/** In-place row-wise softmax of `values` (`rows × cols`). */
export function softmaxRows(values: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < cols; c++) max = Math.max(max, values[off + c]);
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      const e = Math.exp(values[off + c] - max);
      values[off + c] = e;
      sum += e;
    }
    for (let c = 0; c < cols; c++) values[off + c] /= sum;
  }
}

/**
 * Loss of a batch and its gradient wrt the raw output, written into `grad`:
 * squared: Σ (ŷ − y)² / (2·batch·outputs) as scikit-learn; softmax-cross-entropy: −Σ y·log softmax(ŷ) / batch.
 */
export function lossAndGradient(
  loss: LossName,
  output: Float64Array,
  target: Float64Array,
  batch: number,
  outputs: number,
  grad: Float64Array,
): number {
  const n = batch * outputs;
  let value = 0;
  if (loss === "squared") {
    for (let i = 0; i < n; i++) {
      const d = output[i] - target[i];
      value += d * d;
      grad[i] = d / n;
    }
    return value / (2 * n);
  }
  for (let b = 0; b < batch; b++) {
    const off = b * outputs;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < outputs; c++) max = Math.max(max, output[off + c]);
    let sum = 0;
    for (let c = 0; c < outputs; c++) sum += Math.exp(output[off + c] - max);
    const logSum = max + Math.log(sum);
    for (let c = 0; c < outputs; c++) {
      const p = Math.exp(output[off + c] - logSum);
      grad[off + c] = (p - target[off + c]) / batch;
      if (target[off + c] !== 0) value -= target[off + c] * (output[off + c] - logSum);
    }
  }
  return value / batch;
}

/** Mini-batch Adam options; defaults are scikit-learn's MLP defaults. */
export interface TrainOptions {
  readonly loss: LossName;
  /** Step size (default 1e-3). */
  readonly learningRate?: number;
  /** Mini-batch size (default min(200, rows)). */
  readonly batchSize?: number;
  /** Maximum number of epochs (default 200). */
  readonly maxEpochs?: number;
  /** L2 penalty α on weights (default 1e-4). */
  readonly alpha?: number;
  /** Improvement below which an epoch counts as no progress (default 1e-4). */
  readonly tol?: number;
  /** Epochs without progress before stopping (default 10). */
  readonly nIterNoChange?: number;
  /** Hold out `validationFraction` of rows and stop on their loss, restoring the best weights (default false). */
  readonly earlyStopping?: boolean;
  readonly validationFraction?: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

export interface TrainResult {
  /** Mean training loss per epoch (including the L2 term). */
  readonly lossCurve: number[];
  readonly epochs: number;
  /** Validation loss per epoch when early stopping is on. */
  readonly validationCurve: number[];
}

/** Trains `network` in place on `rows` samples (`input`: rows × inputSize, `target`: rows × outputSize). */
export function trainNetwork(
  network: Network,
  input: Float64Array,
  target: Float64Array,
  rows: number,
  options: TrainOptions,
  rng: RandomStream,
): TrainResult {
  const lr = options.learningRate ?? 1e-3;
  const maxEpochs = options.maxEpochs ?? 200;
  const alpha = options.alpha ?? 1e-4;
  const tol = options.tol ?? 1e-4;
  const patience = options.nIterNoChange ?? 10;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const eps = options.epsilon ?? 1e-8;
  const nIn = network.inputSize;
  const nOut = network.outputSize;

  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  rng.shuffle(order);
  let trainRows = rows;
  let validRows = 0;
  if (options.earlyStopping) {
    validRows = Math.max(1, Math.round((options.validationFraction ?? 0.1) * rows));
    trainRows = rows - validRows;
    if (trainRows < 1) throw new RangeError(`early stopping needs more than ${rows} rows`);
  }
  const trainIdx = order.subarray(0, trainRows);
  const validIdx = order.subarray(trainRows);
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 200, trainRows));

  const xb = new Float64Array(batchSize * nIn);
  const yb = new Float64Array(batchSize * nOut);
  const gOut = new Float64Array(batchSize * nOut);
  const P = network.params.length;
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const params = network.params;
  const grads = network.grads;
  const mask = network.weightMask;
  let step = 0;

  const validX = new Float64Array(validRows * nIn);
  const validY = new Float64Array(validRows * nOut);
  for (let r = 0; r < validRows; r++) {
    validX.set(input.subarray(validIdx[r]! * nIn, (validIdx[r]! + 1) * nIn), r * nIn);
    validY.set(target.subarray(validIdx[r]! * nOut, (validIdx[r]! + 1) * nOut), r * nOut);
  }
  const validGrad = new Float64Array(validRows * nOut);
  const bestParams = new Float64Array(P);

  const lossCurve: number[] = [];
  const validationCurve: number[] = [];
  let best = Number.POSITIVE_INFINITY;
  let noImprovement = 0;
  let epoch = 0;
  for (epoch = 0; epoch < maxEpochs; epoch++) {
    rng.shuffle(trainIdx);
    let epochLoss = 0;
    for (let start = 0; start < trainRows; start += batchSize) {
      const n = Math.min(batchSize, trainRows - start);
      for (let r = 0; r < n; r++) {
        const src = trainIdx[start + r]!;
        xb.set(input.subarray(src * nIn, (src + 1) * nIn), r * nIn);
        yb.set(target.subarray(src * nOut, (src + 1) * nOut), r * nOut);
      }
      grads.fill(0);
      const out = network.forward(xb, n);
      let batchLoss = lossAndGradient(options.loss, out, yb, n, nOut, gOut);
      network.backward(gOut, n);
      let sq = 0;
      for (let p = 0; p < P; p++) {
        if (mask[p]) {
          sq += params[p]! * params[p]!;
          grads[p]! += (alpha * params[p]!) / n;
        }
      }
      batchLoss += (0.5 * alpha * sq) / n;
      epochLoss += batchLoss * n;
      step++;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      const lrT = (lr * Math.sqrt(c2)) / c1;
      for (let p = 0; p < P; p++) {
        const g = grads[p]!;
        m[p] = beta1 * m[p]! + (1 - beta1) * g;
        v[p] = beta2 * v[p]! + (1 - beta2) * g * g;
        params[p]! -= (lrT * m[p]!) / (Math.sqrt(v[p]!) + eps);
      }
    }
    epochLoss /= trainRows;
    if (!Number.isFinite(epochLoss)) {
      throw new RangeError(`training diverged at epoch ${epoch + 1} (loss ${epochLoss}); lower learningRate`);
    }
    lossCurve.push(epochLoss);
    let monitored = epochLoss;
    if (options.earlyStopping) {
      const out = network.predict(validX, validRows);
      monitored = lossAndGradient(options.loss, out, validY, validRows, nOut, validGrad);
      validationCurve.push(monitored);
    }
    if (monitored > best - tol) noImprovement++;
    else noImprovement = 0;
    if (monitored < best) {
      best = monitored;
      if (options.earlyStopping) bestParams.set(params);
    }
    if (noImprovement > patience) {
      epoch++;
      break;
    }
  }
  if (options.earlyStopping) params.set(bestParams);
  return { lossCurve, epochs: epoch, validationCurve };
}
