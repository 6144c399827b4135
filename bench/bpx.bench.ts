// Cost per call of functions imported from BPX expression strings vs the same functions as cellforge
// series, and the cost of a BPX import and a round trip. Run: npm run bench bpx
import { readFileSync } from "node:fs";
import { compileParameterSet, fromBpx, getParameterSet, toBpx } from "../src/core/parameters/index.js";

function time(label: string, calls: number, body: (i: number) => number): void {
  let sink = 0;
  for (let i = 0; i < calls / 10; i++) sink += body(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) sink += body(i);
  const ns = Number(process.hrtime.bigint() - start) / calls;
  const unit =
    ns > 1e5 ? `${(ns / 1e6).toFixed(2).padStart(7)} ms/call` : `${ns.toFixed(1).padStart(7)} ns/call`;
  console.log(`${label.padEnd(56)} ${unit}   (checksum ${sink.toExponential(3)})`);
}

const N = 2_000_000;
const sto = (i: number) => 0.05 + 0.9 * ((i * 0.618034) % 1);
for (const name of ["chen2020", "marquis2019"]) {
  const set = getParameterSet(name);
  const series = compileParameterSet(set);
  const viaBpx = compileParameterSet(fromBpx(JSON.parse(JSON.stringify(toBpx(set)))));
  for (const [label, c] of [
    ["series", series],
    ["BPX expression", viaBpx],
  ] as const) {
    time(`${name} negative OCP (${label})`, N, (i) => c.negative.openCircuitPotential_V(sto(i), 298.15));
    time(`${name} negative dOCP/dsto (${label})`, N, (i) =>
      c.negative.openCircuitPotentialDerivative_V(sto(i), 298.15),
    );
    time(`${name} electrolyte conductivity (${label})`, N, (i) =>
      c.electrolyte.conductivity_S_per_m(500 + sto(i) * 1000, 298.15),
    );
  }
  time(`${name} toBpx + fromBpx round trip`, 20, () => fromBpx(toBpx(set)).negative.thickness_m);
}
const nmc = JSON.parse(readFileSync("fixtures/bpx/nmc_pouch_cell_BPX.json", "utf8"));
time("About:Energy NMC example: fromBpx", 50, () => fromBpx(nmc).negative.thickness_m);
