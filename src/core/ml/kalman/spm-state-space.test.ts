import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { coulombsPerAmpereHour_C } from "../../units/constants.js";
import { createSpmStateSpace } from "./spm-state-space.js";
import { numericalJacobian } from "./state-space.js";

const set = compileParameterSet(getParameterSet("chen2020"));
const model = createSpmStateSpace(set, { temperature_K: 298.15 });

/** PyBaMM 26.6 SPM, Chen2020, 1C (5 A) from the set's initial concentrations (fixtures/pybamm-spm). */
const pybamm = readFileSync("fixtures/pybamm-spm/Chen2020_SPM_1C.csv", "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "" && !l.startsWith("#"))
  .slice(1)
  .map((l) => l.split(",").map(Number));

describe("SPM state-space model (two-state polynomial particles)", () => {
  it("conserves charge: the SOC falls by exactly the coulomb-counted charge over the set's capacity", () => {
    const x = model.restedState(0.8);
    const next = new Float64Array(4);
    const u = Float64Array.of(0, 2);
    let charge_C = 0;
    for (let k = 0; k < 500; k++) {
      u[0] = 5 * Math.sin(k / 7) + 2; // dynamic load with charge and discharge pulses
      charge_C += u[0] * u[1]!;
      model.transition(x, u, next);
      x.set(next);
    }
    const expected = 0.8 - charge_C / coulombsPerAmpereHour_C / model.window.capacity_Ah;
    expect(model.stateOfCharge(x)).toBeCloseTo(expected, 10);
    // The positive electrode takes up exactly the lithium the negative one gives away.
    const dN = model.restedState(0.8)[0]! - x[0]!;
    const dP = model.positiveAverageStoichiometry(x[0]!) - model.positiveAverageStoichiometry(x[0]! + dN);
    const capN = set.negative.activeMaterialVolumeFraction * set.negative.thickness_m;
    const capP = set.positive.activeMaterialVolumeFraction * set.positive.thickness_m;
    expect(dP * capP * set.positive.maximumConcentration_mol_per_m3).toBeCloseTo(
      dN * capN * set.negative.maximumConcentration_mol_per_m3,
      6,
    );
  });

  it("maps the set's SOC window: OCV at 0 % and 100 % SOC equals the window-defining voltages", () => {
    const z = new Float64Array(1);
    const rest = Float64Array.of(0, 1);
    model.measurement(model.restedState(1, 0), rest, z);
    expect(z[0]).toBeCloseTo(set.cell.upperVoltageCutoff_V, 6);
    model.measurement(model.restedState(0, 0), rest, z);
    expect(z[0]).toBeCloseTo(set.cell.lowerVoltageCutoff_V, 6);
  });

  it("run open loop at 1C, reproduces PyBaMM's 20-cell SPM voltage (8 mV in the first 90 s, 4 mV to 3400 s)", () => {
    const theta0 =
      set.negative.initialConcentration_mol_per_m3 / set.negative.maximumConcentration_mol_per_m3;
    const soc0 =
      (theta0 - model.window.negativeAt0Soc) / (model.window.negativeAt100Soc - model.window.negativeAt0Soc);
    const x = model.restedState(soc0, 0);
    const next = new Float64Array(4);
    const u = Float64Array.of(5, 1);
    const z = new Float64Array(1);
    let t = 0;
    let maxError_V = 0;
    let maxEarlyError_V = 0;
    let compared = 0;
    for (const [time_s, voltage_V] of pybamm) {
      if (time_s! > 3400) break;
      while (t < time_s! - 1e-9) {
        u[1] = Math.min(1, time_s! - t);
        model.transition(x, u, next);
        x.set(next);
        t += u[1];
      }
      if (time_s! === 0) continue; // PyBaMM's first point is the rested OCV under no overpotential
      model.measurement(x, u, z);
      const error_V = Math.abs(z[0]! - voltage_V!);
      if (time_s! < 90) maxEarlyError_V = Math.max(maxEarlyError_V, error_V);
      else maxError_V = Math.max(maxError_V, error_V);
      compared++;
    }
    expect(compared).toBeGreaterThan(250);
    // The two-state polynomial profile is known to lag in the first seconds after a current step
    // (Subramanian et al. 2005); after ~1.5 min it follows the full diffusion closely.
    expect(maxEarlyError_V).toBeLessThan(0.008);
    expect(maxError_V).toBeLessThan(0.004);
  });

  it("has an exact transition Jacobian (linear step)", () => {
    const x = Float64Array.of(0.6, -0.01, 0.004, 0.003);
    const u = Float64Array.of(3, 1);
    const J = new Float64Array(16);
    model.transitionJacobian!(x, u, J);
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    for (let j = 1; j < 4; j++) {
      const xp = Float64Array.from(x);
      xp[j]! += 1e-3;
      model.transition(x, u, a);
      model.transition(xp, u, b);
      for (let i = 0; i < 4; i++) expect((b[i]! - a[i]!) / 1e-3).toBeCloseTo(J[i * 4 + j]!, 8);
    }
  });

  it("has an analytic measurement Jacobian matching central differences", () => {
    const H = new Float64Array(4);
    const numeric = new Float64Array(4);
    for (const [soc, current_A] of [
      [0.2, 5],
      [0.55, -3],
      [0.9, 0.5],
    ] as const) {
      const x = model.restedState(soc);
      x[1] = -0.004 * current_A;
      x[2] = 0.002 * current_A;
      const u = Float64Array.of(current_A, 1);
      model.measurementJacobian!(x, u, H);
      numericalJacobian((xx, out) => model.measurement(xx, u, out), x, 1, numeric);
      for (let j = 0; j < 4; j++) expect(H[j]!).toBeCloseTo(numeric[j]!, 4);
    }
  });

  it("rejects bad inputs with the field and unit named", () => {
    const out = new Float64Array(4);
    expect(() => model.transition(model.restedState(0.5), Float64Array.of(1, 0), out)).toThrow(/timeStep_s/);
    expect(() => model.restedState(Number.NaN)).toThrow(/soc/);
    expect(() => createSpmStateSpace(set, { temperature_K: -3 })).toThrow(/temperature_K = -3 K/);
  });
});
