/**
 * DFN (Chen2020) vs the LG M50 measurements of Brosa Planella et al. (2021): for every shared discharge file,
 * voltage RMSE and capacity error, isothermal at the ambient temperature and with the lumped thermal model.
 * Usage: npx tsx scripts/validate-lg-m50.ts [data folder] > table.md
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createDfnModel } from "../src/core/models/dfn/dfn-model.js";
import {
  compileParameterSet,
  getParameterSet,
  initialStoichiometries,
} from "../src/core/parameters/index.js";
import { parseLgM50Discharge } from "../src/io/lg-m50-csv.js";
import { dischargeWithBdf } from "../test/helpers/bdf-discharge.js";
import { interpolateAt } from "../test/helpers/fixed-step-driver.js";

const folder = process.argv[2] ?? "/work/shared/data/lg-m50-brosaplanella2021";
const parameters = compileParameterSet(getParameterSet("chen2020"));

/** SOC whose open-circuit voltage equals `ocv_V` (bisection on the set's stoichiometry window). */
function socForOcv(ocv_V: number, T: number): number {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 60; k++) {
    const mid = 0.5 * (lo + hi);
    const s = initialStoichiometries(parameters, mid);
    const v =
      parameters.positive.openCircuitPotential_V(s.positive, T) -
      parameters.negative.openCircuitPotential_V(s.negative, T);
    if (v < ocv_V) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

console.log(
  "| file | ambient (°C) | I (A) | measured (Ah) | isothermal RMSE (mV) | isothermal capacity error (%) | lumped RMSE (mV) | lumped capacity error (%) | lumped T RMSE (K) |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const sub of ["0degC", "10degC", "25degC"]) {
  const ambient_K = 273.15 + Number.parseInt(sub, 10);
  for (const file of readdirSync(join(folder, sub)).sort()) {
    let data: ReturnType<typeof parseLgM50Discharge>;
    try {
      data = parseLgM50Discharge(readFileSync(join(folder, sub, file), "utf8"), file);
    } catch (error) {
      console.log(`| ${file} | ${sub} | – | – | ${(error as Error).message} | | | | |`);
      continue;
    }
    const current = data.current_A.slice().sort((a, b) => a - b)[Math.floor(data.current_A.length / 2)]!;
    if (!(current > 0.01) || data.capacity_Ah < 0.1) {
      console.log(`| ${file} | ${Number.parseInt(sub, 10)} | – | – | no discharge in the file | | | | |`);
      continue;
    }
    const cutoff = Math.min(...data.voltage_V);
    const soc = socForOcv(data.restVoltage_V, ambient_K);
    const sto = initialStoichiometries(parameters, soc);
    const cells: string[] = [];
    let temperatureRmse = "–";
    for (const thermal of ["isothermal", "lumped"] as const) {
      const model = createDfnModel(parameters, { thermal, ambientTemperature_K: ambient_K });
      const T0 = Number.isFinite(data.temperature_K[0]!) ? data.temperature_K[0]! : ambient_K;
      const y0 = model.initialState({
        stoichiometry: sto,
        temperature_K: thermal === "lumped" ? T0 : ambient_K,
      });
      const run = dischargeWithBdf(model, current, cutoff, {
        y0,
        outputTimes: data.time_s,
        endTime_s: 1.5 * data.time_s.at(-1)!,
      });
      let sum = 0;
      let sumT = 0;
      let count = 0;
      let countT = 0;
      for (let k = 0; k < data.time_s.length; k++) {
        const t = data.time_s[k]!;
        if (t > run.endTime_s) break;
        sum += (interpolateAt(run.time_s, run.voltage_V, t) - data.voltage_V[k]!) ** 2;
        count++;
        if (thermal === "lumped" && Number.isFinite(data.temperature_K[k]!)) {
          sumT += (interpolateAt(run.time_s, run.temperature_K, t) - data.temperature_K[k]!) ** 2;
          countT++;
        }
      }
      const capacity = (current * run.endTime_s) / 3600;
      cells.push(
        (1000 * Math.sqrt(sum / count)).toFixed(1),
        (100 * (capacity / data.capacity_Ah - 1)).toFixed(2),
      );
      if (thermal === "lumped" && countT > 0) temperatureRmse = Math.sqrt(sumT / countT).toFixed(2);
    }
    console.log(
      `| ${file} | ${Number.parseInt(sub, 10)} | ${current.toFixed(3)} | ${data.capacity_Ah.toFixed(3)} | ${cells.join(" | ")} | ${temperatureRmse} |`,
    );
  }
}
