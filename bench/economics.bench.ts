// Benchmark: full design + cost + energy + GWP evaluation (target ≤ 1 ms), plus accuracy vs BatPaC 5.0.

import { defaultCellFormat } from "../src/core/economics/design-spec.js";
import { defaultPackTargets } from "../src/core/economics/design-types.js";
import { evaluateDesign } from "../src/core/economics/evaluate.js";
import { chemistries } from "../src/core/materials/index.js";

const input = { chemistry: chemistries["NMC811-G"]!, format: defaultCellFormat, pack: defaultPackTargets };
const options = { plant: { packsPerYear: 100_000 } };

for (let i = 0; i < 2000; i++) evaluateDesign(input, options); // warm-up
const n = 20_000;
let sink = 0;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const packs = 20_000 + (i % 100) * 10_000;
  sink += evaluateDesign(input, { plant: { packsPerYear: packs } }).summary.packCost_USD_per_kWh;
}
const perEval_ms = (performance.now() - t0) / n;
console.log(
  `evaluateDesign (design + cost + energy + GWP): ${(perEval_ms * 1000).toFixed(1)} µs per evaluation (${n} runs, checksum ${sink.toFixed(0)})`,
);

const refs: [string, number, number, number][] = [
  ["NMC811-G", 10_000, 124.9, 88.36],
  ["NMC811-G", 100_000, 115.06, 82.09],
  ["NMC811-G", 500_000, 110.09, 79.02],
  ["NMC811-G", 1_000_000, 108.27, 77.9],
  ["NMC622-G", 100_000, 119.99, 86.59],
  ["LFP-G", 100_000, 113.54, 79.48],
];
console.log(
  "chemistry  packs/yr  pack $/kWh (BatPaC)  cell $/kWh (BatPaC)  Wh/kg cell  Wh/L cell  Wh/kg pack  kWh/kWh  kgCO2e/kWh",
);
for (const [id, packs, pRef, cRef] of refs) {
  const r = evaluateDesign(
    { ...input, chemistry: chemistries[id]! },
    { plant: { packsPerYear: packs } },
  ).summary;
  const pct = (a: number, b: number) => `${a >= b ? "+" : ""}${((a / b - 1) * 100).toFixed(2)}%`;
  console.log(
    `${id.padEnd(9)}  ${String(packs).padStart(8)}  ${r.packCost_USD_per_kWh.toFixed(2)} (${pRef}, ${pct(r.packCost_USD_per_kWh, pRef)})  ${r.cellCost_USD_per_kWh.toFixed(2)} (${cRef}, ${pct(r.cellCost_USD_per_kWh, cRef)})  ${r.cellSpecificEnergy_Wh_per_kg.toFixed(1)}  ${r.cellEnergyDensity_Wh_per_L.toFixed(1)}  ${r.packSpecificEnergy_Wh_per_kg.toFixed(1)}  ${r.manufacturingEnergy_kWh_per_kWh.toFixed(1)}  ${r.gwp_kgCO2e_per_kWh.toFixed(1)}`,
  );
}
