/**
 * Thevenin equivalent-circuit cell model with N RC pairs as a state-space model for SOC estimation.
 * State x = [SOC, v_1 … v_N] (RC voltages in V), input u = [current_A (positive = discharge),
 * timeStep_s], measurement z = terminal voltage in V:
 *   SOC_{k+1} = SOC_k − I Δt / (3600 Q)
 *   v_{i,k+1} = e^{−Δt/τ_i} v_{i,k} + R_i (1 − e^{−Δt/τ_i}) I,   τ_i = R_i C_i  (exact for constant I)
 *   V = OCV(SOC) − R_0 I − Σ v_i
 * OCV(SOC) is a table (linear interpolation, linear extrapolation beyond its ends) or any function
 * with a derivative, e.g. a fitted RBF network (`rbf-ekf.ts`).
 * @see https://doi.org/10.1016/j.jpowsour.2004.02.033 (Plett 2004)
 */
import type { StateSpaceModel } from "./state-space.js";

/** An open-circuit-voltage curve and its slope. */
export interface OcvFunction {
  voltage_V(soc: number): number;
  slope_V(soc: number): number;
}

/** OCV table: strictly increasing SOC (dimensionless 0…1) with voltages in V. */
export interface OcvTable {
  readonly soc: readonly number[];
  readonly voltage_V: readonly number[];
}

/** Piecewise-linear OCV from a table, checked for length, order and finiteness. */
export function ocvFromTable(table: OcvTable): OcvFunction {
  const { soc, voltage_V: v } = table;
  if (soc.length < 2 || soc.length !== v.length) {
    throw new RangeError(
      `OCV table needs ≥ 2 points and equal soc/voltage_V lengths, got ${soc.length}/${v.length}`,
    );
  }
  for (let i = 0; i < soc.length; i++) {
    if (!Number.isFinite(soc[i]) || !Number.isFinite(v[i]))
      throw new RangeError(`OCV table point ${i} is not finite`);
    if (i > 0 && !(soc[i]! > soc[i - 1]!))
      throw new RangeError(`OCV table soc must increase strictly (index ${i}: ${soc[i]})`);
  }
  const segment = (s: number): number => {
    let lo = 0;
    let hi = soc.length - 1;
    if (s <= soc[1]!) return 0;
    if (s >= soc[hi - 1]!) return hi - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (soc[mid]! <= s) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const slopeOf = (i: number) => (v[i + 1]! - v[i]!) / (soc[i + 1]! - soc[i]!);
  return {
    voltage_V: (s) => {
      const i = segment(s);
      return v[i]! + slopeOf(i) * (s - soc[i]!);
    },
    slope_V: (s) => slopeOf(segment(s)),
  };
}

export interface EquivalentCircuitParameters {
  /** Usable capacity in Ah. */
  readonly capacity_Ah: number;
  /** Series (ohmic) resistance R0 in Ω. */
  readonly seriesResistance_ohm: number;
  /** RC pairs: resistance in Ω and capacitance in F. */
  readonly rcPairs: readonly { readonly resistance_ohm: number; readonly capacitance_F: number }[];
  readonly ocv: OcvFunction;
}

/** The Thevenin ECM as a `StateSpaceModel` with analytic Jacobians. */
export class EquivalentCircuitModel implements StateSpaceModel {
  readonly stateSize: number;
  readonly measurementSize = 1;

  constructor(readonly parameters: EquivalentCircuitParameters) {
    const p = parameters;
    if (!(p.capacity_Ah > 0)) throw new RangeError(`capacity_Ah must be > 0 Ah, got ${p.capacity_Ah}`);
    if (!(p.seriesResistance_ohm >= 0)) {
      throw new RangeError(`seriesResistance_ohm must be ≥ 0 Ω, got ${p.seriesResistance_ohm}`);
    }
    p.rcPairs.forEach((rc, i) => {
      if (!(rc.resistance_ohm > 0))
        throw new RangeError(`rcPairs[${i}].resistance_ohm must be > 0 Ω, got ${rc.resistance_ohm}`);
      if (!(rc.capacitance_F > 0))
        throw new RangeError(`rcPairs[${i}].capacitance_F must be > 0 F, got ${rc.capacitance_F}`);
    });
    this.stateSize = 1 + p.rcPairs.length;
  }

  transition(x: Float64Array, u: Float64Array, out: Float64Array): void {
    const current_A = u[0];
    const dt_s = u[1];
    const p = this.parameters;
    out[0] = x[0] - (current_A * dt_s) / (3600 * p.capacity_Ah);
    for (let i = 0; i < p.rcPairs.length; i++) {
      const rc = p.rcPairs[i]!;
      const decay = Math.exp(-dt_s / (rc.resistance_ohm * rc.capacitance_F));
      out[1 + i] = decay * x[1 + i] + rc.resistance_ohm * (1 - decay) * current_A;
    }
  }

  measurement(x: Float64Array, u: Float64Array, out: Float64Array): void {
    let v = this.parameters.ocv.voltage_V(x[0]) - this.parameters.seriesResistance_ohm * u[0];
    for (let i = 1; i < this.stateSize; i++) v -= x[i];
    out[0] = v;
  }

  transitionJacobian(_x: Float64Array, u: Float64Array, out: Float64Array): void {
    const n = this.stateSize;
    out.fill(0);
    out[0] = 1;
    for (let i = 1; i < n; i++) {
      const rc = this.parameters.rcPairs[i - 1]!;
      out[i * n + i] = Math.exp(-u[1] / (rc.resistance_ohm * rc.capacitance_F));
    }
  }

  measurementJacobian(x: Float64Array, _u: Float64Array, out: Float64Array): void {
    out[0] = this.parameters.ocv.slope_V(x[0]);
    for (let i = 1; i < this.stateSize; i++) out[i] = -1;
  }
}
