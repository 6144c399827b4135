/**
 * Turns an experiment step into what the simulation driver needs: an operating mode with its value
 * over time (current positive = discharge), a maximum duration, termination events and which voltage
 * cut-offs guard the step.
 */
import { InputError } from "../errors.js";
import { createInterpolant } from "../math/interpolate.js";
import type { CellControl } from "../models/cell-model.js";
import type { ExperimentStep, StepCondition } from "./experiment.js";
import { formatStep } from "./format-experiment.js";

/** A condition that ends a step, located by the driver as an event. */
export type StepTermination =
  /** V reaches voltage_V from above (isFalling) or from below. */
  | { kind: "voltage"; voltage_V: number; isFalling: boolean }
  /** |I| falls below current_A (CV holds, CP tails). */
  | { kind: "current-magnitude-below"; current_A: number }
  /** Discharge capacity (Ah, counted from the start of the experiment) reaches a value. */
  | { kind: "discharge-capacity"; dischargeCapacity_Ah: number; isFalling: boolean }
  /** State of charge (0..1) reaches soc; the driver converts it to charge with its SOC definition. */
  | { kind: "soc"; soc: number; isFalling: boolean };

export interface ResolvedStep {
  /** Canonical text of the step. */
  description: string;
  control: CellControl;
  /** Maximum duration (s); Infinity if the step ends only on a condition or cut-off. */
  duration_s: number;
  terminations: StepTermination[];
  /** The lower voltage cut-off ends the step (discharge, rest, profiles; not voltage holds, which impose V). */
  guardsLowerCutoff: boolean;
  /** The upper voltage cut-off ends the step (charge, rest, profiles; not voltage holds, which impose V). */
  guardsUpperCutoff: boolean;
}

/** What resolveStep needs from the cell. */
export interface StepCell {
  nominalCapacity_Ah: number;
  lowerVoltageCutoff_V: number;
  upperVoltageCutoff_V: number;
}

/** A step that is well formed but cannot run on this cell (e.g. a target beyond a cut-off). */
export class ExperimentStepError extends InputError {
  override name = "ExperimentStepError";
}

function constant(mode: CellControl["mode"], value: number): CellControl {
  return { mode, value: () => value };
}

/** Resolves a step for a cell (C-rates → A via nominalCapacity_Ah); throws ExperimentStepError when it cannot run. */
export function resolveStep(step: ExperimentStep, cell: StepCell): ResolvedStep {
  const description = formatStep(step);
  const fail = (detail: string): never => {
    throw new ExperimentStepError(`experiment step "${description}": ${detail}`);
  };
  if (!(cell.nominalCapacity_Ah > 0)) fail(`nominal capacity ${cell.nominalCapacity_Ah} Ah must be positive`);
  const amps = (c: { cRate: number } | { current_A: number }) =>
    "cRate" in c ? c.cRate * cell.nominalCapacity_Ah : c.current_A;

  let control: CellControl;
  let duration_s = step.duration_s ?? Number.POSITIVE_INFINITY;
  let guardsLowerCutoff = true;
  let guardsUpperCutoff = true;
  let isFalling = true;
  switch (step.kind) {
    case "current":
    case "power": {
      const sign = step.direction === "discharge" ? 1 : -1;
      isFalling = step.direction === "discharge";
      guardsLowerCutoff = isFalling;
      guardsUpperCutoff = !isFalling;
      control =
        step.kind === "current"
          ? constant("current", sign * amps(step))
          : constant("power", sign * step.power_W);
      break;
    }
    case "voltage-hold":
      if (step.voltage_V < cell.lowerVoltageCutoff_V || step.voltage_V > cell.upperVoltageCutoff_V) {
        fail(
          `hold voltage ${step.voltage_V} V is outside the cell's cut-offs ${cell.lowerVoltageCutoff_V}–${cell.upperVoltageCutoff_V} V`,
        );
      }
      control = constant("voltage", step.voltage_V);
      // The voltage is imposed, so no cut-off can be crossed; a guard would fire spuriously when the hold
      // sits exactly at a cut-off (the usual CCCV "Hold at 4.2 V"), where V − V_cut is solver noise.
      guardsLowerCutoff = false;
      guardsUpperCutoff = false;
      break;
    case "rest":
      control = constant("current", 0);
      break;
    case "profile": {
      const p = step.profile;
      const values = "current_A" in p ? p.current_A : p.power_W;
      const t0 = p.time_s[0]!;
      const interpolate = createInterpolant(p.time_s, values, "linear", "clamp");
      control = { mode: step.quantity, value: (t_s: number) => interpolate(t0 + t_s) };
      duration_s = Math.min(duration_s, p.time_s[p.time_s.length - 1]! - t0);
      break;
    }
  }

  const terminations: StepTermination[] = (step.until ?? []).map((c: StepCondition): StepTermination => {
    if (c.kind === "voltage") {
      if (c.voltage_V < cell.lowerVoltageCutoff_V || c.voltage_V > cell.upperVoltageCutoff_V) {
        fail(
          `target ${c.voltage_V} V is outside the cell's cut-offs ${cell.lowerVoltageCutoff_V}–${cell.upperVoltageCutoff_V} V (the cut-off would end the step first)`,
        );
      }
      return { kind: "voltage", voltage_V: c.voltage_V, isFalling };
    }
    if (c.kind === "current") return { kind: "current-magnitude-below", current_A: amps(c) };
    return { kind: "soc", soc: c.stateOfCharge_percent / 100, isFalling };
  });
  return { description, control, duration_s, terminations, guardsLowerCutoff, guardsUpperCutoff };
}
