// Cost per call of the compiled parameter functions the DFN calls in its hot loop, and of interpolation.
// Run: npm run bench parameters
import { createInterpolant } from "../src/core/math/interpolate.js";
import { compileParameterSet, getParameterSet } from "../src/core/parameters/index.js";

function time(label: string, calls: number, body: (i: number) => number): void {
  let sink = 0;
  for (let i = 0; i < calls / 10; i++) sink += body(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += body(i);
  const ns = Number(process.hrtime.bigint() - start) / calls;
  console.log(
    `${label.padEnd(52)} ${ns.toFixed(1).padStart(7)} ns/call   (checksum ${sink.toExponential(3)})`,
  );
}

const N = 2_000_000;
const sto = (i: number) => 0.05 + 0.9 * ((i * 0.618034) % 1);
for (const name of ["chen2020", "marquis2019"]) {
  const c = compileParameterSet(getParameterSet(name));
  const cmax = c.negative.maximumConcentration_mol_per_m3;
  time(`${name} negative OCP (series)`, N, (i) => c.negative.openCircuitPotential_V(sto(i), 298.15));
  time(`${name} positive OCP (series)`, N, (i) => c.positive.openCircuitPotential_V(sto(i), 298.15));
  time(`${name} positive OCP, T varying (entropic if any)`, N, (i) =>
    c.positive.openCircuitPotential_V(sto(i), 290 + (i % 20)),
  );
  time(`${name} negative j0, isothermal`, N, (i) =>
    c.negative.exchangeCurrentDensity_A_per_m2(1000, sto(i) * cmax, 298.15),
  );
  time(`${name} negative j0, T varying`, N, (i) =>
    c.negative.exchangeCurrentDensity_A_per_m2(1000, sto(i) * cmax, 290 + (i % 20)),
  );
  time(`${name} electrolyte conductivity`, N, (i) =>
    c.electrolyte.conductivity_S_per_m(500 + sto(i) * 1000, 298.15),
  );
  time(`${name} particle diffusivity`, N, (i) => c.negative.particleDiffusivity_m2_per_s(sto(i), 298.15));
}
const x = Array.from({ length: 201 }, (_, i) => i / 200);
const y = x.map((t) => Math.exp(-t) + 0.1 * Math.sin(20 * t));
for (const method of ["linear", "pchip", "cubic-spline"] as const) {
  const f = createInterpolant(x, y, method);
  time(`interpolant ${method}, 201 points, slowly moving x`, N, (i) => f((i % 100000) / 100000));
  time(`interpolant ${method}, 201 points, random x`, N, (i) => f(sto(i)));
}
