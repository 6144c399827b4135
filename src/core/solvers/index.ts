/**
 * Integrators for semi-explicit index-1 DAEs `M y' = f(t, y)`: the adaptive NDF/BDF method
 * (`createBdfIntegrator`) and a convenience driver (`solveDae`) that collects a whole solution.
 */
import { type BdfOptions, type BdfStats, createBdfIntegrator } from "./bdf.js";
import type { DaeProblem } from "./problem.js";

export type { AdvanceOptions, AdvanceResult, BdfIntegrator, BdfOptions, BdfStats } from "./bdf.js";
export { createBdfIntegrator } from "./bdf.js";
export type {
  DaeProblem,
  EventFunctions,
  IterationMatrixSolver,
  JacobianStructure,
} from "./problem.js";

export interface SolveDaeOptions extends BdfOptions {
  /** Ascending times to report (dense output); default: every accepted step. */
  outputTimes?: ArrayLike<number>;
  /** Initial time, s (default 0). */
  t0_s?: number;
}

export interface SolveDaeResult {
  t_s: Float64Array;
  /** States at `t_s` (copies). */
  y: Float64Array[];
  status: "reached" | "event" | "failed";
  /** Index of the terminal event that stopped the run, -1 if none. */
  eventIndex: number;
  message: string;
  stats: BdfStats;
}

/** Integrates `problem` from (t0, y0) to `tEnd_s` (or the first terminal event) and returns the sampled solution. */
export function solveDae(
  problem: DaeProblem,
  y0: ArrayLike<number>,
  tEnd_s: number,
  options: SolveDaeOptions = {},
): SolveDaeResult {
  const { outputTimes, t0_s = 0, ...bdfOptions } = options;
  const integrator = createBdfIntegrator(problem, bdfOptions);
  const times: number[] = [];
  const states: Float64Array[] = [];
  const record = (t: number, y: Float64Array) => {
    if (times.length > 0 && times[times.length - 1] === t) return;
    times.push(t);
    states.push(Float64Array.from(y));
  };
  const init = integrator.reset(t0_s, y0);
  if (!init.ok) {
    return {
      t_s: new Float64Array(0),
      y: [],
      status: "failed",
      eventIndex: -1,
      message: init.message,
      stats: integrator.stats,
    };
  }
  const everyStep = outputTimes === undefined;
  if (everyStep) record(t0_s, integrator.y);
  const result = integrator.advanceTo(tEnd_s, {
    ...(outputTimes ? { outputTimes } : {}),
    onOutput: (t, y) => {
      if (everyStep) record(t, y);
      else {
        // Only requested times, plus the final point when the run stops early (event/ends between outputs).
        record(t, y);
      }
    },
    ...(everyStep ? { onStep: record } : {}),
  });
  return {
    t_s: Float64Array.from(times),
    y: states,
    status: result.status,
    eventIndex: result.eventIndex,
    message: result.message,
    stats: { ...integrator.stats },
  };
}
