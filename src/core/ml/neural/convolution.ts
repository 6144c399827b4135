/**
 * Convolution and max-pooling layers (valid padding, stride 1 for convolution), eq. (7) of the review:
 * y[i, j, f] = b[f] + Σ_{u,v,c} W[f, u, v, c] · x[i+u, j+v, c].
 *
 * Samples are channels-last images `[height, width, channels]`; a 1-D sequence `[time, channels]` is
 * the special case height = 1 with a 1 × k kernel, so one implementation serves the 1-D and 2-D CNNs.
 */
import type { RandomStream } from "../../math/random.js";
import { ensureBuffer, glorotUniform, type Layer } from "./layer.js";

/** Shape of a channels-last sample. */
export interface ImageShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

export function shapeSize(shape: ImageShape): number {
  return shape.height * shape.width * shape.channels;
}

/** 2-D convolution, weights `[filter, kernelRow, kernelColumn, channel]`. */
export class ConvolutionLayer implements Layer {
  readonly type = "convolution";
  readonly inputSize: number;
  readonly outputSize: number;
  readonly paramCount: number;
  readonly weightCount: number;
  readonly outputShape: ImageShape;
  private weights: Float64Array = new Float64Array(0);
  private bias: Float64Array = new Float64Array(0);
  private gradWeights: Float64Array = new Float64Array(0);
  private gradBias: Float64Array = new Float64Array(0);
  private input: Float64Array = new Float64Array(0);
  private output: Float64Array = new Float64Array(0);
  private gradInput: Float64Array = new Float64Array(0);

  constructor(
    readonly inputShape: ImageShape,
    readonly filters: number,
    readonly kernelHeight: number,
    readonly kernelWidth: number,
  ) {
    const outH = inputShape.height - kernelHeight + 1;
    const outW = inputShape.width - kernelWidth + 1;
    if (outH < 1 || outW < 1) {
      throw new RangeError(
        `kernel ${kernelHeight}×${kernelWidth} is larger than the input ${inputShape.height}×${inputShape.width}`,
      );
    }
    this.outputShape = { height: outH, width: outW, channels: filters };
    this.inputSize = shapeSize(inputShape);
    this.outputSize = shapeSize(this.outputShape);
    this.weightCount = filters * kernelHeight * kernelWidth * inputShape.channels;
    this.paramCount = this.weightCount + filters;
  }

  bind(params: Float64Array, grads: Float64Array): void {
    this.weights = params.subarray(0, this.weightCount);
    this.bias = params.subarray(this.weightCount, this.paramCount);
    this.gradWeights = grads.subarray(0, this.weightCount);
    this.gradBias = grads.subarray(this.weightCount, this.paramCount);
  }

  initialize(rng: RandomStream): void {
    const receptive = this.kernelHeight * this.kernelWidth;
    glorotUniform(this.weights, receptive * this.inputShape.channels, receptive * this.filters, rng);
    this.bias.fill(0);
  }

