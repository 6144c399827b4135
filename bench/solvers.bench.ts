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

for (const c of cases) run(c);
