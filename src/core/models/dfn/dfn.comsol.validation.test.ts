import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dischargeWithBdf } from "../../../../test/helpers/bdf-discharge.js";
import { interpolateAt } from "../../../../test/helpers/fixed-step-driver.js";
import { applyParameterOverrides, compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { createDfnModel } from "./dfn-model.js";

interface ComsolSubset {
  cRate: number;
  time_s: number[];
  voltage_V: number[];
  x_m: number[];
  profiles: {
    time_s: number;
    electrolyteConcentration_mol_per_m3: number[];
    electrolytePotential_V: number[];
  }[];
}

// The COMSOL run's settings (fixtures/comsol/SOURCE.md): 1 m² electrodes, 24 A/m² per C, σ = 126 / 16.6 S/m.
const parameters = compileParameterSet(
  applyParameterOverrides(getParameterSet("marquis2019"), [
    "cell.electrodeHeight_m=1",
    "cell.electrodeWidth_m=1",
    "negative.conductivity_S_per_m=126",
    "positive.conductivity_S_per_m=16.6",
  ]),
);

function load(rate: string): ComsolSubset {
  return JSON.parse(readFileSync(`fixtures/comsol/comsol_${rate}C_subset.json`, "utf8")) as ComsolSubset;
}

function run(ref: ComsolSubset, cells: number) {
  const model = createDfnModel(parameters, {
    mesh: { negative: cells, separator: cells, positive: cells, particle: cells },
  });
  const result = dischargeWithBdf(model, 24 * ref.cRate, 0, {
    outputTimes: ref.time_s,
    endTime_s: ref.time_s[ref.time_s.length - 1]!,
  });
  return { model, result };
}

describe("DFN vs COMSOL (Marquis2019, fixed end time, no cut-off)", () => {
  for (const rate of ["01", "05", "1", "2", "3"]) {
    it(`${rate}C: voltage RMSE ≤ 3 mV on the default 20-cell mesh`, () => {
      const ref = load(rate);
      const { result } = run(ref, 20);
      expect(result.status).toBe("reached");
      let sum = 0;
      for (let k = 0; k < ref.time_s.length; k++) {
        sum += (interpolateAt(result.time_s, result.voltage_V, ref.time_s[k]!) - ref.voltage_V[k]!) ** 2;
      }
      expect(Math.sqrt(sum / ref.time_s.length)).toBeLessThan(3e-3);
    });
  }

  for (const rate of ["1", "3"]) {
    it(`${rate}C: electrolyte concentration and potential vs x within 2 % of COMSOL's range (30-cell mesh)`, () => {
      const ref = load(rate);
      const { model, result } = run(ref, 30);
      const [concentration, potential] = model.profileOutputs;
      const grid = Array.from(concentration!.grid_m);
      const ours = new Float64Array(grid.length);
      for (const profile of ref.profiles) {
        const k = result.time_s.findIndex((t) => Math.abs(t - profile.time_s) < 1e-6);
        expect(k).toBeGreaterThan(0);
        for (const [output, theirs] of [
          [concentration!, profile.electrolyteConcentration_mol_per_m3],
          [potential!, profile.electrolytePotential_V],
        ] as const) {
          output.evaluate(result.states[k]!, ours);
          const range = Math.max(...theirs) - Math.min(...theirs);
          let worst = 0;
          for (let q = 0; q < ref.x_m.length; q++) {
            worst = Math.max(
              worst,
              Math.abs(interpolateAt(grid, Array.from(ours), ref.x_m[q]!) - theirs[q]!),
            );
          }
          expect(worst / range).toBeLessThan(0.02);
        }
      }
    });
  }
});
