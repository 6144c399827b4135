import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../math/random.js";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { simulate } from "../../simulation/simulate.js";
import { ExtendedKalmanFilter } from "./extended-kalman-filter.js";
import { createSpmStateSpace } from "./spm-state-space.js";
import { UnscentedKalmanFilter } from "./unscented-kalman-filter.js";

// UDDS current (SLIDE via PyBaMM, real drive cycle, 1 s steps, peak 8.1 A) scaled to a 1C (5 A) peak
// for the LG M50 (Chen2020, 5 Ah).
const udds = readFileSync("fixtures/ecm-soc/udds-current.csv", "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .slice(1)
  .map((l) => l.split(",").map(Number));
const PEAK_A = 5;
const profile = {
  time_s: udds.map((r) => r[0]!),
  current_A: udds.map((r) => (r[1]! * PEAK_A) / 8.1),
};

/** True initial SOC; the filters start 20 % lower. Mid-range, where the LG M50 OCV has 8–10 mV per %. */
const TRUE_SOC0 = 0.75;
const FILTER_SOC0 = 0.55;
/** Time allowed to converge from the 20 % initial error. */
const SETTLING_s = 300;
const NOISE_V = 0.01;

// Truth: the full DFN (electrolyte transport, through-thickness reaction distribution) — a different
// model from the filter's two-state-per-particle SPM.
const truth = simulate("dfn", "chen2020", profile, {
  initialSoc: TRUE_SOC0,
  meshPoints: 10,
  outputPeriod_s: 1,
});
const set = compileParameterSet(getParameterSet("chen2020"));
const model = createSpmStateSpace(set);
const trueSoc = truth.series.dischargeCapacity_Ah.map((q) => TRUE_SOC0 - q / model.window.capacity_Ah);
const rng = new RandomStream(2024);
const measured_V = truth.series.voltage_V.map((v) => v + NOISE_V * rng.normal());

const sdTheta = 0.2 * (model.window.negativeAt100Soc - model.window.negativeAt0Soc);
const filterOptions = {
  initialState: model.restedState(FILTER_SOC0),
  // P0: SOC σ = 20 %; flux states ~0 at rest; lumped resistance σ = 10 mΩ.
  initialCovariance: [sdTheta ** 2, 0, 0, 0, 0, 1e-6, 0, 0, 0, 0, 1e-6, 0, 0, 0, 0, 1e-4],
  // Q: the SOC process noise stands for the SPM-vs-DFN model error (it keeps the 3σ band honest).
  processNoise: [1e-8, 0, 0, 0, 0, 1e-8, 0, 0, 0, 0, 1e-8, 0, 0, 0, 0, 1e-8],
  measurementNoise: [NOISE_V ** 2],
};

function track(filter: ExtendedKalmanFilter | UnscentedKalmanFilter) {
  const u = new Float64Array(2);
  const z = new Float64Array(1);
  const { time_s, current_A } = truth.series;
  let maxError = 0;
  let covered = 0;
  let count = 0;
  for (let k = 1; k < time_s.length; k++) {
    u[0] = current_A[k]!;
    u[1] = time_s[k]! - time_s[k - 1]!;
    z[0] = measured_V[k]!;
    filter.step(u, z);
    if (time_s[k]! < SETTLING_s) continue;
    const error = Math.abs(model.stateOfCharge(filter.state) - trueSoc[k]!);
    maxError = Math.max(maxError, error);
    if (error <= 3 * model.stateOfChargeStd(filter.covariance)) covered++;
    count++;
  }
  return { maxError, coverage: covered / count, count };
}

describe("SOC estimation with an SPM state-space model against a DFN truth (Chen2020, UDDS at 1C peak)", () => {
  it("the DFN truth completes the cycle and moves the SOC", () => {
    expect(truth.isComplete).toBe(true);
    expect(truth.series.time_s.at(-1)).toBe(profile.time_s.at(-1));
    expect(trueSoc[0]! - trueSoc.at(-1)!).toBeGreaterThan(0.02);
  });

  it("EKF converges from a 20 % SOC error: within 1 % after 300 s, 3σ covers the error ≥ 70 % of the time", () => {
    const result = track(new ExtendedKalmanFilter(model, filterOptions));
    expect(result.count).toBeGreaterThan(1000);
    expect(result.maxError).toBeLessThan(0.01);
    expect(result.coverage).toBeGreaterThan(0.7);
  });

  it("UKF converges from a 20 % SOC error: within 1 % after 300 s, 3σ covers the error ≥ 70 % of the time", () => {
    // κ = 0 keeps the central sigma-point weight non-negative for n = 4.
    const result = track(new UnscentedKalmanFilter(model, { ...filterOptions, kappa: 0 }));
    expect(result.maxError).toBeLessThan(0.01);
    expect(result.coverage).toBeGreaterThan(0.7);
  });

  it("without measurements (open loop) the 20 % error would persist: the filter is what corrects it", () => {
    const x = model.restedState(FILTER_SOC0);
    const next = new Float64Array(4);
    const u = new Float64Array(2);
    const { time_s, current_A } = truth.series;
    for (let k = 1; k < time_s.length; k++) {
      u[0] = current_A[k]!;
      u[1] = time_s[k]! - time_s[k - 1]!;
      model.transition(x, u, next);
      x.set(next);
    }
    expect(Math.abs(model.stateOfCharge(x) - trueSoc.at(-1)!)).toBeGreaterThan(0.19);
  });
});
