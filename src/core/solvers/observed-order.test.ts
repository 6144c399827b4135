/**
 * Observed order of the adaptive integrator: on a smooth problem with a known solution, the global error
 * falls as (number of steps)^(−p) when the tolerance is tightened. With the order capped at k the slope
 * of log(error) against log(steps) must be −k (the declared order of BDF/NDF k).
 */
import { describe, expect, it } from "vitest";
import { createBdfIntegrator } from "./index.js";
import type { DaeProblem } from "./problem.js";

// y1' = y2, y2' = −y1 from (0, 1): y1 = sin t.
const oscillator: DaeProblem = {
  size: 2,
  mass: new Float64Array([1, 1]),
  rhs(_t, y, out) {
    out[0] = y[1]!;
    out[1] = -y[0]!;
  },
};

function errorVersusSteps(maxOrder: 1 | 2 | 3 | 4 | 5, tolerance: number): { steps: number; error: number } {
  const integrator = createBdfIntegrator(oscillator, {
    rtol: tolerance,
    atol: tolerance,
    maxOrder,
    maxSteps: 1_000_000,
  });
  integrator.reset(0, [0, 1]);
  const result = integrator.advanceTo(10);
  expect(result.status).toBe("reached");
  return { steps: integrator.stats.steps, error: Math.abs(integrator.y[0]! - Math.sin(10)) };
}

describe("BDF observed order (error vs work)", () => {
  for (const order of [1, 2, 3, 4] as const) {
    it(`maximum order ${order}: error ∝ steps^−${order}`, () => {
      const loose = errorVersusSteps(order, 1e-5);
      const tight = errorVersusSteps(order, 1e-9);
      const slope = Math.log(tight.error / loose.error) / Math.log(tight.steps / loose.steps);
      expect(Math.abs(slope + order)).toBeLessThan(0.35);
    });
  }

  it("maximum order 5 converges at least at order 3.5 (BDF5 is not A-stable: on an oscillator the controller also uses order 4)", () => {
    const loose = errorVersusSteps(5, 1e-5);
    const tight = errorVersusSteps(5, 1e-9);
    const slope = Math.log(tight.error / loose.error) / Math.log(tight.steps / loose.steps);
    expect(slope).toBeLessThan(-3.5);
    expect(tight.steps).toBeLessThan(errorVersusSteps(4, 1e-9).steps);
  });
});
