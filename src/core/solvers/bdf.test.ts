import { describe, expect, it } from "vitest";
import references from "../../../fixtures/solvers/reference-solutions.json" with { type: "json" };
import { createBdfIntegrator, solveDae } from "./index.js";
import type { DaeProblem } from "./problem.js";
import {
  chemakzo,
  exponentialDecay,
  heatEquation,
  heatInitialState,
  nonlinearIndexOneDae,
  rationalDecay,
  robertson,
} from "./test-problems/problems.js";

function finalState(
  problem: DaeProblem,
  y0: number[],
  tEnd: number,
  rtol: number,
  atol: number | Float64Array,
) {
  const r = solveDae(problem, y0, tEnd, { rtol, atol, outputTimes: [tEnd] });
  expect(r.status).toBe("reached");
  return { y: r.y[r.y.length - 1]!, stats: r.stats };
}

/** Least-squares slope of log(error) against log(tolerance). */
function logSlope(tols: number[], errors: number[]): number {
  const xs = tols.map(Math.log);
  const ys = errors.map(Math.log);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

describe("BDF: tolerance proportionality (global error ∝ tolerance)", () => {
  const tols = [1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9];
  it("y' = −y on [0, 5] against e^{−t}", () => {
    const errors = tols.map((tol) =>
      Math.abs(finalState(exponentialDecay(), [1], 5, tol, tol).y[0]! - Math.exp(-5)),
    );
    const slope = logSlope(tols, errors);
    expect(slope).toBeGreaterThan(0.75);
    expect(slope).toBeLessThan(1.3);
    for (let i = 0; i < tols.length; i++) expect(errors[i]).toBeLessThan(20 * tols[i]!);
  });

  it("y' = −2ty² on [0, 4] against 1/(1+t²)", () => {
    const exact = 1 / 17;
    const errors = tols.map((tol) => Math.abs(finalState(rationalDecay(), [1], 4, tol, tol).y[0]! - exact));
    const slope = logSlope(tols, errors);
    expect(slope).toBeGreaterThan(0.75);
    expect(slope).toBeLessThan(1.3);
    for (let i = 0; i < tols.length; i++) expect(errors[i]).toBeLessThan(20 * tols[i]!);
  });
});

describe("BDF: declared order", () => {
  it("order 1 (NDF1) at a fixed step: error halves when h halves", () => {
    // maxStep_s caps h and loose tolerances never reject; at order 1 every step has the same h.
    const errorAt = (h: number) => {
      const r = solveDae(exponentialDecay(), [1], 1, {
        rtol: 1,
        atol: 1,
        maxOrder: 1,
        initialStep_s: h,
        maxStep_s: h,
        outputTimes: [1],
      });
      expect(r.stats.rejectedSteps).toBe(0);
      return Math.abs(r.y[0]![0]! - Math.exp(-1));
    };
    const observed = Math.log2(Math.sqrt(errorAt(1 / 50) / errorAt(1 / 200)));
    expect(observed).toBeGreaterThan(0.9);
    expect(observed).toBeLessThan(1.1);
  });

  it("higher maximum orders need fewer steps at a tight tolerance (orders 1..5 all used)", () => {
    const steps = ([1, 2, 3, 4, 5] as const).map(
      (maxOrder) =>
        solveDae(rationalDecay(), [1], 4, { rtol: 1e-7, atol: 1e-10, maxOrder, outputTimes: [4] }).stats
          .steps,
    );
    for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeLessThan(steps[k - 1]!);
  });
});

describe("BDF: dense output", () => {
  it("reports every requested time (interpolated to tolerance) and the end point once", () => {
    const outputTimes = Array.from({ length: 101 }, (_, i) => i * 0.05); // 0 … 5
    const seen: [number, number][] = [];
    const integrator = createBdfIntegrator(exponentialDecay(), { rtol: 1e-7, atol: 1e-10 });
    integrator.reset(0, [1]);
    const r = integrator.advanceTo(5.01, { outputTimes, onOutput: (t, y) => seen.push([t, y[0]!]) });
    expect(r.status).toBe("reached");
    expect(seen.map((s) => s[0])).toEqual([...outputTimes, 5.01]);
    for (const [t, y] of seen) expect(Math.abs(y - Math.exp(-t))).toBeLessThan(3e-6 * Math.exp(-t) + 1e-9);
    // far fewer steps than outputs: outputs come from the interpolant, not from steps
    expect(integrator.stats.steps).toBeLessThan(outputTimes.length);
  });
});

describe("BDF: Robertson's stiff kinetics against published reference solutions", () => {
  // fixtures/solvers/SOURCE.md: Hairer & Wanner (1996) §IV.10 at t = 40; Mazzia & Magherini, Test Set for IVP Solvers (ROBER) at t = 1e11.
  const ref40 = references.robertson.t40_hairerWanner.y;
  const ref1e11 = references.robertson.t1e11_testSet.y;
  const atol = Float64Array.of(1e-10, 1e-14, 1e-10);
  for (const asDae of [false, true]) {
    it(`${asDae ? "DAE form (y3 algebraic)" : "ODE form"} at t = 40 and t = 1e11`, () => {
      const r = solveDae(robertson(asDae), [1, 0, 0], 1e11, { rtol: 1e-8, atol, outputTimes: [40, 1e11] });
      expect(r.status).toBe("reached");
      expect(r.t_s[0]).toBe(40);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(r.y[0]![i]! - ref40[i]!)).toBeLessThan(1e-7 * ref40[i]! + 10 * atol[i]!);
        expect(Math.abs(r.y[1]![i]! - ref1e11[i]!)).toBeLessThan(1e-4 * ref1e11[i]! + 10 * atol[i]!);
      }
      expect(r.stats.steps).toBeLessThan(2000);
    });
  }
});

