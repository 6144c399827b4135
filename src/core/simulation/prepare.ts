/**
 * From a user's request (parameter set, model id, experiment or current profile, initial SOC, temperature)
 * to a prepared simulation: the model is built and the steps resolved once, so `run()` times the solve alone.
 */
import type { CellModel } from "../models/cell-model.js";
import {
  type CompiledParameterSet,
  compileParameterSet,
  initialStoichiometries,
  type ParameterSet,
} from "../parameters/index.js";
import {
  type Experiment,
  type ExperimentStep,
  flattenExperiment,
  type LoadProfileData,
  loadProfileData,
  parseExperiment,
  parseLoadProfileCsv,
  type ResolvedStep,
  resolveStep,
  type StepTermination,
} from "../protocols/index.js";
import { coulombsPerAmpereHour_C, faradayConstant_C_per_mol } from "../units/constants.js";
import { SimulationInputError } from "./errors.js";
import { buildCellModel, cellModelIds, type ThermalOption, thermalOptions } from "./models.js";
import { createStepRunner, type RunOptions } from "./run-steps.js";
import type { Solution } from "./solution.js";

/** A time-resolved load: current (A) or power (W), discharge positive, at given times, linearly interpolated. */
export type CurrentProfile =
  | { readonly time_s: readonly number[]; readonly current_A: readonly number[] }
  | { readonly time_s: readonly number[]; readonly power_W: readonly number[] };

/** Everything a cell simulation needs, as plain data. */
export interface CellSimulationRequest {
  readonly parameterSet: ParameterSet;
  /** "spm", "spme" or "dfn". */
  readonly model: string;
  /** "isothermal" (default), "lumped" or "x-full". */
  readonly thermal?: string;
  /** Finite-volume points per electrode, separator and particle (default 20). */
  readonly meshPoints?: number;
  /** Experiment text ("Discharge at 1C until 2.5 V; Rest for 1 hour"), parsed experiment, or steps. */
  readonly experiment?: string | readonly string[] | Experiment;
  /** A measured or drive-cycle load instead of an experiment: CSV text with time_s,current_A (or power_W). */
  readonly currentProfileCsv?: string;
  readonly currentProfile?: CurrentProfile;
  /** Initial state of charge 0..1 (default: the set's initial concentrations). */
  readonly initialSoc?: number;
  /** Ambient and initial temperature (K); default: the set's. */
  readonly ambientTemperature_K?: number;
  /** Output spacing (s); default: every integrator step. */
  readonly outputPeriod_s?: number;
  /** Explicit output times (s from the start, ascending); overrides outputPeriod_s. */
  readonly outputTimes_s?: readonly number[];
  readonly includeProfiles?: boolean;
  readonly rtol?: number;
  readonly atol?: number;
}

/** A simulation whose model is built and steps resolved; `run()` solves (repeatably). */
export interface PreparedCellSimulation {
  readonly model: CellModel;
  readonly parameters: CompiledParameterSet;
  readonly steps: readonly ResolvedStep[];
  /** The model's state at the start of the run. */
  readonly initialState: Float64Array;
  /** Initial state of charge of the run (0..1 between the set's cut-off voltages). */
  readonly initialSoc: number;
  /** Charge between the cut-off voltages at this cell's lithium inventory (Ah). */
  readonly capacity_Ah: number;
  run(): Solution;
}

function fail(message: string): never {
  throw new SimulationInputError(message);
}

