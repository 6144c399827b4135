/**
 * DFN / SPMe speed: Chen2020, 1C constant-current discharge to 2.5 V, rtol = atol = 1e-6, default
 * 20-cell mesh, solve only (model and integrator built outside the timer), median of 15 runs after warm-up.
 * Run: npm run bench dfn
 */

import type { CellModel } from "../src/core/models/cell-model.js";
import { createDfnModel } from "../src/core/models/dfn/dfn-model.js";
import { createSpmeModel } from "../src/core/models/spme/spme-model.js";
import { compileParameterSet, getParameterSet } from "../src/core/parameters/index.js";
import { createBdfIntegrator } from "../src/core/solvers/index.js";
import { createDischargeProblem } from "../test/helpers/bdf-discharge.js";

const parameters = compileParameterSet(getParameterSet("chen2020"));
const control = { mode: "current" as const, value: () => 5 };

function time(
  label: string,
  model: CellModel & { makeAlgebraicConsistent(c: typeof control, t: number, y: Float64Array): boolean },
  runs = 15,
): number {
  const y0 = model.initialState();
  model.makeAlgebraicConsistent(control, 0, y0);
  const integrator = createBdfIntegrator(createDischargeProblem(model, control, 2.5), {
    rtol: 1e-6,
    atol: 1e-6,
  });
  const samples: number[] = [];
  let end = 0;
  for (let k = 0; k < runs + 3; k++) {
    const start = performance.now();
    integrator.reset(0, y0);
    const result = integrator.advanceTo(5 * 3600);
    const elapsed = performance.now() - start;
    end = result.t_s;
    if (k >= 3) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)]!;
  const s = integrator.stats; // cumulative over all runs (the integrator keeps counting across resets)
  const total = runs + 3;
  console.log(
    `${label.padEnd(28)} median ${median.toFixed(2).padStart(7)} ms  (min ${samples[0]!.toFixed(2)})  end ${end.toFixed(1)} s  ` +
      `per run: steps ${s.steps / total}  rhs ${s.rhsEvaluations / total}  jac ${s.jacobianEvaluations / total}  LU ${s.factorizations / total}  states ${model.size} (${((model.size * 8) / 1024).toFixed(1)} KiB)`,
  );
  return median;
}

time("DFN isothermal (20)", createDfnModel(parameters));
time("DFN lumped thermal (20)", createDfnModel(parameters, { thermal: "lumped" }));
time("SPMe isothermal (20)", createSpmeModel(parameters));
for (const n of [10, 20, 40, 80]) {
  time(
    `DFN mesh ${n}`,
    createDfnModel(parameters, { mesh: { negative: n, separator: n, positive: n, particle: n } }),
    n >= 80 ? 5 : 10,
  );
}