describe("BDF: CHEMAKZO (index-1 DAE) against the Test Set reference", () => {
  // fixtures/solvers/SOURCE.md: Mazzia & Magherini, Test Set for IVP Solvers, release 2.4 (2008), CHEMAKZO at t = 180.
  const reference = references.chemakzo.t180_testSet.y;
  it("matches all six components, error shrinking with the tolerance", () => {
    const { problem, y0 } = chemakzo();
    const errors = [1e-5, 1e-7, 1e-9].map((rtol) => {
      const r = solveDae(problem, y0, 180, { rtol, atol: rtol * 1e-2, outputTimes: [180] });
      expect(r.status).toBe("reached");
      return Math.max(...reference.map((v, i) => Math.abs(r.y[0]![i]! - v) / v));
    });
    expect(errors[0]).toBeLessThan(1e-3);
    expect(errors[2]).toBeLessThan(1e-7);
    expect(errors[1]).toBeLessThan(errors[0]!);
    expect(errors[2]).toBeLessThan(errors[1]!);
  });

  it("still meets the reference when algebraic unknowns are left out of the error test", () => {
    const { problem, y0 } = chemakzo();
    const r = solveDae(problem, y0, 180, {
      rtol: 1e-8,
      atol: 1e-10,
      outputTimes: [180],
      algebraicErrorControl: false,
    });
    expect(r.status).toBe("reached");
    for (let i = 0; i < 6; i++)
      expect(Math.abs(r.y[0]![i]! - reference[i]!) / reference[i]!).toBeLessThan(1e-6);
  });
});

