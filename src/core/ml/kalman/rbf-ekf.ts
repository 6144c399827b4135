/**
 * The review's RBF-NN + EKF SOC estimator: a radial-basis-function network (eq. 6) learns the
 * open-circuit voltage curve OCV(SOC) from measured (SOC, voltage) pairs, and an extended Kalman filter
 * runs over the 1-RC equivalent circuit whose OCV is that network (its slope by central differences).
 * The data-driven part replaces the hand-built OCV table; the circuit supplies the dynamics.
 */
import type { Matrix } from "../estimator.js";
import { RbfNetworkRegressor } from "../neural/rbf-network.js";
import type { OcvFunction } from "./equivalent-circuit.js";

/** Fits an RBF network to (soc, voltage_V) samples and wraps it as an `OcvFunction`. */
export function fitRbfOcv(
  soc: readonly number[],
  voltage_V: readonly number[],
  options: { hiddenUnits?: number; widthScale?: number; seed?: number } = {},
): { ocv: OcvFunction; network: RbfNetworkRegressor } {
  if (soc.length !== voltage_V.length || soc.length < 3) {
    throw new RangeError(
      `fitRbfOcv needs ≥ 3 (soc, voltage_V) pairs of equal length, got ${soc.length}/${voltage_V.length}`,
    );
  }
  const X: Matrix = { rows: soc.length, cols: 1, data: Float64Array.from(soc) };
  const network = new RbfNetworkRegressor({
    hiddenUnits: options.hiddenUnits ?? 15,
    widthScale: options.widthScale ?? 1,
  }).fit(X, Float64Array.from(voltage_V), {
    seed: options.seed ?? 0,
  });
  const point = { rows: 1, cols: 1, data: new Float64Array(1) };
  const evaluate = (s: number): number => {
    point.data[0] = s;
    return network.predict(point)[0]!;
  };
  const h = 1e-5;
  return {
    network,
    ocv: { voltage_V: evaluate, slope_V: (s) => (evaluate(s + h) - evaluate(s - h)) / (2 * h) },
  };
}
