/**
 * Lumped (cell-averaged) thermal properties: the energy balance
 *   ρc_p,eff dT/dt = Q̄ − h·A_cool/V_cell·(T − T_amb),
 * where Q̄ is the heat generated in the electrode stack (W) divided by the cell volume V_cell (as PyBaMM's
 * lumped model does) and ρc_p,eff the thickness-weighted heat capacity of the five layers.
 * @see Timms et al., J. Electrochem. Soc. 168 (2021) 070524
 */
import type { ModelParameters } from "../dfn/model-parameters.js";

export interface LumpedThermalProperties {
  /** Current collectors + electrodes + separator (m). */
  readonly totalThickness_m: number;
  /** Thickness-weighted ρ·c_p (J/(m³·K)). */
  readonly volumetricHeatCapacity_J_per_m3_K: number;
  readonly heatTransferCoefficient_W_per_m2_K: number;
  readonly coolingArea_m2: number;
  readonly cellVolume_m3: number;
}

export function lumpedThermalProperties(parameters: ModelParameters): LumpedThermalProperties {
  const c = parameters.thermal.components;
  let thickness = 0;
  let capacity = 0;
  for (const key of [
    "negativeCurrentCollector",
    "negativeElectrode",
    "separator",
    "positiveElectrode",
    "positiveCurrentCollector",
  ] as const) {
    const part = c[key];
    thickness += part.thickness_m;
    capacity += part.thickness_m * part.density_kg_per_m3 * part.specificHeatCapacity_J_per_kg_K;
  }
  return {
    totalThickness_m: thickness,
    volumetricHeatCapacity_J_per_m3_K: capacity / thickness,
    heatTransferCoefficient_W_per_m2_K: parameters.thermal.heatTransferCoefficient_W_per_m2_K,
    coolingArea_m2: parameters.thermal.coolingSurfaceArea_m2,
    cellVolume_m3: parameters.thermal.cellVolume_m3,
  };
}