describe("BDF: index-1 DAE and consistent initialisation", () => {
  it("makes inconsistent algebraic unknowns consistent and follows y = e^{−t}, z = e^{−2t}", () => {
    const integrator = createBdfIntegrator(nonlinearIndexOneDae(), { rtol: 1e-8, atol: 1e-10 });
    const init = integrator.reset(0, [1, 5]);
    expect(init.ok).toBe(true);
    expect(integrator.y[0]).toBe(1); // differential unknown untouched
    expect(Math.abs(integrator.y[1]! - 1)).toBeLessThan(1e-10);
    const samples: [number, number, number][] = [];
    const result = integrator.advanceTo(3, {
      outputTimes: [0.5, 1, 2, 3],
      onOutput: (t, y) => samples.push([t, y[0]!, y[1]!]),
    });
    expect(result.status).toBe("reached");
    expect(samples.map((s) => s[0])).toEqual([0.5, 1, 2, 3]);
    for (const [t, y, z] of samples) {
      expect(Math.abs(y - Math.exp(-t))).toBeLessThan(1e-6 * Math.exp(-t));
      expect(Math.abs(z - Math.exp(-2 * t))).toBeLessThan(1e-6 * Math.exp(-2 * t));
    }
  });

  it("initialises a badly scaled algebraic row (∂g/∂z = 1e-6 while ∂f/∂z = 1e-3)", () => {
    // y' = −y + 1e3·(1e-6 z − y), 0 = 1e-6 z − y  →  z = 1e6 y, y = e^{−t}
    const problem: DaeProblem = {
      size: 2,
      mass: Float64Array.of(1, 0),
      rhs(_t, v, out) {
        out[0] = -v[0] + 1e3 * (1e-6 * v[1] - v[0]);
        out[1] = 1e-6 * v[1] - v[0];
      },
    };
    const integrator = createBdfIntegrator(problem, { rtol: 1e-8, atol: Float64Array.of(1e-10, 1e-4) });
    expect(integrator.reset(0, [1, 0]).ok).toBe(true);
    expect(Math.abs(integrator.y[1]! - 1e6)).toBeLessThan(1e-3);
    expect(integrator.advanceTo(1).status).toBe("reached");
    expect(Math.abs(integrator.y[0]! - Math.exp(-1))).toBeLessThan(1e-6);
  });

  it("reports an initialisation it cannot make consistent (no root)", () => {
    const problem: DaeProblem = {
      size: 2,
      mass: Float64Array.of(1, 0),
      rhs(_t, v, out) {
        out[0] = -v[0];
        out[1] = v[1] * v[1] + 1; // 0 = z² + 1 has no real root
      },
    };
    const integrator = createBdfIntegrator(problem);
    const init = integrator.reset(0, [1, 0.3]);
    expect(init.ok).toBe(false);
    expect(init.message).toMatch(/consistent initialisation failed/);
    expect(integrator.advanceTo(1).status).toBe("failed");
  });
});

describe("BDF: event location", () => {
  const withEvent = (direction: number, terminal = true): DaeProblem => ({
    ...exponentialDecay(),
    events: {
      count: 1,
      evaluate(_t, y, out) {
        out[0] = y[0] - 0.5;
      },
      direction: [direction],
      terminal: [terminal],
    },
  });

  it("finds y = 0.5 of y' = −y at ln 2 (relative error < 1e-6) and stops there", () => {
    const r = solveDae(withEvent(0), [1], 10, { rtol: 1e-8, atol: 1e-10 });
    expect(r.status).toBe("event");
    expect(r.eventIndex).toBe(0);
    const tEvent = r.t_s[r.t_s.length - 1]!;
    expect(Math.abs(tEvent - Math.LN2) / Math.LN2).toBeLessThan(1e-6);
    expect(Math.abs(r.y[r.y.length - 1]![0]! - 0.5)).toBeLessThan(1e-7);
  });

  it("runs to tEnd = Infinity until the event", () => {
    const integrator = createBdfIntegrator(withEvent(0), { rtol: 1e-8, atol: 1e-10 });
    integrator.reset(0, [1]);
    const r = integrator.advanceTo(Number.POSITIVE_INFINITY);
    expect(r.status).toBe("event");
    expect(Math.abs(r.t_s - Math.LN2)).toBeLessThan(1e-6 * Math.LN2);
  });

  it("honours the direction filter and non-terminal events", () => {
    expect(solveDae(withEvent(1), [1], 2, { rtol: 1e-8 }).status).toBe("reached");
    expect(solveDae(withEvent(-1), [1], 2, { rtol: 1e-8 }).status).toBe("event");
    expect(solveDae(withEvent(0, false), [1], 2, { rtol: 1e-8 }).status).toBe("reached");
  });

  it("picks the earliest of several crossings in one step and can continue after a terminal event", () => {
    const problem: DaeProblem = {
      ...exponentialDecay(),
      events: {
        count: 2,
        evaluate(_t, y, out) {
          out[0] = y[0] - 0.3; // at ln(1/0.3) ≈ 1.204
          out[1] = y[0] - 0.31; // earlier, ≈ 1.171
        },
      },
    };
    const integrator = createBdfIntegrator(problem, { rtol: 1e-9, atol: 1e-12, maxStep_s: 10 });
    expect(integrator.reset(0, [1]).ok).toBe(true);
    const first = integrator.advanceTo(5);
    expect(first.status).toBe("event");
    expect(first.eventIndex).toBe(1);
    expect(first.t_s).toBeCloseTo(Math.log(1 / 0.31), 7);
    const second = integrator.advanceTo(5);
    expect(second.eventIndex).toBe(0);
    expect(second.t_s).toBeCloseTo(Math.log(1 / 0.3), 7);
    const third = integrator.advanceTo(5);
    expect(third.status).toBe("reached");
    expect(Math.abs(integrator.y[0]! - Math.exp(-5))).toBeLessThan(1e-7);
  });
});

