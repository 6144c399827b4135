// Integrator benchmarks: `npm run bench solvers`. Prints the median wall time per solve and the solver statistics.
import { createBdfIntegrator } from "../src/core/solvers/index.js";
import type { DaeProblem } from "../src/core/solvers/problem.js";
import { heatEquation, heatInitialState, robertson } from "../src/core/solvers/test-problems/problems.js";

interface Case {
  name: string;
  problem: DaeProblem;
  y0: Float64Array;
  tEnd_s: number;
  rtol: number;
  atol: number | Float64Array;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function run(c: Case, minRuns = 30, minTime_ms = 1500): void {
  const integrator = createBdfIntegrator(c.problem, { rtol: c.rtol, atol: c.atol });
  const times: number[] = [];
  let lastStats = "";
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minTime_ms) {
    const before = { ...integrator.stats };
    const t0 = performance.now();
    const init = integrator.reset(0, c.y0);
    const result = integrator.advanceTo(c.tEnd_s);
    times.push(performance.now() - t0);
    if (!init.ok || result.status !== "reached")
      throw new Error(`${c.name}: ${init.message} ${result.message}`);
    const s = integrator.stats;
    lastStats = `steps ${s.steps - before.steps}, rejected ${s.rejectedSteps - before.rejectedSteps}, f evals ${
      s.rhsEvaluations - before.rhsEvaluations
    }, Jacobians ${s.jacobianEvaluations - before.jacobianEvaluations}, factorisations ${
      s.factorizations - before.factorizations
    }, Newton iterations ${s.newtonIterations - before.newtonIterations}`;
    if (times.length > 100000) break;
  }
  console.log(
    `${c.name.padEnd(44)} median ${median(times).toFixed(3)} ms  min ${Math.min(...times).toFixed(3)} ms  (${times.length} runs)\n${" ".repeat(46)}${lastStats}`,
  );
}

/**
 * An SPM-shaped problem: two spherical particles of 20 finite-volume shells each (constant diffusivity),
 * a capacity counter Q' = I and an algebraic voltage V = U_p(c_p,surf) − U_n(c_n,surf) − R·I with toy OCPs,
 * constant 1C current: the 40 + 2 bordered-banded structure of the lead's SPM.
 */
function spmLike(structure: "dense" | "bordered-banded"): { problem: DaeProblem; y0: Float64Array } {
  const shells = 20;
  const n = 2 * shells + 2;
  const radius_m = [5.86e-6, 5.22e-6];
  const diffusivity_m2_per_s = [3.3e-14, 4e-15];
  const fluxPerCurrent = [-7.6e-11, 5.8e-11]; // surface flux (stoichiometry·m/s) per ampere: ~0.7 of the negative used in 1 h
  const current_A = 5;
  const coefficients: Float64Array[] = [];
  for (let p = 0; p < 2; p++) {
    const dr = radius_m[p]! / shells;
    const c = new Float64Array(3 * shells); // lower, upper coupling and surface source per shell
    for (let i = 0; i < shells; i++) {
      const rIn = i * dr;
      const rOut = (i + 1) * dr;
      const volume = (rOut ** 3 - rIn ** 3) / 3;
      c[3 * i] = i > 0 ? (diffusivity_m2_per_s[p]! * rIn * rIn) / dr / volume : 0;
      c[3 * i + 1] = i < shells - 1 ? (diffusivity_m2_per_s[p]! * rOut * rOut) / dr / volume : 0;
      c[3 * i + 2] = i === shells - 1 ? (rOut * rOut) / volume : 0;
    }
    coefficients.push(c);
  }
  const y0 = new Float64Array(n);
  for (let i = 0; i < shells; i++) {
    y0[i] = 0.9;
    y0[shells + i] = 0.27;
  }
  const problem: DaeProblem = {
    size: n,
    mass: Float64Array.from({ length: n }, (_, i) => (i === n - 1 ? 0 : 1)),
    jacobianStructure:
      structure === "dense" ? { kind: "dense" } : { kind: "bordered-banded", lower: 1, upper: 1, border: 2 },
    rhs(_t, y, out) {
      for (let p = 0; p < 2; p++) {
        const c = coefficients[p]!;
        const o = p * shells;
        for (let i = 0; i < shells; i++) {
          const left = i > 0 ? c[3 * i]! * (y[o + i - 1]! - y[o + i]!) : 0;
          const right = i < shells - 1 ? c[3 * i + 1]! * (y[o + i + 1]! - y[o + i]!) : 0;
          out[o + i] = left + right + c[3 * i + 2]! * fluxPerCurrent[p]! * current_A;
        }
      }
      out[n - 2] = current_A / 3600;
      const xn = y[shells - 1]!;
      const xp = y[2 * shells - 1]!;
      const ocpPositive = 4.2 - 1.1 * xp + 0.1 * Math.tanh(20 * (xp - 0.9));
      const ocpNegative = 0.08 + 0.9 * Math.exp(-15 * xn) - 0.02 * Math.tanh(10 * (xn - 0.5));
      out[n - 1] = y[n - 1]! - (ocpPositive - ocpNegative - 0.02 * current_A);
    },
  };
  return { problem, y0 };
}

const heat = heatInitialState(40);
const bordered = heatInitialState(40, true);
const cases: Case[] = [
  {
    name: "Robertson to 1e5 s (rtol 1e-6, analytic J)",
    problem: robertson(false),
    y0: Float64Array.of(1, 0, 0),
    tEnd_s: 1e5,
    rtol: 1e-6,
    atol: Float64Array.of(1e-8, 1e-12, 1e-8),
  },
  {
    name: "Robertson DAE to 1e5 s (rtol 1e-6)",
    problem: robertson(true),
    y0: Float64Array.of(1, 0, 0),
    tEnd_s: 1e5,
    rtol: 1e-6,
    atol: Float64Array.of(1e-8, 1e-12, 1e-8),
  },
  ...(["dense", "banded"] as const).map((kind) => ({
    name: `heat equation, 40 nodes, ${kind} FD Jacobian`,
    problem: heatEquation(40, kind),
    y0: heat.y0,
    tEnd_s: 0.5,
    rtol: 1e-6,
    atol: 1e-9,
  })),
  ...(["dense", "bordered-banded"] as const).map((kind) => ({
    name: `heat 40 + 2 border, ${kind} FD Jacobian`,
    problem: heatEquation(40, kind, true),
    y0: bordered.y0,
    tEnd_s: 0.5,
    rtol: 1e-6,
    atol: 1e-9,
  })),
];

for (const structure of ["dense", "bordered-banded"] as const) {
  const { problem, y0 } = spmLike(structure);
  cases.push({
    name: `SPM-like 2×20 shells + Q + V, ${structure}, 3000 s`,
    problem,
    y0,
    tEnd_s: 3000,
    rtol: 1e-6,
    atol: 1e-8,
  });
}

{
  const large = heatInitialState(500);
  cases.push({
    name: "heat equation, 500 nodes, banded FD Jacobian",
    problem: heatEquation(500, "banded"),
    y0: large.y0,
    tEnd_s: 0.1,
    rtol: 1e-6,
    atol: 1e-9,
  });
}

for (const c of cases) run(c);
