import { describe, expect, it } from "vitest";
import { simulate } from "../../src/core/simulation/simulate.js";

// Invariant of a potentiostatic step: the terminal voltage is the set point throughout, and (starting
// below it) the charging current magnitude relaxes monotonically as the particles fill (QA: the SPMe's
// voltage-control mode once crashed with an internal RangeError here).
describe("CV hold (voltage control) with the SPMe and DFN", () => {
  for (const model of ["spme", "dfn"] as const) {
    for (const thermal of model === "spme"
      ? (["isothermal", "lumped"] as const)
      : (["isothermal"] as const)) {
      it(`${model} ${thermal}: 4.0 V hold for 30 min from SOC 0.5`, () => {
        const s = simulate(model, "chen2020", "Hold at 4.0 V for 30 minutes", { initialSoc: 0.5, thermal });
        expect(s.isComplete).toBe(true);
        expect(s.finalTime_s).toBeCloseTo(1800, 6);
        const V = s.series.voltage_V!;
        const I = s.series.current_A!;
        for (const v of V) expect(Math.abs(v - 4)).toBeLessThan(1e-5);
        // charging: negative current whose magnitude decays (allow round-off wiggle)
        expect(I[1]!).toBeLessThan(-1);
        for (let k = 2; k < I.length; k++)
          expect(Math.abs(I[k]!)).toBeLessThanOrEqual(Math.abs(I[k - 1]!) + 1e-6);
        expect(Math.abs(I.at(-1)!)).toBeLessThan(0.2 * Math.abs(I[1]!));
      });
    }
  }
});