describe("BDF: Jacobian structures give the same answer", () => {
  it("banded heat equation (40 nodes) matches the exact semi-discrete solution and the dense run", () => {
    const nodes = 40;
    const { y0, decayRate_per_s } = heatInitialState(nodes);
    const tEnd = 0.05;
    const results = (["dense", "banded"] as const).map((kind) =>
      solveDae(heatEquation(nodes, kind), y0, tEnd, { rtol: 1e-7, atol: 1e-10, outputTimes: [tEnd] }),
    );
    const decay = Math.exp(-decayRate_per_s * tEnd);
    for (const r of results) {
      expect(r.status).toBe("reached");
      for (let i = 0; i < nodes; i++)
        expect(Math.abs(r.y[0]![i]! - y0[i]! * decay)).toBeLessThan(2e-6 * decay);
    }
    // banded difference Jacobian: 3 evaluations of f instead of 40
    expect(results[1]!.stats.rhsEvaluations).toBeLessThan(results[0]!.stats.rhsEvaluations);
    for (let i = 0; i < nodes; i++)
      expect(Math.abs(results[0]!.y[0]![i]! - results[1]!.y[0]![i]!)).toBeLessThan(1e-9);
  });

  it("bordered-banded 40 + 2 problem matches dense and full-band runs", () => {
    const nodes = 40;
    const { y0 } = heatInitialState(nodes, true);
    const tEnd = 0.2;
    const runs = (["dense", "banded", "bordered-banded"] as const).map((kind) =>
      solveDae(heatEquation(nodes, kind, true), y0, tEnd, { rtol: 1e-8, atol: 1e-11, outputTimes: [tEnd] }),
    );
    for (const r of runs) expect(r.status).toBe("reached");
    const reference = runs[0]!.y[0]!;
    for (const r of runs.slice(1)) {
      for (let i = 0; i < nodes + 2; i++) expect(Math.abs(r.y[0]![i]! - reference[i]!)).toBeLessThan(1e-7);
    }
    // Q' = a integrates a positive source
    expect(reference[nodes]!).toBeGreaterThan(0);
  });

  it("bordered-banded difference Jacobians group columns once the border coupling is known", () => {
    const nodes = 40;
    const { y0 } = heatInitialState(nodes, true);
    const costOfSecondSolve = (kind: "dense" | "bordered-banded") => {
      const integrator = createBdfIntegrator(heatEquation(nodes, kind, true), { rtol: 1e-6, atol: 1e-9 });
      integrator.reset(0, y0);
      integrator.advanceTo(0.2); // first use: full difference Jacobian detects the coupling pattern
      const before = { ...integrator.stats };
      integrator.reset(0, y0);
      integrator.advanceTo(0.2);
      const after = integrator.stats;
      return {
        rhs: after.rhsEvaluations - before.rhsEvaluations,
        jacobians: after.jacobianEvaluations - before.jacobianEvaluations,
      };
    };
    const dense = costOfSecondSolve("dense");
    const bordered = costOfSecondSolve("bordered-banded");
    expect(bordered.jacobians).toBe(dense.jacobians);
    // per Jacobian: 3 band groups + 2 coupled columns (u_0, u_39) + 2 border columns = 7 instead of 42
    expect(dense.rhs - bordered.rhs).toBe((42 - 7) * dense.jacobians);
  });

  it("uses the problem's own iteration-matrix solver when it provides one", () => {
    const base = robertson(false);
    let factorCalls = 0;
    const problem: DaeProblem = {
      ...base,
      createIterationMatrixSolver() {
        const a = new Float64Array(9);
        const jac = new Float64Array(9);
        let inverse = new Float64Array(9);
        return {
          factor(t, y, _fy, gamma, refresh) {
            factorCalls++;
            if (refresh) base.jacobian!(t, y, jac);
            for (let k = 0; k < 9; k++) a[k] = (k % 4 === 0 ? 1 : 0) - gamma * jac[k]!;
            // explicit 3×3 inverse by cofactors
            const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a as unknown as number[];
            const det =
              a0! * (a4! * a8! - a5! * a7!) - a1! * (a3! * a8! - a5! * a6!) + a2! * (a3! * a7! - a4! * a6!);
            if (det === 0) return false;
            inverse = Float64Array.of(
              (a4! * a8! - a5! * a7!) / det,
              (a2! * a7! - a1! * a8!) / det,
              (a1! * a5! - a2! * a4!) / det,
              (a5! * a6! - a3! * a8!) / det,
              (a0! * a8! - a2! * a6!) / det,
              (a2! * a3! - a0! * a5!) / det,
              (a3! * a7! - a4! * a6!) / det,
              (a1! * a6! - a0! * a7!) / det,
              (a0! * a4! - a1! * a3!) / det,
            );
            return true;
          },
          solve(b) {
            const b0 = b[0]!;
            const b1 = b[1]!;
            const b2 = b[2]!;
            for (let i = 0; i < 3; i++)
              b[i] = inverse[3 * i]! * b0 + inverse[3 * i + 1]! * b1 + inverse[3 * i + 2]! * b2;
          },
        };
      },
    };
    const r = solveDae(problem, [1, 0, 0], 40, {
      rtol: 1e-8,
      atol: Float64Array.of(1e-10, 1e-14, 1e-10),
      outputTimes: [40],
    });
    expect(r.status).toBe("reached");
    expect(factorCalls).toBe(r.stats.factorizations);
    expect(Math.abs(r.y[0]![0]! - references.robertson.t40_hairerWanner.y[0]!)).toBeLessThan(1e-7);
  });
});

