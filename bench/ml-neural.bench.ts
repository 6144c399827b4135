// MLP and LSTM training time: cellforge (Float64Array, hand-written backprop) vs TensorFlow.js on its
// pure-JS CPU backend (float32), same architecture, data, optimiser (Adam, lr 1e-3), batch size, epochs.
// Run: npm run bench ml-neural
import * as tf from "@tensorflow/tfjs";
import { RandomStream } from "../src/core/math/random.js";
import { ActivationLayer, DenseLayer } from "../src/core/ml/neural/layer.js";
import { LstmLayer } from "../src/core/ml/neural/lstm.js";
import { Network, trainNetwork } from "../src/core/ml/neural/network.js";

interface Case {
  name: string;
  rows: number;
  inputShape: number[];
  epochs: number;
  batchSize: number;
  ours: () => Network;
  theirs: () => tf.Sequential;
}

const rng = new RandomStream(1);

function data(rows: number, cols: number, sequence: boolean) {
  const x = new Float64Array(rows * cols).map(() => rng.uniformIn(-1, 1));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = x.subarray(i * cols, (i + 1) * cols);
    y[i] = sequence
      ? r.reduce((s, v, t) => s + v * Math.sin(t), 0) / 4
      : Math.sin(Math.PI * r[0]! * r[1]!) + 2 * (r[2]! - 0.5) ** 2 + r[3]! + 0.5 * r[4]!;
  }
  return { x, y };
}

const cases: Case[] = [
  {
    name: "MLP 20-100-1 (relu), 5000 rows, batch 200, 20 epochs",
    rows: 5000,
    inputShape: [20],
    epochs: 20,
    batchSize: 200,
    ours: () =>
      new Network([new DenseLayer(20, 100), new ActivationLayer(100, "relu"), new DenseLayer(100, 1)]),
    theirs: () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ units: 100, activation: "relu", inputShape: [20] }),
          tf.layers.dense({ units: 1 }),
        ],
      }),
  },
  {
    name: "LSTM 32 units on 30×1 sequences + dense 1, 2000 rows, batch 32, 3 epochs",
    rows: 2000,
    inputShape: [30, 1],
    epochs: 3,
    batchSize: 32,
    ours: () => new Network([new LstmLayer(30, 1, 32), new DenseLayer(32, 1)]),
    theirs: () =>
      tf.sequential({
        layers: [tf.layers.lstm({ units: 32, inputShape: [30, 1] }), tf.layers.dense({ units: 1 })],
      }),
  },
];

await tf.setBackend("cpu");
for (const c of cases) {
  const cols = c.inputShape.reduce((a, b) => a * b, 1);
  const { x, y } = data(c.rows, cols, c.inputShape.length > 1);
  const net = c.ours();
  net.initialize(new RandomStream(2));
  let t0 = performance.now();
  const result = trainNetwork(
    net,
    x,
    y,
    c.rows,
    {
      loss: "squared",
      batchSize: c.batchSize,
      maxEpochs: c.epochs,
      alpha: 0,
      tol: -1,
      nIterNoChange: c.epochs,
    },
    new RandomStream(3),
  );
  const oursMs = performance.now() - t0;

  const model = c.theirs();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "meanSquaredError" });
  const xs = tf.tensor(Float32Array.from(x), [c.rows, ...c.inputShape]);
  const ys = tf.tensor(Float32Array.from(y), [c.rows, 1]);
  t0 = performance.now();
  const history = await model.fit(xs, ys, {
    epochs: c.epochs,
    batchSize: c.batchSize,
    shuffle: true,
    verbose: 0,
  });
  const tfMs = performance.now() - t0;
  const tfLoss = history.history.loss!.at(-1) as number;
  xs.dispose();
  ys.dispose();

  console.log(`\n${c.name}`);
  console.log(
    `  cellforge:          ${oursMs.toFixed(0).padStart(7)} ms  (${(oursMs / c.epochs).toFixed(1)} ms/epoch, final loss ${(2 * result.lossCurve.at(-1)!).toFixed(4)} MSE)`,
  );
  console.log(
    `  tfjs cpu backend:   ${tfMs.toFixed(0).padStart(7)} ms  (${(tfMs / c.epochs).toFixed(1)} ms/epoch, final loss ${tfLoss.toFixed(4)} MSE)`,
  );
  console.log(`  speed-up: ${(tfMs / oursMs).toFixed(2)}×`);
}
