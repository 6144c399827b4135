/**
 * The simulation driver: runs a cell model through resolved experiment steps with the BDF integrator,
 * restarting it at every step (a discontinuity), locating terminations as events and recording outputs.
 *
 * The model's state is extended by one differential unknown, the discharged charge Q (Ah) with
 * dQ/dt = I / 3600, so capacity comes out of the same error-controlled integration.
 */
import type { CellControl, CellModel } from "../models/cell-model.js";
import type { ResolvedStep } from "../protocols/index.js";
import { createBdfIntegrator } from "../solvers/index.js";
import type { DaeProblem, IterationMatrixSolver, JacobianStructure } from "../solvers/problem.js";
import type { ProfileSeries, Solution, SolverStatistics, StepSummary } from "./solution.js";

/** Numerical and output options of a run. */
export interface RunOptions {
  /** Relative tolerance (default 1e-6). */
  readonly rtol?: number;
  /** Absolute tolerance (default 1e-6, in the units of each unknown). */
  readonly atol?: number;
  /** Output spacing within a step (s); default: every accepted integrator step. */
  readonly outputPeriod_s?: number;
  /** Explicit output times (s from the start of the run, ascending); overrides outputPeriod_s. */
  readonly outputTimes_s?: readonly number[];
  /** Also sample the model's spatial profiles at every output time. */
  readonly includeProfiles?: boolean;
  /** Cap on integrator steps per experiment step (default 100 000). */
  readonly maxStepsPerStep?: number;
}

/** Cell data the driver needs besides the model. */
export interface RunCell {
  readonly parameterSet: string;
  readonly lowerVoltageCutoff_V: number;
  readonly upperVoltageCutoff_V: number;
}

const SECONDS_PER_HOUR = 3600;
/** Event slots: step voltage, step current, step capacity, lower cut-off, upper cut-off, then model limits. */
const FIXED_EVENTS = 5;
/** A cell at its cut-off within this margin (V) may still start a step (e.g. rest at SOC 1). */
const GUARD_TOLERANCE_V = 1e-6;

function withCapacity(model: CellModel, state: { control: CellControl }): DaeProblem {
  const n = model.size;
  const iI = model.index.current;
  const mass = new Float64Array(n + 1);
  mass.set(model.mass);
  mass[n] = 1;
  const problem: DaeProblem = {
    size: n + 1,
    mass,
    rhs(t_s, y, out) {
      model.rhs(t_s, y, state.control, out);
      out[n] = y[iI]! / SECONDS_PER_HOUR;
    },
    jacobianStructure: withCapacityStructure(model.jacobianStructure),
  };
  if (model.createIterationMatrixSolver) {
    const inner = model.createIterationMatrixSolver(state.control);
    let gammaNow = 0;
    const solver: IterationMatrixSolver = {
      factor(t_s, y, fy, gamma, refresh) {
        gammaNow = gamma;
        return inner.factor(t_s, y, fy, gamma, refresh);
      },
      // Block-triangular: the model rows do not depend on Q; row n is Q − γ I / 3600.
      solve(b) {
        inner.solve(b);
        b[n] = b[n]! + (gammaNow / SECONDS_PER_HOUR) * b[iI]!;
      },
    };
    return { ...problem, createIterationMatrixSolver: () => solver };
  }
  return problem;
}

/** The capacity counter is one more dense border row/column (it depends only on the current). */
function withCapacityStructure(structure: JacobianStructure | undefined): JacobianStructure {
  if (structure?.kind === "bordered-banded") return { ...structure, border: structure.border + 1 };
  if (structure?.kind === "banded")
    return { kind: "bordered-banded", lower: structure.lower, upper: structure.upper, border: 1 };
  return { kind: "dense" };
}

function eventValues(
  model: CellModel,
  step: ResolvedStep,
  cell: RunCell,
  t_s: number,
  y: Float64Array,
  out: Float64Array,
): void {
  const v = model.voltage_V(t_s, y);
  const current = y[model.index.current]!;
  const charge = y[model.size]!;
  out.fill(1, 0, FIXED_EVENTS);
  for (const term of step.terminations) {
    if (term.kind === "voltage") out[0] = term.isFalling ? v - term.voltage_V : term.voltage_V - v;
    else if (term.kind === "current-magnitude-below") out[1] = Math.abs(current) - term.current_A;
    else if (term.kind === "discharge-capacity")
      out[2] = term.isFalling ? charge - term.dischargeCapacity_Ah : term.dischargeCapacity_Ah - charge;
  }
  if (step.guardsLowerCutoff) out[3] = v - cell.lowerVoltageCutoff_V;
  if (step.guardsUpperCutoff) out[4] = cell.upperVoltageCutoff_V - v;
  if (model.limitEvents) model.limitEvents.evaluate(t_s, y, out.subarray(FIXED_EVENTS));
}