describe("BDF: failures are reported, never hang", () => {
  it("stops at maxSteps with a message", () => {
    const r = solveDae(exponentialDecay(), [1], 1e6, { maxSteps: 20, maxStep_s: 1 });
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/maxSteps \(20\)/);
  });

  it("reports a blow-up (non-finite f) as a step-size failure naming t", () => {
    const problem: DaeProblem = {
      size: 1,
      mass: Float64Array.of(1),
      rhs(_t, y, out) {
        out[0] = y[0] * y[0]; // y = 1/(1 − t) blows up at t = 1
      },
    };
    const r = solveDae(problem, [1], 2);
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/at t=0\.9/);
  });

  it("reports a singular iteration matrix", () => {
    const problem: DaeProblem = {
      size: 2,
      mass: Float64Array.of(1, 0),
      rhs(_t, v, out) {
        out[0] = -v[0];
        out[1] = 0; // algebraic row that does not determine v[1]
      },
    };
    const integrator = createBdfIntegrator(problem);
    expect(integrator.reset(0, [1, 0]).ok).toBe(true);
    const r = integrator.advanceTo(1);
    expect(r.status).toBe("failed");
    expect(r.message).toMatch(/singular iteration matrix/);
  });

  it("rejects bad options and inputs with clear messages", () => {
    expect(() => createBdfIntegrator(exponentialDecay(), { rtol: -1 })).toThrow(/rtol/);
    expect(() => createBdfIntegrator(exponentialDecay(), { atol: new Float64Array(3) })).toThrow(/atol/);
    expect(() => createBdfIntegrator({ ...exponentialDecay(), mass: Float64Array.of(-1) })).toThrow(
      /mass\[0\]/,
    );
    const integrator = createBdfIntegrator(exponentialDecay());
    expect(integrator.advanceTo(1).message).toMatch(/reset/);
    expect(integrator.reset(0, [Number.NaN]).message).toMatch(/y\[0\]/);
    expect(integrator.reset(0, [1]).ok).toBe(true);
    expect(integrator.advanceTo(-1).status).toBe("failed");
  });
});
