/** `simulate(model, parameters, experiment, options)`: the one-call library entry to cell simulation. */
import { applyParameterOverrides, getParameterSet, type ParameterSet } from "../parameters/index.js";
import type { Experiment } from "../protocols/index.js";
import { type CellSimulationRequest, type CurrentProfile, prepareCellSimulation } from "./prepare.js";
import type { Solution } from "./solution.js";

/** Options of {@link simulate}; every field is optional. */
export interface SimulateOptions {
  /** "isothermal" (default), "lumped" or "x-full" (spme, dfn). */
  readonly thermal?: string;
  /** Finite-volume points per electrode, separator and particle (default 20). */
  readonly meshPoints?: number;
  /** Initial state of charge 0..1 (default: the set's initial concentrations). */
  readonly initialSoc?: number;
  /** Ambient and initial temperature (K). */
  readonly ambientTemperature_K?: number;
  /** Output spacing (s); default every integrator step. */
  readonly outputPeriod_s?: number;
  /** Explicit output times (s from the start, ascending); overrides outputPeriod_s. */
  readonly outputTimes_s?: readonly number[];
  /** Sample spatial profiles (electrolyte, particle surface) at every output time. */
  readonly includeProfiles?: boolean;
  /** Parameter overrides "dot.path=value". */
  readonly overrides?: readonly string[];
  readonly rtol?: number;
  readonly atol?: number;
}

/**
 * Simulates `model` ("spm", "spme", "dfn") of a parameter set (built-in name or set) through an experiment
 * (step text, steps, a parsed experiment, or a current profile) and returns the typed solution.
 * A run that stops early (cut-off, model limit) is returned with `isComplete: false` and its reason.
 */
export function simulate(
  model: string,
  parameters: string | ParameterSet,
  experiment: string | readonly string[] | Experiment | CurrentProfile,
  options: SimulateOptions = {},
): Solution {
  const base = typeof parameters === "string" ? getParameterSet(parameters) : parameters;
  const set = options.overrides?.length ? applyParameterOverrides(base, options.overrides) : base;
  const isProfile = typeof experiment === "object" && "current_A" in experiment && "time_s" in experiment;
  const request: CellSimulationRequest = {
    parameterSet: set,
    model,
    ...(isProfile
      ? { currentProfile: experiment as CurrentProfile }
      : { experiment: experiment as string | readonly string[] | Experiment }),
    ...(options.thermal !== undefined ? { thermal: options.thermal } : {}),
    ...(options.meshPoints !== undefined ? { meshPoints: options.meshPoints } : {}),
    ...(options.initialSoc !== undefined ? { initialSoc: options.initialSoc } : {}),
    ...(options.ambientTemperature_K !== undefined
      ? { ambientTemperature_K: options.ambientTemperature_K }
      : {}),
    ...(options.outputPeriod_s !== undefined ? { outputPeriod_s: options.outputPeriod_s } : {}),
    ...(options.outputTimes_s !== undefined ? { outputTimes_s: options.outputTimes_s } : {}),
    ...(options.includeProfiles !== undefined ? { includeProfiles: options.includeProfiles } : {}),
    ...(options.rtol !== undefined ? { rtol: options.rtol } : {}),
    ...(options.atol !== undefined ? { atol: options.atol } : {}),
  };
  return prepareCellSimulation(request).run();
}
