import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RandomStream } from "../../math/random.js";
import { EquivalentCircuitModel, type OcvTable, ocvFromTable } from "./equivalent-circuit.js";
import { ExtendedKalmanFilter } from "./extended-kalman-filter.js";
import { fitRbfOcv } from "./rbf-ekf.js";
import { UnscentedKalmanFilter } from "./unscented-kalman-filter.js";

/** Numeric rows of a CSV with `#` comments and one header line. */
function readCsv(path: string): number[][] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"))
    .slice(1)
    .map((l) => l.split(",").map(Number));
}

// Real data: LG M50 0.1C discharge (pseudo-OCV, 41 points) and the UDDS current profile.
const ocvRows = readCsv("fixtures/ecm-soc/lg-m50-0p1C-discharge-25degC.csv");
const fullTable: OcvTable = { soc: ocvRows.map((r) => r[0]!), voltage_V: ocvRows.map((r) => r[1]!) };
const coarseRows = ocvRows.filter((_, i) => i % 2 === 0); // 21 points: the filter's own OCV table
const coarseTable: OcvTable = { soc: coarseRows.map((r) => r[0]!), voltage_V: coarseRows.map((r) => r[1]!) };
const udds = readCsv("fixtures/ecm-soc/udds-current.csv").map((r) => r[1]!);

// Truth: a 2-RC cell (different structure, parameters and OCV resolution from the filters' 1-RC model).
const truth = new EquivalentCircuitModel({
  capacity_Ah: 4.96,
  seriesResistance_ohm: 0.02,
  rcPairs: [
    { resistance_ohm: 0.012, capacitance_F: 1000 },
    { resistance_ohm: 0.018, capacitance_F: 20000 },
  ],
  ocv: ocvFromTable(fullTable),
});
const filterParameters = {
  capacity_Ah: 4.9,
  seriesResistance_ohm: 0.022,
  rcPairs: [{ resistance_ohm: 0.028, capacitance_F: 3000 }],
};

/** Simulates 12 UDDS cycles at 1 s from SOC 0.9: true SOC, noisy current (10 mA) and voltage (10 mV). */
function simulate() {
  const rng = new RandomStream(42);
  const steps = 12 * udds.length;
  const soc = new Float64Array(steps);
  const current_A = new Float64Array(steps);
  const voltage_V = new Float64Array(steps);
  let x = Float64Array.of(0.9, 0, 0);
  const next = new Float64Array(3);
  const v = new Float64Array(1);
  for (let k = 0; k < steps; k++) {
    const u = Float64Array.of(udds[k % udds.length]!, 1);
    truth.transition(x, u, next);
    x = Float64Array.from(next);
    truth.measurement(x, u, v);
    soc[k] = x[0]!;
    current_A[k] = u[0]! + 0.01 * rng.normal();
    voltage_V[k] = v[0]! + 0.01 * rng.normal();
  }
  return { soc, current_A, voltage_V, steps };
}
const run = simulate();

const filterOptions = {
  initialState: [0.6, 0], // 30 % SOC error at start
  initialCovariance: [0.04, 0, 0, 1e-4],
  processNoise: [1e-9, 0, 0, 1e-7],
  measurementNoise: [1e-4],
};

/** Time allowed to converge from the 30 % initial SOC error (about 1.75 UDDS cycles). */
const SETTLING_s = 2400;

function track(filter: { step(u: Float64Array, z: ArrayLike<number>): Float64Array }) {
  let maxError = 0;
  let sq = 0;
  let count = 0;
  const u = new Float64Array(2);
  for (let k = 0; k < run.steps; k++) {
    u[0] = run.current_A[k]!;
    u[1] = 1;
    const x = filter.step(u, [run.voltage_V[k]!]);
    if (k >= SETTLING_s) {
      const e = Math.abs(x[0]! - run.soc[k]!);
      maxError = Math.max(maxError, e);
      sq += e * e;
      count++;
    }
  }
  return { maxError, rmse: Math.sqrt(sq / count) };
}

