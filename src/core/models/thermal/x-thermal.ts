/**
 * x-resolved (1-D through-thickness) thermal model on the electrochemical model's x cells:
 *   ρc_p ∂T/∂t = ∂/∂x(λ ∂T/∂x) + q − cooling,
 * one temperature per x finite volume (negative electrode, separator, positive electrode). The two current
 * collectors are thin lumped layers merged into the end cells (their heat capacity and thickness are added
 * to the first and last cell; their conduction resistance is neglected). Conductances between cells are
 * the series resistance of the two half cells; the outer faces are adiabatic. Heat generation and cooling
 * are scaled exactly as in the lumped model (src/core/models/thermal/lumped-thermal.ts): heat per unit
 * electrode area A is spread over the effective area A_eff = V_cell / L_total, and h·A_cool·(T − T_amb) is
 * distributed over the cells in proportion to their thickness, so that with λ → ∞ the capacity-weighted
 * mean temperature obeys the lumped equation. Details: docs/models/thermal.md.
 */
import type { ModelParameters } from "../dfn/model-parameters.js";
import { lumpedThermalProperties } from "./lumped-thermal.js";

export interface XThermalCells {
  readonly count: number;
  /** ρc_p·Δx of every cell incl. merged current collectors (J/(m²·K), per effective area). */
  readonly heatCapacity_J_per_m2_K: Float64Array;
  /** Share of h·A_cool/A_eff of every cell (W/(m²·K)). */
  readonly coolingCoefficient_W_per_m2_K: Float64Array;
  /** Conductance between cells i and i + 1 (W/(m²·K)). */
  readonly edgeConductance_W_per_m2_K: Float64Array;
  /** A_eff = V_cell / L_total (m²). */
  readonly effectiveArea_m2: number;
  /** Capacity-weighted mean temperature (K) of the cell temperatures stored at y[offset …]. */
  meanTemperature(y: Float64Array, offset: number): number;
  /** Writes dT/dt (K/s) of every cell; `cellHeat_W_per_m2` is heat per unit electrode area in each cell. */
  temperatureRhs(
    y: Float64Array,
    offset: number,
    cellHeat_W_per_m2: Float64Array,
    ambient_K: number,
    out: Float64Array,
    outOffset: number,
  ): void;
  /** Factors I − γ·∂(dT/dt)/∂T (tridiagonal; heat sources treated as explicit). */
  factor(gamma: number): void;
  /** Solves the factored system in place on b[offset … offset + count). */
  solve(b: Float64Array, offset: number): void;
}

export function createXThermalCells(
  parameters: ModelParameters,
  width_m: Float64Array,
  negativeCells: number,
  separatorCells: number,
): XThermalCells {
  const N = width_m.length;
  const c = parameters.thermal.components;
  const lumped = lumpedThermalProperties(parameters);
  const effectiveArea_m2 = lumped.cellVolume_m3 / lumped.totalThickness_m;
  const generationScale = parameters.cell.electrodeArea_m2 / effectiveArea_m2;
  const coolingPerThickness =
    (lumped.heatTransferCoefficient_W_per_m2_K * lumped.coolingArea_m2) /
    effectiveArea_m2 /
    lumped.totalThickness_m;
  const capacity = new Float64Array(N);
  const cooling = new Float64Array(N);
  const conductivity = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const part =
      i < negativeCells
        ? c.negativeElectrode
        : i < negativeCells + separatorCells
          ? c.separator
          : c.positiveElectrode;
    let thickness = width_m[i]!;
    let C = thickness * part.density_kg_per_m3 * part.specificHeatCapacity_J_per_kg_K;
    for (const [cc, at] of [
      [c.negativeCurrentCollector, 0],
      [c.positiveCurrentCollector, N - 1],
    ] as const) {
      if (i !== at) continue;
      thickness += cc.thickness_m;
      C += cc.thickness_m * cc.density_kg_per_m3 * cc.specificHeatCapacity_J_per_kg_K;
    }
    capacity[i] = C;
    cooling[i] = coolingPerThickness * thickness;
    conductivity[i] = part.thermalConductivity_W_per_m_K;
  }
  const conductance = new Float64Array(Math.max(N - 1, 0));
  for (let i = 0; i < N - 1; i++) {
    conductance[i] =
      1 / (width_m[i]! / (2 * conductivity[i]!) + width_m[i + 1]! / (2 * conductivity[i + 1]!));
  }
  let totalCapacity = 0;
  for (let i = 0; i < N; i++) totalCapacity += capacity[i]!;
  // Thomas factors of I − γ J
  const sub = new Float64Array(N);
  const invDen = new Float64Array(N);
  const cPrime = new Float64Array(N);

  return {
    count: N,
    heatCapacity_J_per_m2_K: capacity,
    coolingCoefficient_W_per_m2_K: cooling,
    edgeConductance_W_per_m2_K: conductance,
    effectiveArea_m2,
    meanTemperature(y, offset) {
      let s = 0;
      for (let i = 0; i < N; i++) s += capacity[i]! * y[offset + i]!;
      return s / totalCapacity;
    },
    temperatureRhs(y, offset, cellHeat, ambient_K, out, outOffset) {
      let fluxLeft = 0; // heat flowing into cell i from the left (W/m²)
      for (let i = 0; i < N; i++) {
        const Ti = y[offset + i]!;
        const fluxRight = i === N - 1 ? 0 : conductance[i]! * (y[offset + i + 1]! - Ti);
        out[outOffset + i] =
          (fluxLeft + fluxRight + generationScale * cellHeat[i]! - cooling[i]! * (Ti - ambient_K)) /
          capacity[i]!;
        fluxLeft = -fluxRight;
      }
    },
    factor(gamma) {
      let cPrev = 0;
      for (let i = 0; i < N; i++) {
        const gL = i === 0 ? 0 : conductance[i - 1]!;
        const gR = i === N - 1 ? 0 : conductance[i]!;
        const inv = gamma / capacity[i]!;
        const a = -inv * gL;
        const b = 1 + inv * (gL + gR + cooling[i]!);
        const cc = -inv * gR;
        const den = 1 / (b - a * cPrev);
        sub[i] = a;
        invDen[i] = den;
        cPrev = cc * den;
        cPrime[i] = cPrev;
      }
    },
    solve(b, offset) {
      let dPrev = 0;
      for (let i = 0; i < N; i++) {
        const d = (b[offset + i]! - sub[i]! * dPrev) * invDen[i]!;
        b[offset + i] = d;
        dPrev = d;
      }
      for (let i = N - 2; i >= 0; i--) b[offset + i]! -= cPrime[i]! * b[offset + i + 1]!;
    },
  };
}
