import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { interpolateAt, parseNumericCsv } from "../../../../test/helpers/fixed-step-driver.js";
import { runStep } from "../../../../test/helpers/run-step.js";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import type { CellControl } from "../cell-model.js";
import { createDfnModel } from "./dfn-model.js";

const chen = compileParameterSet(getParameterSet("chen2020"));
const constant = (mode: CellControl["mode"], value: number): CellControl => ({ mode, value: () => value });

function rmse(
  times: number[],
  values: number[],
  refTimes: number[],
  refValues: number[],
  from: number,
  to: number,
) {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < refTimes.length; k++) {
    const t = refTimes[k]!;
    if (t <= from || t >= to) continue;
    sum += (interpolateAt(times, values, t) - refValues[k]!) ** 2;
    count++;
  }
  return Math.sqrt(sum / count);
}

describe("DFN under voltage and power control vs PyBaMM (Chen2020)", () => {
  it("constant power 15 W to 2.5 V: end time, capacity and voltage", () => {
    const ref = parseNumericCsv(readFileSync("fixtures/pybamm/Chen2020_DFN_CP15W.csv", "utf8"));
    const model = createDfnModel(chen);
    const run = runStep(model, constant("power", 15), model.initialState(), {
      duration_s: 3 * 3600,
      stop: (_t, _y, v) => v - 2.5,
      outputTimes: ref.time_s!,
    });
    expect(run.status).toBe("event");
    expect(run.endTime_s).toBeCloseTo(ref.time_s!.at(-1)!, -0.5);
    for (const [k, v] of run.voltage_V.entries()) expect(v * run.current_A[k]!).toBeCloseTo(15, 4);
    expect(rmse(run.time_s, run.voltage_V, ref.time_s!, ref.voltage_V!, 0, run.endTime_s)).toBeLessThan(1e-3);
  });

  it("CC discharge, rest, CC charge, CV hold to C/50: step end times, voltage and CV current", () => {
    const ref = parseNumericCsv(readFileSync("fixtures/pybamm/Chen2020_DFN_CCCV.csv", "utf8"));
    const model = createDfnModel(chen);
    const times = ref.time_s!;
    const discharge = runStep(model, constant("current", 5), model.initialState(), {
      duration_s: 2 * 3600,
      stop: (_t, _y, v) => v - 2.5,
      outputTimes: times,
    });
    const rest = runStep(model, constant("current", 0), discharge.endState, {
      duration_s: 3600,
      startTime_s: discharge.endTime_s,
      outputTimes: times,
    });
    const charge = runStep(model, constant("current", -2.5), rest.endState, {
      duration_s: 3 * 3600,
      stop: (_t, _y, v) => 4.2 - v,
      startTime_s: rest.endTime_s,
      outputTimes: times,
    });
    const hold = runStep(model, constant("voltage", 4.2), charge.endState, {
      duration_s: 3 * 3600,
      stop: (_t, _y, _v, i) => Math.abs(i) - 0.1,
      startTime_s: charge.endTime_s,
      outputTimes: times,
    });
    const ends = [discharge, rest, charge, hold].map((s) => s.endTime_s);
    const refEnds = [3555.5, 7155.5, 13276.8, 16759.8];
    ends.forEach((t, k) => {
      expect(Math.abs(t - refEnds[k]!)).toBeLessThan(k < 3 ? 1 : 15);
    });
    const all = [discharge, rest, charge, hold];
    for (const [k, step] of all.entries()) {
      const from = k === 0 ? 0 : ends[k - 1]!;
      const to = Math.min(ends[k]!, refEnds[k]!);
      expect(rmse(step.time_s, step.voltage_V, times, ref.voltage_V!, from + 1, to - 1)).toBeLessThan(1e-3);
    }
    // CV current (A) follows PyBaMM's decay
    expect(rmse(hold.time_s, hold.current_A, times, ref.current_A!, ends[2]! + 1, ends[3]! - 1)).toBeLessThan(
      5e-3,
    );
  });
});
