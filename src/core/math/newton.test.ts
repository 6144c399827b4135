import { describe, expect, it } from "vitest";
import { createNewtonWorkspace, newtonSolve } from "./newton.js";

describe("newtonSolve", () => {
  it("finds the known root of a 2-D system with an analytic Jacobian", () => {
    // x² + y² = 4, x·y = 1 → x = sqrt(2+√3), y = sqrt(2−√3) (root near (1.9, 0.5))
    const system = {
      size: 2,
      residual(x: Float64Array, out: Float64Array) {
        out[0] = x[0] * x[0] + x[1] * x[1] - 4;
        out[1] = x[0] * x[1] - 1;
      },
      jacobian(x: Float64Array, out: Float64Array) {
        out[0] = 2 * x[0];
        out[1] = 2 * x[1];
        out[2] = x[1];
        out[3] = x[0];
      },
    };
    const x = Float64Array.from([2, 0.3]);
    const r = newtonSolve(system, x);
    expect(r.converged).toBe(true);
    expect(x[0]).toBeCloseTo(Math.sqrt(2 + Math.sqrt(3)), 12);
    expect(x[1]).toBeCloseTo(Math.sqrt(2 - Math.sqrt(3)), 12);
  });

  it("converges from far away on atan(x) = 0 only thanks to the line search (finite-difference Jacobian)", () => {
    // Plain Newton diverges for atan from |x0| > 1.39.
    const system = {
      size: 1,
      residual(x: Float64Array, out: Float64Array) {
        out[0] = Math.atan(x[0]);
      },
    };
    const x = Float64Array.from([10]);
    const r = newtonSolve(system, x, { workspace: createNewtonWorkspace(1) });
    expect(r.converged).toBe(true);
    expect(Math.abs(x[0])).toBeLessThan(1e-10);
  });

  it("solves the Rosenbrock gradient system (root at (1, 1))", () => {
    const system = {
      size: 2,
      residual(x: Float64Array, out: Float64Array) {
        out[0] = 1 - x[0];
        out[1] = 10 * (x[1] - x[0] * x[0]);
      },
    };
    const x = Float64Array.from([-1.2, 1]);
    const r = newtonSolve(system, x);
    expect(r.converged).toBe(true);
    expect(x[0]).toBeCloseTo(1, 10);
    expect(x[1]).toBeCloseTo(1, 10);
  });

  it("reports failure on a system without a root instead of looping", () => {
    const system = {
      size: 1,
      residual(x: Float64Array, out: Float64Array) {
        out[0] = x[0] * x[0] + 1;
      },
    };
    const r = newtonSolve(system, Float64Array.from([3]), { maxIterations: 20 });
    expect(r.converged).toBe(false);
    expect(r.message.length).toBeGreaterThan(0);
  });
});
