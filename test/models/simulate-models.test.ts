/**
 * The electrochemical models through the public `simulate` API (experiment language, event-located
 * cut-offs, SOC, thermal option) against PyBaMM on the same mesh.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/core/simulation/simulate.js";
import { readNumericCsv, rmseAgainst } from "../helpers/reference-csv.js";

const cases = [
  { model: "spme", thermal: "isothermal", set: "chen2020", file: "Chen2020_SPMe_1C.csv", cutoff: 2.5 },
  { model: "dfn", thermal: "isothermal", set: "chen2020", file: "Chen2020_DFN_1C.csv", cutoff: 2.5 },
  { model: "dfn", thermal: "lumped", set: "chen2020", file: "Chen2020_DFN-lumped_1C.csv", cutoff: 2.5 },
  { model: "dfn", thermal: "isothermal", set: "marquis2019", file: "Marquis2019_DFN_1C.csv", cutoff: 3.105 },
] as const;

describe("simulate(): SPMe and DFN against PyBaMM (1C, 20 points per domain)", () => {
  for (const c of cases) {
    it(`${c.model} ${c.thermal} ${c.set}: voltage RMSE ≤ 1 mV, capacity within 0.2 %`, () => {
      const data = readNumericCsv(`fixtures/pybamm/${c.file}`);
      const solution = simulate(c.model, c.set, `Discharge at 1C until ${c.cutoff} V`, {
        thermal: c.thermal,
        outputTimes_s: data.time_s!,
        rtol: 1e-7,
        atol: 1e-7,
      });
      expect(solution.isComplete).toBe(true);
      const s = solution.series;
      expect(rmseAgainst(data.time_s!, data.voltage_V!, s.time_s, s.voltage_V)).toBeLessThan(1e-3);
      const capacity = data.discharge_capacity_Ah!.at(-1)!;
      expect(Math.abs(solution.dischargeCapacity_Ah / capacity - 1)).toBeLessThan(2e-3);
      if (c.thermal === "lumped") {
        expect(rmseAgainst(data.time_s!, data.temperature_K!, s.time_s, s.temperature_K!)).toBeLessThan(0.2);
      }
    });
  }

  it("ends Chen2020 at 3C early with a clear reason when the electrolyte or a particle runs out", () => {
    const solution = simulate("dfn", "chen2020", "Discharge at 3C until 2.5 V");
    expect(solution.finalTime_s).toBeGreaterThan(0);
    expect(solution.terminationReason.length).toBeGreaterThan(10);
    expect(solution.series.voltage_V.every(Number.isFinite)).toBe(true);
  });
});
