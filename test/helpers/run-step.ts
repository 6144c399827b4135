/**
 * Test-only multi-step driver (until the simulation driver lands): runs one experiment step of a CellModel
 * with the production BDF integrator (whose reset makes the algebraic rows consistent after the control
 * changes), from a given state, until its end time or a terminal condition.
 */
import type { CellControl, CellModel } from "../../src/core/models/cell-model.js";
import { createBdfIntegrator } from "../../src/core/solvers/index.js";

export interface StepResult {
  time_s: number[];
  voltage_V: number[];
  current_A: number[];
  endTime_s: number;
  endState: Float64Array;
  status: string;
}

export function runStep(
  model: CellModel,
  control: CellControl,
  y0: Float64Array,
  options: {
    duration_s: number;
    /** Stops when stop(t, y, V, I) falls through zero. */
    stop?: (t_s: number, y: Float64Array, voltage_V: number, current_A: number) => number;
    outputTimes?: readonly number[];
    startTime_s?: number;
  },
): StepResult {
  const start = options.startTime_s ?? 0;
  const y = Float64Array.from(y0);
  const stop = options.stop;
  const integrator = createBdfIntegrator(
    {
      size: model.size,
      mass: model.mass,
      rhs: (t, state, out) => model.rhs(t, state, control, out),
      createIterationMatrixSolver: () => model.createIterationMatrixSolver!(control),
      ...(stop
        ? {
            events: {
              count: 1,
              direction: [-1],
              evaluate: (t: number, state: Float64Array, out: Float64Array) => {
                out[0] = stop(t, state, model.voltage_V(t, state), state[model.index.current]!);
              },
            },
          }
        : {}),
    },
    { rtol: 1e-6, atol: 1e-6 },
  );
  const init = integrator.reset(0, y);
  if (!init.ok) throw new Error(init.message);
  const result: StepResult = {
    time_s: [],
    voltage_V: [],
    current_A: [],
    endTime_s: 0,
    endState: y,
    status: "",
  };
  const record = (t: number, state: Float64Array) => {
    result.time_s.push(start + t);
    result.voltage_V.push(model.voltage_V(t, state));
    result.current_A.push(state[model.index.current]!);
  };
  record(0, integrator.y);
  const outputs = (options.outputTimes ?? [])
    .map((t) => t - start)
    .filter((t) => t > 0 && t <= options.duration_s);
  const advance = integrator.advanceTo(options.duration_s, { outputTimes: outputs, onOutput: record });
  result.endTime_s = start + advance.t_s;
  result.endState = Float64Array.from(integrator.y);
  result.status = advance.status;
  return result;
}
