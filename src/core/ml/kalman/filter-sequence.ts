/**
 * Runs a Kalman filter over a whole record: one input row and one measurement row per time step,
 * returning the state estimate and its variance (diagonal of P) after every step.
 */
import type { Matrix } from "../estimator.js";
import type { StateSpaceModel } from "./state-space.js";

/** The part of the EKF/UKF API a sequence run needs. */
export interface SequentialFilter {
  readonly model: StateSpaceModel;
  readonly state: Float64Array;
  readonly covariance: Float64Array;
  step(u: Float64Array, z: ArrayLike<number>): Float64Array;
}

export interface FilterSequenceResult {
  /** steps × stateSize estimates. */
  readonly states: Matrix;
  /** steps × stateSize variances (diagonal of P). */
  readonly variances: Matrix;
}

/** Filters `inputs` (steps × input size) and `measurements` (steps × measurementSize) row by row. */
export function filterSequence(
  filter: SequentialFilter,
  inputs: Matrix,
  measurements: Matrix,
): FilterSequenceResult {
  const n = filter.model.stateSize;
  const m = filter.model.measurementSize;
  if (inputs.rows !== measurements.rows) {
    throw new RangeError(`inputs have ${inputs.rows} rows but measurements have ${measurements.rows}`);
  }
  if (measurements.cols !== m) {
    throw new RangeError(`measurements must have ${m} columns (measurementSize), got ${measurements.cols}`);
  }
  const states = new Float64Array(inputs.rows * n);
  const variances = new Float64Array(inputs.rows * n);
  for (let k = 0; k < inputs.rows; k++) {
    const u = inputs.data.subarray(k * inputs.cols, (k + 1) * inputs.cols);
    const x = filter.step(u, measurements.data.subarray(k * m, (k + 1) * m));
    states.set(x, k * n);
    for (let i = 0; i < n; i++) variances[k * n + i] = filter.covariance[i * n + i]!;
  }
  return {
    states: { rows: inputs.rows, cols: n, data: states },
    variances: { rows: inputs.rows, cols: n, data: variances },
  };
}
