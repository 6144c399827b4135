/**
 * Long short-term memory layer, eqs. (8)–(13) of the review (Hochreiter & Schmidhuber 1997):
 *   i_t = σ(W_i [x_t, h_{t−1}] + b_i)        input gate
 *   f_t = σ(W_f [x_t, h_{t−1}] + b_f)        forget gate
 *   g_t = tanh(W_g [x_t, h_{t−1}] + b_g)     candidate cell state
 *   o_t = σ(W_o [x_t, h_{t−1}] + b_o)        output gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t,   h_t = o_t ⊙ tanh(c_t)
 * trained by back-propagation through time. Input samples are `[time, features]`; the output is the last
 * hidden state h_T (or every h_t with `returnSequences`).
 * @see https://doi.org/10.1162/neco.1997.9.8.1735
 */
import type { RandomStream } from "../../math/random.js";
import { ensureBuffer, glorotUniform, type Layer } from "./layer.js";

export class LstmLayer implements Layer {
  readonly type = "lstm";
  readonly inputSize: number;
  readonly outputSize: number;
  readonly paramCount: number;
  readonly weightCount: number;
  private readonly zSize: number; // features + units
  private weights: Float64Array = new Float64Array(0); // [4·units, features + units], gate order i, f, g, o
  private bias: Float64Array = new Float64Array(0);
  private gradWeights: Float64Array = new Float64Array(0);
  private gradBias: Float64Array = new Float64Array(0);
  private input: Float64Array = new Float64Array(0);
  private gates: Float64Array = new Float64Array(0); // [batch, time, 4·units] activated gates
  private cells: Float64Array = new Float64Array(0); // [batch, time + 1, units], c_{−1} = 0 at index 0
  private hidden: Float64Array = new Float64Array(0); // [batch, time + 1, units], h_{−1} = 0 at index 0
  private output: Float64Array = new Float64Array(0);
  private gradInput: Float64Array = new Float64Array(0);
  private readonly dz: Float64Array;
  private readonly dh: Float64Array;
  private readonly dc: Float64Array;

  constructor(
    readonly timeSteps: number,
    readonly features: number,
    readonly units: number,
    readonly returnSequences = false,
  ) {
    this.inputSize = timeSteps * features;
    this.outputSize = returnSequences ? timeSteps * units : units;
    this.zSize = features + units;
    this.weightCount = 4 * units * this.zSize;
    this.paramCount = this.weightCount + 4 * units;
    this.dz = new Float64Array(4 * units);
    this.dh = new Float64Array(units);
    this.dc = new Float64Array(units);
  }

  bind(params: Float64Array, grads: Float64Array): void {
    this.weights = params.subarray(0, this.weightCount);
    this.bias = params.subarray(this.weightCount, this.paramCount);
    this.gradWeights = grads.subarray(0, this.weightCount);
    this.gradBias = grads.subarray(this.weightCount, this.paramCount);
  }

  /** Glorot uniform weights; forget-gate bias 1 (Jozefowicz et al. 2015), other biases 0. */
  initialize(rng: RandomStream): void {
    glorotUniform(this.weights, this.zSize, 4 * this.units, rng);
    this.bias.fill(0);
    this.bias.fill(1, this.units, 2 * this.units);
  }

