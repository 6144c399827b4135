import { describe, expect, it } from "vitest";
import { RandomStream } from "../../math/random.js";
import { ConvolutionLayer, MaxPoolingLayer } from "./convolution.js";
import { ActivationLayer, DenseLayer, type Layer } from "./layer.js";
import { LstmLayer } from "./lstm.js";
import { type LossName, lossAndGradient, Network } from "./network.js";

/**
 * Central-difference check of back-propagation: the analytic gradient of the loss wrt every parameter
 * and every input must agree with (L(θ+h) − L(θ−h)) / 2h to a relative error < 1e-6.
 */
function maxRelativeError(layers: Layer[], batch: number, loss: LossName = "squared", seed = 1): number {
  const rng = new RandomStream(seed);
  const net = new Network(layers);
  net.initialize(rng);
  for (let p = 0; p < net.params.length; p++) net.params[p] += 0.1 * rng.normal(); // biases non-zero too
  const x = new Float64Array(batch * net.inputSize).map(() => rng.normal());
  const target = new Float64Array(batch * net.outputSize).map(() => rng.normal());
  if (loss === "softmax-cross-entropy") {
    target.fill(0);
    for (let b = 0; b < batch; b++) target[b * net.outputSize + rng.integer(net.outputSize)] = 1;
  }
  const g = new Float64Array(batch * net.outputSize);
  const evaluate = () => lossAndGradient(loss, net.forward(x, batch), target, batch, net.outputSize, g);
  net.grads.fill(0);
  evaluate();
  let gIn: Float64Array = g;
  for (let l = layers.length - 1; l >= 0; l--) gIn = layers[l]!.backward(gIn, batch);
  const analyticParams = Float64Array.from(net.grads);
  const analyticInput = Float64Array.from(gIn.subarray(0, x.length));
  const h = 1e-6;
  let worst = 0;
  const compare = (analytic: number, values: Float64Array, i: number) => {
    const keep = values[i];
    values[i] = keep + h;
    const up = evaluate();
    values[i] = keep - h;
    const down = evaluate();
    values[i] = keep;
    const numeric = (up - down) / (2 * h);
    const error = Math.abs(analytic - numeric) / Math.max(1e-3, Math.abs(analytic) + Math.abs(numeric));
    worst = Math.max(worst, error);
  };
  for (let p = 0; p < net.params.length; p++) compare(analyticParams[p], net.params, p);
  for (let i = 0; i < x.length; i++) compare(analyticInput[i], x, i);
  return worst;
}

describe("gradient checks (relative error < 1e-6)", () => {
  it("dense + tanh / logistic / identity with squared loss", () => {
    expect(
      maxRelativeError(
        [
          new DenseLayer(4, 5),
          new ActivationLayer(5, "tanh"),
          new DenseLayer(5, 3),
          new ActivationLayer(3, "logistic"),
          new DenseLayer(3, 2),
          new ActivationLayer(2, "identity"),
        ],
        3,
      ),
    ).toBeLessThan(1e-6);
  });

  it("dense + relu with softmax cross-entropy", () => {
    expect(
      maxRelativeError(
        [new DenseLayer(5, 6), new ActivationLayer(6, "relu"), new DenseLayer(6, 3)],
        4,
        "softmax-cross-entropy",
      ),
    ).toBeLessThan(1e-6);
  });

  it("1-D convolution + max pooling + dense", () => {
    const conv = new ConvolutionLayer({ height: 1, width: 9, channels: 2 }, 3, 1, 3);
    const pool = new MaxPoolingLayer(conv.outputShape, 1, 2);
    expect(
      maxRelativeError(
        [conv, new ActivationLayer(conv.outputSize, "tanh"), pool, new DenseLayer(pool.outputSize, 2)],
        2,
      ),
    ).toBeLessThan(1e-6);
  });

  it("2-D convolution + max pooling + dense", () => {
    const conv = new ConvolutionLayer({ height: 6, width: 5, channels: 2 }, 2, 3, 2);
    const pool = new MaxPoolingLayer(conv.outputShape, 2, 2);
    expect(maxRelativeError([conv, pool, new DenseLayer(pool.outputSize, 2)], 2)).toBeLessThan(1e-6);
  });

  it("LSTM returning the last state, and returning sequences", () => {
    expect(maxRelativeError([new LstmLayer(5, 3, 4), new DenseLayer(4, 2)], 2)).toBeLessThan(1e-6);
    expect(maxRelativeError([new LstmLayer(4, 2, 3, true), new DenseLayer(12, 1)], 2)).toBeLessThan(1e-6);
  });

  it("CNN-LSTM stack", () => {
    const conv = new ConvolutionLayer({ height: 1, width: 10, channels: 1 }, 3, 1, 3);
    const pool = new MaxPoolingLayer(conv.outputShape, 1, 2);
    const lstm = new LstmLayer(pool.outputShape.width, 3, 3);
    expect(maxRelativeError([conv, pool, lstm, new DenseLayer(3, 1)], 2)).toBeLessThan(1e-6);
  });
});
