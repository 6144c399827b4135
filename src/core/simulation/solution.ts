/**
 * The result of a simulation as plain data (`kind: "cellforge.solution"`): time series with units in their
 * names, one summary per executed experiment step, and the reason the run ended.
 */

/** Summary of one executed experiment step. */
export interface StepSummary {
  /** Position of the step in the expanded experiment (0-based). */
  readonly index: number;
  /** Canonical text of the step, e.g. "Discharge at 1C until 2.5 V". */
  readonly description: string;
  readonly startTime_s: number;
  readonly endTime_s: number;
  /** Why the step ended, e.g. "voltage reached 2.5 V" or "duration elapsed". */
  readonly terminationReason: string;
}

/** A spatial profile sampled at every output time. */
export interface ProfileSeries {
  readonly name: string;
  readonly grid_m: number[];
  /** values[k][i]: at output time k, grid point i. */
  readonly values: number[][];
}

/** Integrator work counters summed over the run. */
export interface SolverStatistics {
  steps: number;
  rejectedSteps: number;
  rhsEvaluations: number;
  jacobianEvaluations: number;
  factorizations: number;
}

/** A complete (or partial, when a step could not continue) simulation result. */
export interface Solution {
  readonly kind: "cellforge.solution";
  readonly schemaVersion: 1;
  readonly model: string;
  readonly parameterSet: string;
  /** True when every step of the experiment ran to its own end. */
  readonly isComplete: boolean;
  readonly terminationReason: string;
  readonly finalTime_s: number;
  /** Net charge delivered since the start (Ah, discharge positive). */
  readonly dischargeCapacity_Ah: number;
  /** Required series (time_s, voltage_V, current_A, dischargeCapacity_Ah) plus the model's scalar outputs. */
  readonly series: Readonly<Record<string, number[]>> & {
    readonly time_s: number[];
    readonly voltage_V: number[];
    readonly current_A: number[];
    readonly dischargeCapacity_Ah: number[];
  };
  readonly steps: readonly StepSummary[];
  readonly profiles?: readonly ProfileSeries[];
  readonly statistics: SolverStatistics;
}
