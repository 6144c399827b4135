/**
 * Test/bench helper until the simulation driver lands: one constant-current discharge of a CellModel to a
 * lower voltage cut-off with the production BDF integrator and the model's own iteration-matrix solver.
 */
import type { CellControl, CellModel } from "../../src/core/models/cell-model.js";
import { type BdfOptions, createBdfIntegrator } from "../../src/core/solvers/index.js";
import type { DaeProblem } from "../../src/core/solvers/problem.js";

export interface DischargeResult {
  time_s: number[];
  voltage_V: number[];
  temperature_K: number[];
  states: Float64Array[];
  endTime_s: number;
  status: string;
  message: string;
  eventIndex: number;
  steps: number;
}

export function createDischargeProblem(model: CellModel, control: CellControl, cutoff_V: number): DaeProblem {
  const limits = model.limitEvents;
  const limitValues = new Float64Array(limits?.reasons.length ?? 0);
  const count = 1 + limitValues.length;
  return {
    size: model.size,
    mass: model.mass,
    rhs: (t, y, out) => model.rhs(t, y, control, out),
    ...(model.createIterationMatrixSolver
      ? { createIterationMatrixSolver: () => model.createIterationMatrixSolver!(control) }
      : {}),
    events: {
      count,
      direction: new Float64Array(count).fill(-1),
      evaluate: (t, y, out) => {
        out[0] = model.voltage_V(t, y) - cutoff_V;
        if (limits) {
          limits.evaluate(t, y, limitValues);
          for (let k = 0; k < limitValues.length; k++) out[1 + k] = limitValues[k]!;
        }
      },
    },
  };
}

export function dischargeWithBdf(
  model: CellModel,
  current_A: number,
  cutoff_V: number,
  options: BdfOptions & { outputTimes?: ArrayLike<number>; endTime_s?: number; y0?: Float64Array } = {},
): DischargeResult {
  const control: CellControl = { mode: "current", value: () => current_A };
  const { outputTimes, endTime_s = 4 * 3600, y0, ...bdf } = options;
  const integrator = createBdfIntegrator(createDischargeProblem(model, control, cutoff_V), {
    rtol: 1e-6,
    atol: 1e-6,
    ...bdf,
  });
  const result: DischargeResult = {
    time_s: [],
    voltage_V: [],
    temperature_K: [],
    states: [],
    endTime_s: 0,
    status: "",
    message: "",
    eventIndex: -1,
    steps: 0,
  };
  const start = y0 ? Float64Array.from(y0) : model.initialState();
  const init = integrator.reset(0, start);
  if (!init.ok) throw new Error(`initialisation failed: ${init.message}`);
  const record = (t: number, y: Float64Array): void => {
    result.time_s.push(t);
    result.voltage_V.push(model.voltage_V(t, y));
    const ti = model.index.temperature;
    result.temperature_K.push(ti === undefined ? Number.NaN : y[ti]!);
    result.states.push(Float64Array.from(y));
  };
  record(0, integrator.y);
  const advance = integrator.advanceTo(endTime_s, {
    ...(outputTimes ? { outputTimes } : {}),
    onOutput: record,
  });
  result.endTime_s = advance.t_s;
  result.status = advance.status;
  result.message = advance.message;
  result.eventIndex = advance.eventIndex;
  result.steps = integrator.stats.steps;
  return result;
}