function describeEvent(index: number, model: CellModel, step: ResolvedStep, cell: RunCell): string {
  if (index === 0) {
    const term = step.terminations.find((t) => t.kind === "voltage");
    return `voltage reached ${term?.kind === "voltage" ? term.voltage_V : "?"} V`;
  }
  if (index === 1) {
    const term = step.terminations.find((t) => t.kind === "current-magnitude-below");
    return `current fell below ${term?.kind === "current-magnitude-below" ? term.current_A : "?"} A`;
  }
  if (index === 2) return "state-of-charge target reached";
  if (index === 3) return `lower voltage cut-off ${cell.lowerVoltageCutoff_V} V reached`;
  if (index === 4) return `upper voltage cut-off ${cell.upperVoltageCutoff_V} V reached`;
  return model.limitEvents?.reasons[index - FIXED_EVENTS] ?? `model limit ${index - FIXED_EVENTS}`;
}

/**
 * Runs `model` through `steps` from `initialState` (the model's own layout) and returns the solution.
 * A step that cannot continue (a safety cut-off, a model limit, a solver failure) ends the run early and the
 * partial solution says why; it never throws for that.
 */
export function runSteps(
  model: CellModel,
  cell: RunCell,
  steps: readonly ResolvedStep[],
  initialState: Float64Array,
  options: RunOptions = {},
): Solution {
  return createStepRunner(model, cell, options)(steps, initialState);
}

/**
 * A reusable runner for one model: integrators (one per operating mode) and their work arrays are built
 * once, so repeated runs (Monte Carlo, fitting, benchmarks) pay only for the solve.
 */
