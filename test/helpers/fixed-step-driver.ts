/**
 * Test-only driver: integrates a CellModel under one control with fixed-step BDF2 (first step backward
 * Euler) and the model's own iteration-matrix solver, stopping at a lower voltage cut-off (located by linear
 * interpolation between steps). Independent of the production integrator, so model tests do not depend on it.
 */
import type { CellControl, CellModel } from "../../src/core/models/cell-model.js";

export interface FixedStepRun {
  time_s: number[];
  voltage_V: number[];
  temperature_K: number[];
  /** Time at which the voltage reached the cut-off (or the last time). */
  endTime_s: number;
  states: Float64Array[];
  status: "cut-off" | "end-time" | "newton-failed" | "limit-event";
}

export interface FixedStepOptions {
  step_s: number;
  endTime_s: number;
  lowerCutoff_V?: number;
  keepStates?: boolean;
  y0?: Float64Array;
  makeConsistent?: (control: CellControl, t_s: number, y: Float64Array) => boolean;
}

export function runFixedStep(
  model: CellModel,
  control: CellControl,
  options: FixedStepOptions,
): FixedStepRun {
  const n = model.size;
  const y0 = options.y0 ?? model.initialState();
  if (options.makeConsistent && !options.makeConsistent(control, 0, y0)) {
    throw new Error("initial state: algebraic equations did not converge");
  }
  const solver = model.createIterationMatrixSolver?.(control);
  if (!solver) throw new Error(`model ${model.name} has no iteration-matrix solver`);
  const temperatureIndex = model.index.temperature;
  const temperature = (y: Float64Array): number =>
    temperatureIndex === undefined ? Number.NaN : y[temperatureIndex]!;
  const f = new Float64Array(n);
  const g = new Float64Array(n);
  const psi = new Float64Array(n);
  const limits = model.limitEvents;
  const limitValues = new Float64Array(limits?.reasons.length ?? 0);
  let previous = Float64Array.from(y0);
  let current = Float64Array.from(y0);
  const run: FixedStepRun = {
    time_s: [0],
    voltage_V: [model.voltage_V(0, current)],
    temperature_K: [temperature(current)],
    endTime_s: 0,
    states: options.keepStates ? [Float64Array.from(current)] : [],
    status: "end-time",
  };
  const dt = options.step_s;
  let t = 0;
  for (let step = 0; t < options.endTime_s - 1e-9; step++) {
    const h = Math.min(dt, options.endTime_s - t);
    const first = step === 0 || h !== dt;
    const gamma = first ? h : (2 / 3) * h;
    for (let k = 0; k < n; k++) psi[k] = first ? current[k]! : (4 / 3) * current[k]! - (1 / 3) * previous[k]!;
    const next = Float64Array.from(current);
    let converged = false;
    for (let iteration = 0; iteration < 25; iteration++) {
      model.rhs(t + h, next, control, f);
      for (let k = 0; k < n; k++) g[k] = gamma * f[k]! - model.mass[k]! * (next[k]! - psi[k]!);
      if (iteration % 3 === 0 && !solver.factor(t + h, next, f, gamma, true)) break;
      solver.solve(g);
      let norm = 0;
      for (let k = 0; k < n; k++) {
        next[k]! += g[k]!;
        norm = Math.max(norm, Math.abs(g[k]!) / (1e-8 + 1e-8 * Math.abs(next[k]!)));
      }
      if (!Number.isFinite(norm)) break;
      if (norm < 1) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      run.status = "newton-failed";
      break;
    }
    previous = current;
    current = next;
    const tPrevious = t;
    t += h;
    const v = model.voltage_V(t, current);
    if (options.lowerCutoff_V !== undefined && v < options.lowerCutoff_V) {
      const vPrevious = run.voltage_V[run.voltage_V.length - 1]!;
      run.endTime_s = tPrevious + ((vPrevious - options.lowerCutoff_V) / (vPrevious - v)) * h;
      run.status = "cut-off";
      return run;
    }
    run.time_s.push(t);
    run.voltage_V.push(v);
    run.temperature_K.push(temperature(current));
    if (options.keepStates) run.states.push(Float64Array.from(current));
    if (limits) {
      limits.evaluate(t, current, limitValues);
      if (limitValues.some((value) => value < 0)) {
        run.status = "limit-event";
        break;
      }
    }
  }
  run.endTime_s = t;
  return run;
}

/** Linear interpolation of (xs, ys) at x (clamped). */
export function interpolateAt(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= xs[0]!) return ys[0]!;
  let lo = 0;
  let hi = xs.length - 1;
  if (x >= xs[hi]!) return ys[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const w = (x - xs[lo]!) / (xs[hi]! - xs[lo]!);
  return ys[lo]! + w * (ys[hi]! - ys[lo]!);
}

/** Parses a numeric CSV with a header row into columns by name. */
export function parseNumericCsv(text: string): Record<string, number[]> {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0]!.split(",").map((h) => h.trim());
  const columns: Record<string, number[]> = {};
  for (const name of header) columns[name] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    for (let k = 0; k < header.length; k++) columns[header[k]!]!.push(Number(cells[k]));
  }
  return columns;
}
