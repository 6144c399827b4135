import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dischargeWithBdf } from "../../../../test/helpers/bdf-discharge.js";
import { interpolateAt, parseNumericCsv } from "../../../../test/helpers/fixed-step-driver.js";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { createDfnModel } from "./dfn-model.js";

const cases = [
  { set: "chen2020", file: "Chen2020_DFN_1C.csv", thermal: "isothermal" },
  { set: "marquis2019", file: "Marquis2019_DFN_1C.csv", thermal: "isothermal" },
  { set: "marquis2019", file: "Marquis2019_DFN-lumped_1C.csv", thermal: "lumped" },
  { set: "chen2020", file: "Chen2020_DFN-lumped_1C.csv", thermal: "lumped" },
] as const;

describe("DFN vs PyBaMM (same 20-point mesh, 1C constant-current discharge)", () => {
  for (const c of cases) {
    it(`${c.file}: voltage RMSE ≤ 1 mV, capacity within 0.2 %, temperature RMSE ≤ 0.2 K`, () => {
      const ref = parseNumericCsv(readFileSync(`fixtures/pybamm/${c.file}`, "utf8"));
      const parameters = compileParameterSet(getParameterSet(c.set));
      const model = createDfnModel(parameters, { thermal: c.thermal });
      const current_A = parameters.cell.nominalCapacity_Ah;
      const run = dischargeWithBdf(model, current_A, parameters.cell.lowerVoltageCutoff_V, {
        outputTimes: ref.time_s!,
      });
      expect(run.status).toBe("event");
      expect(run.eventIndex).toBe(0);
      const times = ref.time_s!;
      let sumV = 0;
      let sumT = 0;
      let count = 0;
      for (let k = 0; k < times.length; k++) {
        const t = times[k]!;
        if (t > run.time_s[run.time_s.length - 1]!) continue;
        sumV += (interpolateAt(run.time_s, run.voltage_V, t) - ref.voltage_V![k]!) ** 2;
        if (c.thermal === "lumped") {
          sumT += (interpolateAt(run.time_s, run.temperature_K, t) - ref.temperature_K![k]!) ** 2;
        }
        count++;
      }
      expect(count).toBeGreaterThan(300);
      expect(Math.sqrt(sumV / count)).toBeLessThan(1e-3);
      if (c.thermal === "lumped") expect(Math.sqrt(sumT / count)).toBeLessThan(0.2);
      const capacity_Ah = (current_A * run.endTime_s) / 3600;
      const refCapacity = ref.discharge_capacity_Ah![times.length - 1]!;
      expect(Math.abs(capacity_Ah / refCapacity - 1)).toBeLessThan(2e-3);
    });
  }
});
