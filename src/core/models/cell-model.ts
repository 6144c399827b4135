/**
 * The contract every electrochemical cell model (SPM, SPMe, DFN, …) implements.
 *
 * A model is equations only: it lays out its unknowns in one state vector `y`, gives the diagonal mass
 * matrix and the right-hand side of `M y' = f(t, y)`, and never calls a solver (`simulation` joins models
 * and solvers). The applied current (A, discharge positive) is always an unknown of the model, at
 * `index.current`; its row holds the operating-mode equation from {@link controlResidual}, so one model
 * serves current, voltage (CV hold) and power steps alike.
 */
import type { IterationMatrixSolver, JacobianStructure } from "../solvers/problem.js";

/** What the simulation imposes during one experiment step. */
export type OperatingMode = "current" | "voltage" | "power";

/** The imposed quantity of a step: current_A, voltage_V or power_W (discharge positive) as a function of time. */
export interface CellControl {
  readonly mode: OperatingMode;
  /** Imposed value at time t: A for "current", V for "voltage", W for "power". */
  value(t_s: number): number;
}

/** A named scalar the model reports at every output time (e.g. temperature_K). */
export interface ScalarOutput {
  /** Name with unit suffix, e.g. "temperature_K", "negativeSurfaceStoichiometry". */
  readonly name: string;
  evaluate(t_s: number, y: Float64Array): number;
}

/** A quantity resolved in space (e.g. electrolyte concentration vs x), reported on request. */
export interface ProfileOutput {
  /** Name with unit suffix, e.g. "electrolyteConcentration_mol_per_m3". */
  readonly name: string;
  /** Node positions of the profile (m), e.g. x across the cell or r in a particle. */
  readonly grid_m: Float64Array;
  /** Writes the profile at state y into `out` (length grid_m.length). */
  evaluate(y: Float64Array, out: Float64Array): void;
}

/** Where a state of a model should start. */
export interface InitialStateOptions {
  /** Initial stoichiometries (c/cmax) of the particles; default: the parameter set's initial concentrations. */
  readonly stoichiometry?: { readonly negative: number; readonly positive: number };
  /** Initial cell temperature (default: the set's initial temperature). */
  readonly temperature_K?: number;
}

/** A terminal limit of the model itself (e.g. electrolyte depleted, particle surface saturated). */
export interface ModelLimitEvents {
  /** One reason per event function, e.g. "electrolyte concentration reached zero". */
  readonly reasons: readonly string[];
  /** Writes g_k(t, y); the run stops when any g_k falls through zero. */
  evaluate(t_s: number, y: Float64Array, out: Float64Array): void;
}

/** An electrochemical cell model ready to be integrated. */
export interface CellModel {
  /** Model id, e.g. "spm", "spme", "dfn". */
  readonly name: string;
  readonly size: number;
  /** Diagonal of the mass matrix (0 for algebraic rows, including the current row). */
  readonly mass: Float64Array;
  readonly index: { readonly current: number; readonly temperature?: number };
  readonly jacobianStructure?: JacobianStructure;
  /** Consistent-enough start state; the integrator refines the algebraic unknowns. */
  initialState(options?: InitialStateOptions): Float64Array;
  /** f(t, y) under the given control; the current row holds {@link controlResidual}. Must not allocate. */
  rhs(t_s: number, y: Float64Array, control: CellControl, out: Float64Array): void;
  /** Optional structured solver for `M - gamma df/dy` under the given control. */
  createIterationMatrixSolver?(control: CellControl): IterationMatrixSolver;
  /** Terminal voltage (V) at state y. */
  voltage_V(t_s: number, y: Float64Array): number;
  /** Extra scalar series (besides time, voltage, current, capacity). */
  readonly scalarOutputs: readonly ScalarOutput[];
  /** Spatially resolved outputs, evaluated only when the caller asks for them. */
  readonly profileOutputs: readonly ProfileOutput[];
  readonly limitEvents?: ModelLimitEvents;
  /**
   * Optional model-specific consistent initialisation: solves the algebraic unknowns of `y` in place
   * under `control` (differential unknowns fixed); false if it did not converge. The driver calls it at
   * every step start before the integrator's own initialisation.
   */
  makeAlgebraicConsistent?(control: CellControl, t_s: number, y: Float64Array): boolean;
}

/**
 * Residual of the operating-mode equation that fills the current row of every model:
 * I − I_set(t), V − V_set or I·V − P_set (all zero when the control is met).
 */
export function controlResidual(
  control: CellControl,
  t_s: number,
  current_A: number,
  voltage_V: number,
): number {
  switch (control.mode) {
    case "current":
      return current_A - control.value(t_s);
    case "voltage":
      return voltage_V - control.value(t_s);
    case "power":
      return current_A * voltage_V - control.value(t_s);
  }
}