describe("SOC estimation on a simulated LG M50 cell (2-RC truth, real OCV, UDDS ×12, noisy V)", () => {
  it("the simulated SOC spans a wide range", () => {
    expect(run.soc[0]).toBeCloseTo(0.9, 3);
    expect(run.soc[run.steps - 1]).toBeLessThan(0.45);
  });

  it("EKF over a 1-RC model converges from a 30 % error and tracks SOC within 1 % after 40 min", () => {
    const model = new EquivalentCircuitModel({ ...filterParameters, ocv: ocvFromTable(coarseTable) });
    const result = track(new ExtendedKalmanFilter(model, filterOptions));
    expect(result.maxError).toBeLessThan(0.01);
  });

  it("UKF over the same model tracks SOC within 1 %", () => {
    const model = new EquivalentCircuitModel({ ...filterParameters, ocv: ocvFromTable(coarseTable) });
    const result = track(new UnscentedKalmanFilter(model, filterOptions));
    expect(result.maxError).toBeLessThan(0.01);
  });

  it("RBF-NN + EKF (RBF network learns the OCV from the measured points) tracks SOC within 1 %", () => {
    const measured = ocvRows.filter((r) => r[0]! >= 0.1); // the knee below 10 % SOC is never visited
    const { ocv } = fitRbfOcv(
      measured.map((r) => r[0]!),
      measured.map((r) => r[1]!),
      { hiddenUnits: 20, widthScale: 2 },
    );
    for (let s = 0.3; s <= 1; s += 0.025)
      expect(Math.abs(ocv.voltage_V(s) - truth.parameters.ocv.voltage_V(s))).toBeLessThan(0.005);
    const model = new EquivalentCircuitModel({ ...filterParameters, ocv });
    const result = track(new ExtendedKalmanFilter(model, filterOptions));
    expect(result.maxError).toBeLessThan(0.01);
  });

  it("EKF with numerical Jacobians matches the analytic-Jacobian EKF", () => {
    const analytic = new EquivalentCircuitModel({ ...filterParameters, ocv: ocvFromTable(coarseTable) });
    const numeric = {
      stateSize: 2,
      measurementSize: 1,
      transition: analytic.transition.bind(analytic),
      measurement: analytic.measurement.bind(analytic),
    };
    const a = new ExtendedKalmanFilter(analytic, filterOptions);
    const b = new ExtendedKalmanFilter(numeric, filterOptions);
    const u = Float64Array.of(0, 1);
    for (let k = 0; k < 2000; k++) {
      u[0] = run.current_A[k]!;
      a.step(u, [run.voltage_V[k]!]);
      b.step(u, [run.voltage_V[k]!]);
    }
    expect(Math.abs(a.state[0]! - b.state[0]!)).toBeLessThan(1e-6);
  });

  it("rejects malformed filter options and OCV tables with the field named", () => {
    const model = new EquivalentCircuitModel({ ...filterParameters, ocv: ocvFromTable(coarseTable) });
    expect(() => new ExtendedKalmanFilter(model, { ...filterOptions, initialState: [0.5] })).toThrow(
      /initialState/,
    );
    const ekf = new ExtendedKalmanFilter(model, filterOptions);
    expect(() => ekf.step(Float64Array.of(1, 1), [Number.NaN])).toThrow(/measurement z\[0\] must be finite/);
    expect(() => ekf.step(Float64Array.of(Number.POSITIVE_INFINITY, 1), [3.7])).toThrow(/input u\[0\]/);
    expect(() => ocvFromTable({ soc: [0, 0.5, 0.4], voltage_V: [3, 3.5, 4] })).toThrow(/increase strictly/);
    expect(
      () =>
        new EquivalentCircuitModel({ ...filterParameters, capacity_Ah: -1, ocv: ocvFromTable(coarseTable) }),
    ).toThrow(/capacity_Ah/);
  });
});