export function createStepRunner(
  model: CellModel,
  cell: RunCell,
  options: RunOptions = {},
): (steps: readonly ResolvedStep[], initialState: Float64Array) => Solution {
  const n = model.size;
  const rtol = options.rtol ?? 1e-6;
  const atol = options.atol ?? 1e-6;
  if (!(rtol > 0) || !(atol > 0))
    throw new RangeError(`tolerances must be positive: rtol = ${rtol}, atol = ${atol}`);
  const eventCount = FIXED_EVENTS + (model.limitEvents?.reasons.length ?? 0);
  const shared: { step: ResolvedStep | undefined; control: CellControl } = {
    step: undefined,
    control: { mode: "current", value: () => 0 },
  };
  const integrators = new Map<string, ReturnType<typeof createBdfIntegrator>>();
  const integratorFor = (mode: string) => {
    let integ = integrators.get(mode);
    if (!integ) {
      const base = withCapacity(model, shared);
      const problem: DaeProblem = {
        ...base,
        events: {
          count: eventCount,
          direction: new Float64Array(eventCount).fill(-1),
          evaluate: (t_s, y, out) => eventValues(model, shared.step!, cell, t_s, y, out),
        },
      };
      integ = createBdfIntegrator(problem, {
        rtol,
        atol,
        maxSteps: options.maxStepsPerStep ?? 100_000,
      });
      integrators.set(mode, integ);
    }
    return integ;
  };
  const g = new Float64Array(eventCount);

  return (steps, initialState) => {
    if (initialState.length !== n) {
      throw new RangeError(
        `initial state has ${initialState.length} values, the model ${model.name} needs ${n}`,
      );
    }
    const series: Record<string, number[]> = {
      time_s: [],
      voltage_V: [],
      current_A: [],
      dischargeCapacity_Ah: [],
    };
    for (const out of model.scalarOutputs) series[out.name] = [];
    const profiles: ProfileSeries[] | undefined = options.includeProfiles
      ? model.profileOutputs.map((p) => ({ name: p.name, grid_m: Array.from(p.grid_m), values: [] }))
      : undefined;
    const profileBuffers = model.profileOutputs.map((p) => new Float64Array(p.grid_m.length));
    const record = (t_s: number, y: Float64Array) => {
      const times = series.time_s!;
      // Skip repeats (a step's end is also the next step's start), to within rounding of the time.
      if (times.length > 0 && t_s <= times[times.length - 1]! + 1e-9 * Math.max(1, Math.abs(t_s))) return;
      times.push(t_s);
      series.voltage_V!.push(model.voltage_V(t_s, y));
      series.current_A!.push(y[model.index.current]!);
      series.dischargeCapacity_Ah!.push(y[n]!);
      for (const out of model.scalarOutputs) series[out.name]!.push(out.evaluate(t_s, y));
      if (profiles) {
        model.profileOutputs.forEach((p, k) => {
          p.evaluate(y, profileBuffers[k]!);
          profiles[k]!.values.push(Array.from(profileBuffers[k]!));
        });
      }
    };

    const y = new Float64Array(n + 1);
    y.set(initialState);
    let t = 0;
    const summaries: StepSummary[] = [];
    const stats: SolverStatistics = {
      steps: 0,
      rejectedSteps: 0,
      rhsEvaluations: 0,
      jacobianEvaluations: 0,
      factorizations: 0,
    };
    let terminationReason = "experiment complete";
    let isComplete = true;

    for (let k = 0; k < steps.length; k++) {
      const step = steps[k]!;
      shared.step = step;
      shared.control = step.control;
      const stepStart_s = t;
      const summarise = (reason: string) =>
        summaries.push({
          index: k,
          description: step.description,
          startTime_s: stepStart_s,
          endTime_s: t,
          terminationReason: reason,
        });
      const integ = integratorFor(step.control.mode);
      const before = { ...integ.stats };
      // A model's own (structured) initialisation first; the integrator then polishes all algebraic rows.
      model.makeAlgebraicConsistent?.(step.control, t, y);
      const init = integ.reset(t, y);
      if (!init.ok) {
        terminationReason = `step ${k + 1} (${step.description}) cannot start: ${init.message}`;
        isComplete = false;
        break;
      }
      y.set(integ.y);
      record(t, y);
      eventValues(model, step, cell, t, y, g);
      // A termination already met skips its step; a safety guard only counts when clearly crossed.
      const violated = g.findIndex((v, i) => (i <= 2 ? !(v > 0) : !(v > -GUARD_TOLERANCE_V)));
      if (violated >= 0) {
        const reason = describeEvent(violated, model, step, cell);
        if (violated <= 2) {
          summarise(`skipped: ${reason} already at the start`);
          continue;
        }
        terminationReason = `step ${k + 1} (${step.description}) cannot start: ${reason} already at the start`;
        isComplete = false;
        break;
      }
      const tEnd = Number.isFinite(step.duration_s) ? t + step.duration_s : t + 1e7;
      const outputTimes = stepOutputTimes(t, tEnd, options);
      const result = integ.advanceTo(tEnd, {
        ...(outputTimes
          ? { outputTimes, onOutput: (tOut: number, yOut: Float64Array) => record(tOut, yOut) }
          : { onStep: (tOut: number, yOut: Float64Array) => record(tOut, yOut) }),
      });
      t = result.t_s;
      y.set(integ.y);
      record(t, y);
      accumulate(stats, before, integ.stats);
      let stepReason: string;
      if (result.status === "reached") {
        stepReason = Number.isFinite(step.duration_s) ? "duration elapsed" : "maximum step time reached";
      } else if (result.status === "event") {
        const index = result.eventIndex ?? -1;
        stepReason = describeEvent(index, model, step, cell);
        if (index > 2) {
          summarise(stepReason);
          terminationReason = `step ${k + 1} (${step.description}) stopped: ${stepReason}`;
          // Only an open-ended last step (no duration, no condition of its own) legitimately ends at a cut-off.
          isComplete =
            k === steps.length - 1 &&
            index <= 4 &&
            step.terminations.length === 0 &&
            !Number.isFinite(step.duration_s);
          break;
        }
      } else {
        stepReason = `solver failed: ${result.message ?? "unknown reason"}`;
        summarise(stepReason);
        terminationReason = `step ${k + 1} (${step.description}) stopped: ${stepReason}`;
        isComplete = false;
        break;
      }
      summarise(stepReason);
      if (k === steps.length - 1) terminationReason = `experiment complete: ${stepReason}`;
    }

    return {
      kind: "cellforge.solution",
      schemaVersion: 1,
      model: model.name,
      parameterSet: cell.parameterSet,
      isComplete,
      terminationReason,
      finalTime_s: t,
      dischargeCapacity_Ah: y[n]!,
      series: series as Solution["series"],
      steps: summaries,
      ...(profiles ? { profiles } : {}),
      statistics: stats,
    };
  };
}

/** The run's output grid (explicit times or multiples of the period) inside the step (t0, t1]. */
function stepOutputTimes(t0: number, t1: number, options: RunOptions): Float64Array | undefined {
  if (options.outputTimes_s) {
    return Float64Array.from(options.outputTimes_s.filter((t) => t > t0 && t <= t1));
  }
  const period = options.outputPeriod_s;
  if (period === undefined) return undefined;
  if (!(period > 0)) throw new RangeError(`output period = ${period} s: must be positive`);
  const first = Math.floor(t0 / period) + 1;
  const count = Math.max(0, Math.min(Math.floor(t1 / period) - first + 1, 1_000_000));
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = (first + i) * period;
  return times;
}

function accumulate(total: SolverStatistics, before: IntegratorStats, after: IntegratorStats): void {
  total.steps += after.steps - before.steps;
  total.rejectedSteps += after.rejectedSteps - before.rejectedSteps;
  total.rhsEvaluations += after.rhsEvaluations - before.rhsEvaluations;
  total.jacobianEvaluations += after.jacobianEvaluations - before.jacobianEvaluations;
  total.factorizations += after.factorizations - before.factorizations;
}

interface IntegratorStats {
  readonly steps: number;
  readonly rejectedSteps: number;
  readonly rhsEvaluations: number;
  readonly jacobianEvaluations: number;
  readonly factorizations: number;
}
