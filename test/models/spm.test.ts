import { describe, expect, it } from "vitest";
import type { createSpmModel } from "../../src/core/models/spm/spm.js";
import { compileParameterSet, getParameterSet } from "../../src/core/parameters/index.js";
import { prepareCellSimulation } from "../../src/core/simulation/prepare.js";
import { simulate } from "../../src/core/simulation/simulate.js";
import { readNumericCsv, rmseAgainst } from "../helpers/reference-csv.js";

const references = [
  { set: "chen2020", file: "fixtures/pybamm-spm/Chen2020_SPM_1C.csv", cutoff: 2.5 },
  { set: "marquis2019", file: "fixtures/pybamm-spm/Marquis2019_SPM_1C.csv", cutoff: 3.105 },
];

describe("SPM against PyBaMM (same mesh, 1C discharge, 298.15 K)", () => {
  for (const ref of references) {
    it(`${ref.set}: voltage RMSE ≤ 1 mV and capacity within 0.2 %`, () => {
      const data = readNumericCsv(ref.file);
      const solution = simulate("spm", ref.set, `Discharge at 1C until ${ref.cutoff} V`, {
        rtol: 1e-8,
        atol: 1e-8,
        outputTimes_s: data.time_s!,
      });
      const rmse = rmseAgainst(
        data.time_s!,
        data.voltage_V!,
        solution.series.time_s,
        solution.series.voltage_V,
      );
      expect(rmse).toBeLessThan(1e-3);
      const referenceCapacity = data.discharge_capacity_Ah!.at(-1)!;
      expect(Math.abs(solution.dischargeCapacity_Ah / referenceCapacity - 1)).toBeLessThan(2e-3);
      expect(Math.abs(solution.finalTime_s / data.time_s!.at(-1)! - 1)).toBeLessThan(2e-3);
      expect(solution.series.voltage_V.at(-1)!).toBeCloseTo(ref.cutoff, 6);
    });
  }
});

describe("SPM invariants", () => {
  const compiled = compileParameterSet(getParameterSet("chen2020"));

  it("conserves lithium in the solid exactly during a discharge", () => {
    const prepared = prepareCellSimulation({
      parameterSet: getParameterSet("chen2020"),
      model: "spm",
      experiment: "Discharge at 2C for 20 minutes",
      includeProfiles: false,
    });
    const model = prepared.model as ReturnType<typeof createSpmModel>;
    const y0 = model.initialState();
    const before = model.lithiumInSolid_mol(y0);
    const solution = prepared.run();
    expect(solution.isComplete).toBe(true);
    // Rebuild the final state from the stoichiometry outputs is lossy; use the model directly instead.
    expect(before).toBeGreaterThan(0);
    const negativeAverage = solution.series.negativeAverageStoichiometry!;
    const positiveAverage = solution.series.positiveAverageStoichiometry!;
    const n = compiled.negative;
    const p = compiled.positive;
    const area = compiled.cell.electrodeArea_m2;
    const lithium = (k: number) =>
      negativeAverage[k]! *
        n.maximumConcentration_mol_per_m3 *
        n.activeMaterialVolumeFraction *
        n.thickness_m *
        area +
      positiveAverage[k]! *
        p.maximumConcentration_mol_per_m3 *
        p.activeMaterialVolumeFraction *
        p.thickness_m *
        area;
    for (let k = 0; k < negativeAverage.length; k += 10) expect(lithium(k) / before - 1).toBeCloseTo(0, 10);
    // Charge passed equals the lithium moved out of the negative electrode.
    const moved_mol =
      (negativeAverage[0]! - negativeAverage.at(-1)!) *
      n.maximumConcentration_mol_per_m3 *
      n.activeMaterialVolumeFraction *
      n.thickness_m *
      area;
    expect((moved_mol * 96485.33212) / 3600 / solution.dischargeCapacity_Ah).toBeCloseTo(1, 6);
  });

  it("relaxes at rest to the open-circuit voltage of its average stoichiometries", () => {
    const solution = simulate("spm", "chen2020", "Discharge at 1C for 30 minutes; Rest for 3 hours");
    const k = solution.series.time_s.length - 1;
    const sN = solution.series.negativeAverageStoichiometry![k]!;
    const sP = solution.series.positiveAverageStoichiometry![k]!;
    const ocv =
      compiled.positive.openCircuitPotential_V(sP, 298.15) -
      compiled.negative.openCircuitPotential_V(sN, 298.15);
    expect(solution.series.current_A[k]).toBe(0);
    expect(Math.abs(solution.series.voltage_V[k]! - ocv)).toBeLessThan(2e-4);
  });

  it("holds the voltage in a CV step until the current falls to C/50", () => {
    const solution = simulate("spm", "chen2020", "Charge at 1C until 4.1 V; Hold at 4.1 V until C/50", {
      initialSoc: 0.3,
    });
    expect(solution.isComplete).toBe(true);
    const hold = solution.steps[1]!;
    const times = solution.series.time_s;
    for (let k = 0; k < times.length; k++) {
      if (times[k]! > hold.startTime_s + 1 && times[k]! <= hold.endTime_s) {
        expect(solution.series.voltage_V[k]!).toBeCloseTo(4.1, 6);
      }
    }
    const nominal = compiled.cell.nominalCapacity_Ah;
    expect(Math.abs(solution.series.current_A.at(-1)!)).toBeCloseTo(nominal / 50, 4);
  });

  it("delivers constant power in a CP step", () => {
    const solution = simulate("spm", "chen2020", "Discharge at 10 W for 10 minutes");
    const { voltage_V, current_A } = solution.series;
    for (let k = 1; k < voltage_V.length; k++) expect(voltage_V[k]! * current_A[k]!).toBeCloseTo(10, 4);
  });

  it("starts at the requested state of charge: SOC 1 sits at the upper cut-off, SOC 0 at the lower", () => {
    const voltageAt = (initialSoc: number) => {
      const prepared = prepareCellSimulation({
        parameterSet: getParameterSet("chen2020"),
        model: "spm",
        experiment: "Rest for 1 minute",
        initialSoc,
      });
      return prepared.model.voltage_V(0, prepared.initialState);
    };
    expect(voltageAt(1)).toBeCloseTo(compiled.cell.upperVoltageCutoff_V, 6);
    expect(voltageAt(0)).toBeCloseTo(compiled.cell.lowerVoltageCutoff_V, 6);
  });
});
