import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dischargeWithBdf } from "../../../../test/helpers/bdf-discharge.js";
import { interpolateAt, parseNumericCsv } from "../../../../test/helpers/fixed-step-driver.js";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { createSpmeModel } from "./spme-model.js";

describe("SPMe vs PyBaMM (same 20-point mesh, 1C constant-current discharge)", () => {
  for (const [set, file] of [
    ["chen2020", "Chen2020_SPMe_1C.csv"],
    ["marquis2019", "Marquis2019_SPMe_1C.csv"],
  ] as const) {
    it(`${file}: voltage RMSE ≤ 1 mV and capacity within 0.2 %`, () => {
      const ref = parseNumericCsv(readFileSync(`fixtures/pybamm/${file}`, "utf8"));
      const parameters = compileParameterSet(getParameterSet(set));
      const model = createSpmeModel(parameters);
      const current_A = parameters.cell.nominalCapacity_Ah;
      const run = dischargeWithBdf(model, current_A, parameters.cell.lowerVoltageCutoff_V, {
        outputTimes: ref.time_s!,
        rtol: 1e-8,
        atol: 1e-8,
      });
      expect(run.status).toBe("event");
      expect(run.eventIndex).toBe(0);
      let sum = 0;
      let count = 0;
      for (let k = 0; k < ref.time_s!.length; k++) {
        const t = ref.time_s![k]!;
        if (t > run.endTime_s) continue;
        sum += (interpolateAt(run.time_s, run.voltage_V, t) - ref.voltage_V![k]!) ** 2;
        count++;
      }
      expect(count).toBeGreaterThan(300);
      expect(Math.sqrt(sum / count)).toBeLessThan(1e-3);
      const capacity_Ah = (current_A * run.endTime_s) / 3600;
      expect(Math.abs(capacity_Ah / ref.discharge_capacity_Ah!.at(-1)! - 1)).toBeLessThan(2e-3);
    });
  }
});
