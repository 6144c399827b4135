// Regression: a CV hold exactly at a voltage cut-off (the standard CCCV charge) must run to its current
// condition, not stop at once on the cut-off guard (V − V_cut is solver noise while V is imposed).
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/core/simulation/simulate.js";

describe("CCCV with the hold at the cut-off voltage", () => {
  it("Charge at 1C until 4.2 V; Hold at 4.2 V until C/50 (chen2020, SPM) completes on the current condition", () => {
    const solution = simulate("spm", "chen2020", "Charge at 1C until 4.2 V; Hold at 4.2 V until C/50", {
      initialSoc: 0.3,
    });
    expect(solution.isComplete).toBe(true);
    expect(Math.abs(solution.series.current_A.at(-1)!)).toBeCloseTo(5 / 50, 4);
    expect(solution.series.voltage_V.at(-1)!).toBeCloseTo(4.2, 6);
  });
});