  forward(input: Float64Array, batch: number): Float64Array {
    const { width: inW, channels: C } = this.inputShape;
    const { height: outH, width: outW } = this.outputShape;
    const F = this.filters;
    const KH = this.kernelHeight;
    const rowLen = this.kernelWidth * C; // a kernel row touches a contiguous run of the input
    const kSize = KH * rowLen;
    const w = this.weights;
    this.input = input;
    this.output = ensureBuffer(this.output, batch * this.outputSize);
    const out = this.output;
    for (let b = 0; b < batch; b++) {
      const xBase = b * this.inputSize;
      const yBase = b * this.outputSize;
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          const yOff = yBase + (i * outW + j) * F;
          for (let f = 0; f < F; f++) {
            let sum = this.bias[f];
            const wOff = f * kSize;
            for (let u = 0; u < KH; u++) {
              const xOff = xBase + ((i + u) * inW + j) * C;
              const wRow = wOff + u * rowLen;
              for (let r = 0; r < rowLen; r++) sum += w[wRow + r] * input[xOff + r];
            }
            out[yOff + f] = sum;
          }
        }
      }
    }
    return out;
  }

  backward(gradOutput: Float64Array, batch: number): Float64Array {
    const { width: inW, channels: C } = this.inputShape;
    const { height: outH, width: outW } = this.outputShape;
    const F = this.filters;
    const KH = this.kernelHeight;
    const rowLen = this.kernelWidth * C;
    const kSize = KH * rowLen;
    const w = this.weights;
    const gw = this.gradWeights;
    const x = this.input;
    this.gradInput = ensureBuffer(this.gradInput, batch * this.inputSize);
    const gx = this.gradInput;
    gx.fill(0, 0, batch * this.inputSize);
    for (let b = 0; b < batch; b++) {
      const xBase = b * this.inputSize;
      const yBase = b * this.outputSize;
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          const yOff = yBase + (i * outW + j) * F;
          for (let f = 0; f < F; f++) {
            const g = gradOutput[yOff + f];
            if (g === 0) continue;
            this.gradBias[f] += g;
            const wOff = f * kSize;
            for (let u = 0; u < KH; u++) {
              const xOff = xBase + ((i + u) * inW + j) * C;
              const wRow = wOff + u * rowLen;
              for (let r = 0; r < rowLen; r++) {
                gw[wRow + r] += g * x[xOff + r];
                gx[xOff + r] += g * w[wRow + r];
              }
            }
          }
        }
      }
    }
    return gx;
  }
}

/** Non-overlapping max pooling over `poolHeight × poolWidth` windows (trailing remainder dropped). */
export class MaxPoolingLayer implements Layer {
  readonly type = "max-pooling";
  readonly paramCount = 0;
  readonly weightCount = 0;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly outputShape: ImageShape;
  private argmax: Int32Array = new Int32Array(0);
  private output: Float64Array = new Float64Array(0);
  private gradInput: Float64Array = new Float64Array(0);

  constructor(
    readonly inputShape: ImageShape,
    readonly poolHeight: number,
    readonly poolWidth: number,
  ) {
    const outH = Math.floor(inputShape.height / poolHeight);
    const outW = Math.floor(inputShape.width / poolWidth);
    if (outH < 1 || outW < 1) {
      throw new RangeError(
        `pool ${poolHeight}×${poolWidth} is larger than the input ${inputShape.height}×${inputShape.width}`,
      );
    }
    this.outputShape = { height: outH, width: outW, channels: inputShape.channels };
    this.inputSize = shapeSize(inputShape);
    this.outputSize = shapeSize(this.outputShape);
  }

  bind(): void {}
  initialize(): void {}

  forward(input: Float64Array, batch: number): Float64Array {
    const { width: inW, channels: C } = this.inputShape;
    const { height: outH, width: outW } = this.outputShape;
    const n = batch * this.outputSize;
    this.output = ensureBuffer(this.output, n);
    if (this.argmax.length < n) this.argmax = new Int32Array(n);
    const out = this.output;
    for (let b = 0; b < batch; b++) {
      const xBase = b * this.inputSize;
      const yBase = b * this.outputSize;
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          for (let c = 0; c < C; c++) {
            let best = Number.NEGATIVE_INFINITY;
            let bestIndex = -1;
            for (let u = 0; u < this.poolHeight; u++) {
              for (let v = 0; v < this.poolWidth; v++) {
                const k = xBase + ((i * this.poolHeight + u) * inW + j * this.poolWidth + v) * C + c;
                if (input[k] > best) {
                  best = input[k];
                  bestIndex = k;
                }
              }
            }
            const y = yBase + (i * outW + j) * C + c;
            out[y] = best;
            this.argmax[y] = bestIndex;
          }
        }
      }
    }
    return out;
  }

  backward(gradOutput: Float64Array, batch: number): Float64Array {
    this.gradInput = ensureBuffer(this.gradInput, batch * this.inputSize);
    const gx = this.gradInput;
    gx.fill(0, 0, batch * this.inputSize);
    const n = batch * this.outputSize;
    for (let y = 0; y < n; y++) gx[this.argmax[y]] += gradOutput[y];
    return gx;
  }
}
