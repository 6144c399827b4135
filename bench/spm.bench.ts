/**
 * SPM speed: 1C discharge of Chen2020 and Marquis2019 (20 points per particle, rtol 1e-6), solve only
 * (model built once), and the CLI end to end (process start to CSV written).
 * Run: npm run bench spm (uses dist/: run `npm run build` after changing src/)
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type * as Library from "../src/core/index.js";

// Measure the built package (what the CLI and users run); `npm run build` first if it is missing.
if (!existsSync("dist/core/index.js")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
const distEntry = "../dist/core/index.js";
const { getParameterSet, prepareCellSimulation } = (await import(distEntry)) as typeof Library;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

for (const [set, cutoff] of [
  ["chen2020", 2.5],
  ["marquis2019", 3.105],
] as const) {
  for (const rtol of [1e-6, 1e-8]) {
    const prepared = prepareCellSimulation({
      parameterSet: getParameterSet(set),
      model: "spm",
      experiment: `Discharge at 1C until ${cutoff} V`,
      rtol,
      atol: rtol,
    });
    for (let i = 0; i < 300; i++) prepared.run();
    const times: number[] = [];
    let steps = 0;
    for (let i = 0; i < 2000; i++) {
      const start = performance.now();
      const solution = prepared.run();
      times.push(performance.now() - start);
      steps = solution.statistics.steps;
    }
    console.log(
      `spm ${set} 1C rtol=${rtol}: median ${median(times).toFixed(3)} ms, min ${Math.min(...times).toFixed(3)} ms, ${steps} steps`,
    );
  }
}

const cli = ["dist/cli-bundle/main.js", "simulate", "--params", "chen2020", "--model", "spm"];
const cliTimes: number[] = [];
for (let i = 0; i < 7; i++) {
  const start = performance.now();
  execFileSync(process.execPath, [
    ...cli,
    "--experiment",
    "Discharge at 1C until 2.5 V",
    "--out",
    "out/bench-spm.csv",
  ]);
  cliTimes.push(performance.now() - start);
}
console.log(
  `cli simulate spm chen2020 1C end to end (bundled CLI): median ${median(cliTimes).toFixed(0)} ms`,
);
