// Kalman-filter update time per step (predict + update) for SOC estimation: the 1-RC equivalent circuit
// and the SPM state-space model (two-state polynomial particles + lumped resistance), EKF and UKF,
// over the UDDS current profile at 1 s steps with synthetic voltages. Run: npm run bench kalman
import { readFileSync } from "node:fs";
import { RandomStream } from "../src/core/math/random.js";
import { EquivalentCircuitModel, ocvFromTable } from "../src/core/ml/kalman/equivalent-circuit.js";
import { ExtendedKalmanFilter } from "../src/core/ml/kalman/extended-kalman-filter.js";
import { createSpmStateSpace } from "../src/core/ml/kalman/spm-state-space.js";
import type { StateSpaceModel } from "../src/core/ml/kalman/state-space.js";
import { UnscentedKalmanFilter } from "../src/core/ml/kalman/unscented-kalman-filter.js";
import { compileParameterSet, getParameterSet } from "../src/core/parameters/index.js";

const udds = readFileSync("fixtures/ecm-soc/udds-current.csv", "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .slice(1)
  .map((l) => (Number(l.split(",")[1]) * 5) / 8.1);

const spm = createSpmStateSpace(compileParameterSet(getParameterSet("chen2020")));
const ocvRows = readFileSync("fixtures/ecm-soc/lg-m50-0p1C-discharge-25degC.csv", "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .slice(1)
  .map((l) => l.split(",").map(Number));
const ecm = new EquivalentCircuitModel({
  capacity_Ah: 4.9,
  seriesResistance_ohm: 0.022,
  rcPairs: [{ resistance_ohm: 0.028, capacitance_F: 3000 }],
  ocv: ocvFromTable({ soc: ocvRows.map((r) => r[0]!), voltage_V: ocvRows.map((r) => r[1]!) }),
});

const diag = (values: number[]) => {
  const n = values.length;
  const m = new Array<number>(n * n).fill(0);
  values.forEach((v, i) => {
    m[i * n + i] = v;
  });
  return m;
};
const spmOptions = {
  initialState: spm.restedState(0.55),
  initialCovariance: diag([0.04 * 0.2 ** 2, 1e-6, 1e-6, 1e-4]),
  processNoise: diag([1e-8, 1e-8, 1e-8, 1e-8]),
  measurementNoise: [1e-4],
};
const ecmOptions = {
  initialState: [0.6, 0],
  initialCovariance: [0.04, 0, 0, 1e-4],
  processNoise: [1e-9, 0, 0, 1e-7],
  measurementNoise: [1e-4],
};

function run(
  name: string,
  make: () => { step(u: Float64Array, z: ArrayLike<number>): Float64Array },
  model: StateSpaceModel,
) {
  // Synthetic measurements from the model itself at SOC ≈ 0.75 plus 10 mV noise.
  const rng = new RandomStream(3);
  const steps = 5 * udds.length;
  const truthState = Float64Array.from(make().step(Float64Array.of(0, 1), [3.9]));
  const next = new Float64Array(model.stateSize);
  const z = new Float64Array(steps);
  const u = new Float64Array(2 * steps);
  const v = new Float64Array(1);
  for (let k = 0; k < steps; k++) {
    u[2 * k] = udds[k % udds.length]!;
    u[2 * k + 1] = 1;
    model.transition(truthState, u.subarray(2 * k, 2 * k + 2), next);
    truthState.set(next);
    model.measurement(truthState, u.subarray(2 * k, 2 * k + 2), v);
    z[k] = v[0]! + 0.01 * rng.normal();
  }
  const best: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const filter = make();
    const t0 = performance.now();
    for (let k = 0; k < steps; k++) filter.step(u.subarray(2 * k, 2 * k + 2), z.subarray(k, k + 1));
    best.push((performance.now() - t0) / steps);
  }
  best.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} ${(best[0]! * 1000).toFixed(2).padStart(8)} µs/step (best of 5, ${steps} steps)`,
  );
}

run("EKF, 1-RC equivalent circuit (n = 2)", () => new ExtendedKalmanFilter(ecm, ecmOptions), ecm);
run("UKF, 1-RC equivalent circuit (n = 2)", () => new UnscentedKalmanFilter(ecm, ecmOptions), ecm);
run("EKF, SPM polynomial + lumped R (n = 4)", () => new ExtendedKalmanFilter(spm, spmOptions), spm);
run(
  "UKF, SPM polynomial + lumped R (n = 4)",
  () => new UnscentedKalmanFilter(spm, { ...spmOptions, kappa: 0 }),
  spm,
);