  forward(input: Float64Array, batch: number): Float64Array {
    const T = this.timeSteps;
    const D = this.features;
    const H = this.units;
    const Z = this.zSize;
    const G = 4 * H;
    const w = this.weights;
    this.input = input;
    this.gates = ensureBuffer(this.gates, batch * T * G);
    this.cells = ensureBuffer(this.cells, batch * (T + 1) * H);
    this.hidden = ensureBuffer(this.hidden, batch * (T + 1) * H);
    this.output = ensureBuffer(this.output, batch * this.outputSize);
    const gates = this.gates;
    const cells = this.cells;
    const hidden = this.hidden;
    for (let b = 0; b < batch; b++) {
      const sBase = b * (T + 1) * H;
      cells.fill(0, sBase, sBase + H);
      hidden.fill(0, sBase, sBase + H);
      for (let t = 0; t < T; t++) {
        const xOff = b * this.inputSize + t * D;
        const hPrev = sBase + t * H;
        const gOff = (b * T + t) * G;
        for (let r = 0; r < G; r++) {
          let sum = this.bias[r];
          const wOff = r * Z;
          for (let k = 0; k < D; k++) sum += w[wOff + k] * input[xOff + k];
          const wh = wOff + D;
          for (let k = 0; k < H; k++) sum += w[wh + k] * hidden[hPrev + k];
          gates[gOff + r] = r >= 2 * H && r < 3 * H ? Math.tanh(sum) : 1 / (1 + Math.exp(-sum));
        }
        const hNext = hPrev + H;
        for (let k = 0; k < H; k++) {
          const c = gates[gOff + H + k] * cells[hPrev + k] + gates[gOff + k] * gates[gOff + 2 * H + k];
          cells[hNext + k] = c;
          hidden[hNext + k] = gates[gOff + 3 * H + k] * Math.tanh(c);
        }
      }
      const out = this.output;
      if (this.returnSequences) {
        for (let t = 0; t < T; t++) {
          for (let k = 0; k < H; k++) out[b * this.outputSize + t * H + k] = hidden[sBase + (t + 1) * H + k];
        }
      } else {
        for (let k = 0; k < H; k++) out[b * H + k] = hidden[sBase + T * H + k];
      }
    }
    return this.output;
  }

  backward(gradOutput: Float64Array, batch: number): Float64Array {
    const T = this.timeSteps;
    const D = this.features;
    const H = this.units;
    const Z = this.zSize;
    const G = 4 * H;
    const w = this.weights;
    const gw = this.gradWeights;
    const gb = this.gradBias;
    const x = this.input;
    const { gates, cells, hidden, dz, dh, dc } = this;
    this.gradInput = ensureBuffer(this.gradInput, batch * this.inputSize);
    const gx = this.gradInput;
    gx.fill(0, 0, batch * this.inputSize);
    for (let b = 0; b < batch; b++) {
      const sBase = b * (T + 1) * H;
      dc.fill(0);
      if (this.returnSequences) dh.fill(0);
      else for (let k = 0; k < H; k++) dh[k] = gradOutput[b * H + k];
      for (let t = T - 1; t >= 0; t--) {
        if (this.returnSequences) {
          for (let k = 0; k < H; k++) dh[k] += gradOutput[b * this.outputSize + t * H + k];
        }
        const gOff = (b * T + t) * G;
        const cPrev = sBase + t * H;
        const cNow = cPrev + H;
        for (let k = 0; k < H; k++) {
          const ig = gates[gOff + k];
          const fg = gates[gOff + H + k];
          const gg = gates[gOff + 2 * H + k];
          const og = gates[gOff + 3 * H + k];
          const tc = Math.tanh(cells[cNow + k]);
          const dct = dc[k] + dh[k] * og * (1 - tc * tc);
          dz[k] = dct * gg * ig * (1 - ig);
          dz[H + k] = dct * cells[cPrev + k] * fg * (1 - fg);
          dz[2 * H + k] = dct * ig * (1 - gg * gg);
          dz[3 * H + k] = dh[k] * tc * og * (1 - og);
          dc[k] = dct * fg;
        }
        // parameter gradients and gradients wrt [x_t, h_{t−1}]
        const xOff = b * this.inputSize + t * D;
        dh.fill(0);
        for (let r = 0; r < G; r++) {
          const g = dz[r];
          gb[r] += g;
          const wOff = r * Z;
          for (let k = 0; k < D; k++) {
            gw[wOff + k] += g * x[xOff + k];
            gx[xOff + k] += g * w[wOff + k];
          }
          const wh = wOff + D;
          for (let k = 0; k < H; k++) {
            gw[wh + k] += g * hidden[cPrev + k];
            dh[k] += g * w[wh + k];
          }
        }
      }
    }
    return gx;
  }
}