/** Builds the model and resolves the experiment of `request`; throws SimulationInputError on bad input. */
export function prepareCellSimulation(request: CellSimulationRequest): PreparedCellSimulation {
  if (!cellModelIds.includes(request.model)) {
    fail(`model "${request.model}": expected one of ${cellModelIds.join(", ")}`);
  }
  const thermal = (request.thermal ?? "isothermal") as ThermalOption;
  if (!thermalOptions.includes(thermal)) {
    fail(`thermal "${request.thermal}": expected one of ${thermalOptions.join(", ")}`);
  }
  const meshPoints = request.meshPoints ?? 20;
  if (!Number.isInteger(meshPoints) || meshPoints < 3 || meshPoints > 2000) {
    fail(`mesh = ${meshPoints} points: expected an integer from 3 to 2000`);
  }
  const ambient = request.ambientTemperature_K;
  if (ambient !== undefined && !(ambient >= 173.15 && ambient <= 473.15)) {
    fail(
      `ambient temperature = ${ambient} K: expected kelvin between 173.15 and 473.15 (−100 to 200 °C)` +
        (ambient > -100 && ambient < 173.15 ? `; did you mean ${ambient + 273.15} K?` : ""),
    );
  }
  const soc = request.initialSoc;
  if (soc !== undefined && !(soc >= 0 && soc <= 1))
    fail(`initial SOC = ${soc}: expected a fraction from 0 to 1`);
  const rtol = request.rtol ?? 1e-6;
  const atol = request.atol ?? 1e-6;
  if (!(rtol > 0 && rtol < 1)) fail(`rtol = ${rtol}: expected a relative tolerance between 0 and 1`);
  if (!(atol > 0)) fail(`atol = ${atol}: expected a positive absolute tolerance`);
  if (request.outputPeriod_s !== undefined && !(request.outputPeriod_s > 0)) {
    fail(`output period = ${request.outputPeriod_s} s: expected a positive time in seconds`);
  }

  const parameters = compileParameterSet(request.parameterSet);
  const cell = parameters.cell;
  const temperature_K = ambient ?? cell.ambientTemperature_K;
  const model = buildCellModel(request.model, parameters, {
    meshPoints,
    thermal,
    ambientTemperature_K: temperature_K,
  });

  // The SOC scale: stoichiometries at SOC 0 and 1 of this cell's lithium inventory.
  const empty = initialStoichiometries(parameters, 0);
  const full = initialStoichiometries(parameters, 1);
  const negative = parameters.negative;
  const negativeCapacity_Ah_per_sto =
    (negative.maximumConcentration_mol_per_m3 *
      negative.activeMaterialVolumeFraction *
      negative.thickness_m *
      cell.electrodeArea_m2 *
      faradayConstant_C_per_mol) /
    coulombsPerAmpereHour_C;
  const capacity_Ah = (full.negative - empty.negative) * negativeCapacity_Ah_per_sto;
  const start = soc !== undefined ? initialStoichiometries(parameters, soc) : undefined;
  const startNegativeSto = start
    ? start.negative
    : negative.initialConcentration_mol_per_m3 / negative.maximumConcentration_mol_per_m3;
  const initialSoc = (startNegativeSto - empty.negative) / (full.negative - empty.negative);

  const steps = resolveRequestSteps(request, parameters, initialSoc, capacity_Ah);
  const initialState = model.initialState({
    ...(start ? { stoichiometry: start } : {}),
    temperature_K,
  });
  const runOptions: RunOptions = {
    rtol,
    atol,
    ...(request.outputPeriod_s !== undefined ? { outputPeriod_s: request.outputPeriod_s } : {}),
    ...(request.outputTimes_s !== undefined ? { outputTimes_s: request.outputTimes_s } : {}),
    includeProfiles: request.includeProfiles === true,
  };
  const runCell = {
    parameterSet: parameters.name,
    lowerVoltageCutoff_V: cell.lowerVoltageCutoff_V,
    upperVoltageCutoff_V: cell.upperVoltageCutoff_V,
  };
  const runner = createStepRunner(model, runCell, runOptions);
  return {
    model,
    parameters,
    steps,
    initialState,
    initialSoc,
    capacity_Ah,
    run: () => runner(steps, initialState),
  };
}

function resolveRequestSteps(
  request: CellSimulationRequest,
  parameters: CompiledParameterSet,
  initialSoc: number,
  capacity_Ah: number,
): ResolvedStep[] {
  const hasExperiment = request.experiment !== undefined;
  const hasProfile = request.currentProfileCsv !== undefined || request.currentProfile !== undefined;
  if (hasExperiment === hasProfile) fail("give exactly one of an experiment or a current profile");
  if (hasProfile) {
    const profile: CurrentProfile =
      request.currentProfile ?? loadProfileData(parseLoadProfileCsv(request.currentProfileCsv!));
    const step: ExperimentStep = {
      kind: "profile",
      quantity: "current_A" in profile ? "current" : "power",
      name: "load",
      profile: profile as LoadProfileData,
    };
    return [resolveStep(step, parameters.cell)];
  }
  const experiment =
    typeof request.experiment === "string" || Array.isArray(request.experiment)
      ? parseExperiment(request.experiment as string | readonly string[])
      : (request.experiment as Experiment);
  const flat: ExperimentStep[] = flattenExperiment(experiment);
  if (flat.length === 0) fail("experiment: no steps given");
  return flat.map((step) => {
    const resolved = resolveStep(step, parameters.cell);
    return {
      ...resolved,
      terminations: resolved.terminations.map((t) => socToCharge(t, initialSoc, capacity_Ah)),
    };
  });
}

/** SOC targets become targets of discharged charge: Q = (SOC₀ − SOC) · capacity. */
function socToCharge(termination: StepTermination, initialSoc: number, capacity_Ah: number): StepTermination {
  if (termination.kind !== "soc") return termination;
  return {
    kind: "discharge-capacity",
    dischargeCapacity_Ah: (initialSoc - termination.soc) * capacity_Ah,
    // SOC falling (discharge) means discharged charge rising.
    isFalling: !termination.isFalling,
  };
}
