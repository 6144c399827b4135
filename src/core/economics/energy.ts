/**
 * Manufacturing energy per kWh of cell capacity (README §1.4). Bottom-up physics for the big consumers —
 * convective electrode drying with solvent recovery (air/solvent ratio from the lower explosive limit or
 * the outlet humidity, air heating with recuperation, latent and sensible heat, condenser chilling),
 * the dry room (make-up air dehumidification by desiccant regeneration, recirculation fans, cooling) and
 * formation/ageing (cycler conversion losses with or without energy-recovering cyclers, ageing-room
 * HVAC) — and specific factors for the other steps (Degen & Schütte 2022 as reconstructed in README §1.4).
 * @see Ahmed et al., J. Power Sources 322 (2016) 169, doi 10.1016/j.jpowsour.2016.04.102
 * @see Degen et al., Nature Energy 8 (2023) 1284, doi 10.1038/s41560-023-01355-z
 */
import { inactiveMaterials } from "../materials/inactive-materials.js";
import type { CostResult } from "./cost-types.js";
import type { DesignResult } from "./design-types.js";
import { requireRange } from "./errors.js";

/** Energy-model options (defaults in `defaultEnergyOptions`). */
export interface EnergyOptions {
  readonly ambient_K: number;
  readonly dryerAir_K: number;
  /** Solvent vapour kept at this fraction of its lower explosive limit (NMP LEL 1.3 vol%). */
  readonly lelFraction: number;
  /** Outlet humidity for water drying (kg water per kg dry air). */
  readonly waterOutletHumidity_kg_per_kg: number;
  /** Share of exhaust-air heat recovered into the inlet (recuperator effectiveness). */
  readonly dryerHeatRecovery: number;
  /** Fraction of burner/heater heat that reaches the air and web (oven losses). */
  readonly dryerThermalEfficiency: number;
  /** Condenser outlet temperature and chiller COP of NMP recovery. */
  readonly condenser_K: number;
  readonly chillerCop: number;
  readonly fanPressure_Pa: number;
  readonly fanEfficiency: number;
  /** Dry room: ceiling height, make-up and recirculation air changes per hour, humidity removed. */
  readonly dryRoomHeight_m: number;
  readonly dryRoomMakeupAch_per_h: number;
  readonly dryRoomRecirculationAch_per_h: number;
  readonly makeupHumidityRemoved_kg_per_kg: number;
  /** Desiccant regeneration heat per kg of water removed. */
  readonly desiccantRegeneration_J_per_kg: number;
  /** Formation: full cycles, cell round-trip efficiency, cycler conversion efficiency, energy recovered on discharge. */
  readonly formationCycles: number;
  readonly cellRoundTripEfficiency: number;
  readonly cyclerEfficiency: number;
  readonly cyclerRecovery: number;
  /** HVAC load of formation/ageing floor area. */
  readonly ageingHvac_W_per_m2: number;
  readonly operatingHours_per_yr: number;
}

export const defaultEnergyOptions: EnergyOptions = {
  ambient_K: 298.15,
  dryerAir_K: 403.15,
  lelFraction: 0.1,
  waterOutletHumidity_kg_per_kg: 0.05,
  dryerHeatRecovery: 0.5,
  dryerThermalEfficiency: 0.5,
  condenser_K: 283.15,
  chillerCop: 3,
  fanPressure_Pa: 2000,
  fanEfficiency: 0.6,
  dryRoomHeight_m: 4,
  dryRoomMakeupAch_per_h: 8,
  dryRoomRecirculationAch_per_h: 40,
  makeupHumidityRemoved_kg_per_kg: 0.0099,
  desiccantRegeneration_J_per_kg: 4.5e6,
  formationCycles: 3,
  cellRoundTripEfficiency: 0.95,
  cyclerEfficiency: 0.9,
  cyclerRecovery: 0,
  ageingHvac_W_per_m2: 150,
  operatingHours_per_yr: 8760,
};

const airHeatCapacity_J_per_kg_K = 1006;
const airDensity_kg_per_m3 = 1.2;
const airMolarMass_g_per_mol = 28.97;
const nmpMolarMass_g_per_mol = 99.13;
const nmpLowerExplosiveLimit = 0.013;
const J_per_kWh = 3.6e6;

export interface EnergyStep {
  readonly step: string;
  readonly electricity_kWh_per_kWh: number;
  readonly heat_kWh_per_kWh: number;
}

export interface EnergyResult {
  /** Total plant energy per kWh of cell capacity produced (kWh_prod / kWh_cell). */
  readonly total_kWh_per_kWh: number;
  readonly electricity_kWh_per_kWh: number;
  readonly heat_kWh_per_kWh: number;
  readonly steps: readonly EnergyStep[];
  /** Drying + recovery energy per kg of solvent evaporated, by electrode. */
  readonly dryingSpecificEnergy_kWh_per_kg: { readonly positive: number; readonly negative: number };
}

/** Heat and electricity to evaporate 1 kg of solvent in a convective dryer (+ recovery for NMP). */
export function dryingEnergyPerKgSolvent(
  solvent: "NMP" | "water",
  options: EnergyOptions = defaultEnergyOptions,
): { heat_J_per_kg: number; electricity_J_per_kg: number; airToSolvent_kg_per_kg: number } {
  const s = inactiveMaterials[solvent]!;
  const o = options;
  const dT = o.dryerAir_K - o.ambient_K;
  let airToSolvent: number;
  if (solvent === "NMP") {
    const y = o.lelFraction * nmpLowerExplosiveLimit; // vapour mole fraction in the exhaust
    airToSolvent = ((1 - y) / y) * (airMolarMass_g_per_mol / nmpMolarMass_g_per_mol);
  } else {
    airToSolvent = 1 / o.waterOutletHumidity_kg_per_kg;
  }
  const airHeat = airToSolvent * airHeatCapacity_J_per_kg_K * dT * (1 - o.dryerHeatRecovery);
  const solventHeat =
    s.latentHeat_J_per_kg! + s.heatCapacity_J_per_kg_K! * (s.boilingPoint_K! - o.ambient_K) * 0.5;
  const heat = (airHeat + solventHeat) / o.dryerThermalEfficiency;
  const fan = ((airToSolvent / airDensity_kg_per_m3) * o.fanPressure_Pa) / o.fanEfficiency;
  // NMP recovery: chill the exhaust (after the recuperator) to the condenser temperature and condense.
  const exhaust_K = o.ambient_K + dT * (1 - o.dryerHeatRecovery);
  const chill =
    solvent === "NMP"
      ? (airToSolvent * airHeatCapacity_J_per_kg_K * Math.max(0, exhaust_K - o.condenser_K) +
          s.latentHeat_J_per_kg!) /
        o.chillerCop
      : 0;
  return { heat_J_per_kg: heat, electricity_J_per_kg: fan + chill, airToSolvent_kg_per_kg: airToSolvent };
}

/** Plant energy per kWh of cell capacity for a design and its cost-engine plant (areas, rates). */
export function estimateManufacturingEnergy(
  design: DesignResult,
  cost: CostResult,
  options: Partial<EnergyOptions> = {},
): EnergyResult {
  const o: EnergyOptions = { ...defaultEnergyOptions, ...options };
  for (const [k, v] of Object.entries(o)) requireRange(`energy.${k}`, v, "", 0, 1e12);
  for (const k of ["lelFraction", "dryerHeatRecovery", "cyclerRecovery"] as const)
    requireRange(`energy.${k}`, o[k], "", 0, 1);
  for (const k of [
    "dryerThermalEfficiency",
    "cyclerEfficiency",
    "cellRoundTripEfficiency",
    "chillerCop",
    "fanEfficiency",
  ] as const) {
    requireRange(`energy.${k}`, o[k], "", 1e-3, 10);
  }
  const r = cost.rates;
  const cellEnergy_kWh_per_yr = (r.acceptedCells_per_yr * design.cell.energy_Wh) / 1000;
  const perKWh = (J_per_yr: number) => J_per_yr / J_per_kWh / cellEnergy_kWh_per_yr;
  const chem = design.chemistry;
  const steps: EnergyStep[] = [];
  const dryingSpecific = { positive: 0, negative: 0 };
  for (const [side, solvent, kg] of [
    ["positive", chem.positive.solvent, r.positiveSolventEvaporated_kg_per_yr],
    ["negative", chem.negative.solvent, r.negativeSolventEvaporated_kg_per_yr],
  ] as const) {
    if (solvent === "dry" || kg === 0) {
      steps.push({ step: `${side}Drying`, electricity_kWh_per_kWh: 0, heat_kWh_per_kWh: 0 });
      continue;
    }
    const e = dryingEnergyPerKgSolvent(solvent, o);
    dryingSpecific[side] = (e.heat_J_per_kg + e.electricity_J_per_kg) / J_per_kWh;
    steps.push({
      step: `${side}Drying`,
      electricity_kWh_per_kWh: perKWh(kg * e.electricity_J_per_kg),
      heat_kWh_per_kWh: perKWh(kg * e.heat_J_per_kg),
    });
  }
  // Dry room: make-up air dehumidified by desiccant (regeneration heat), recirculation fans, cooling.
  const dryArea_m2 = cost.plant.steps.find((s) => s.step === "dryRoom")?.area_m2 ?? 0;
  const volume_m3 = dryArea_m2 * o.dryRoomHeight_m;
  const makeup_kg_per_s = (volume_m3 * o.dryRoomMakeupAch_per_h * airDensity_kg_per_m3) / 3600;
  const recirculation_m3_per_s = (volume_m3 * o.dryRoomRecirculationAch_per_h) / 3600;
  const regenHeat_W = makeup_kg_per_s * o.makeupHumidityRemoved_kg_per_kg * o.desiccantRegeneration_J_per_kg;
  const dryRoomFans_W = (recirculation_m3_per_s * 1000) / o.fanEfficiency;
  const dryRoomCooling_W = (makeup_kg_per_s * airHeatCapacity_J_per_kg_K * 25) / o.chillerCop;
  const seconds = o.operatingHours_per_yr * 3600;
  steps.push({
    step: "dryRoom",
    electricity_kWh_per_kWh: perKWh((dryRoomFans_W + dryRoomCooling_W) * seconds),
    heat_kWh_per_kWh: perKWh(regenHeat_W * seconds),
  });
  // Formation: each cycle charges E/(η_c) from the grid; discharge returns r·η_rt·η_c·E.
  const formationLoss =
    o.formationCycles *
    (1 / o.cyclerEfficiency - o.cyclerRecovery * o.cellRoundTripEfficiency * o.cyclerEfficiency);
  const ageingArea_m2 = cost.plant.steps.find((s) => s.step === "formation")?.area_m2 ?? 0;
  steps.push({
    step: "formationAndAgeing",
    electricity_kWh_per_kWh: formationLoss + perKWh(ageingArea_m2 * o.ageingHvac_W_per_m2 * seconds),
    heat_kWh_per_kWh: 0,
  });
  // Other steps: specific factors (kWh/kWh_cell, mean of the README §1.4 low–high ranges).
  const other: [string, number, number][] = [
    ["mixing", 0.145, 0],
    ["coatingDrives", 0.9, 0],
    ["calendering", 0.57, 0],
    ["slitting", 0.165, 0],
    ["vacuumDrying", 0.06, 1.7],
    ["stackingOrWinding", 0.21, 0],
    ["cellAssembly", 3.35, 0],
  ];
  for (const [step, el, heat] of other)
    steps.push({ step, electricity_kWh_per_kWh: el, heat_kWh_per_kWh: heat });
  // Module and pack assembly: 0.115 kWh per kg of pack (Sun et al. 2020, via README §1.4).
  steps.push({
    step: "moduleAndPack",
    electricity_kWh_per_kWh: (0.115 * design.pack.mass_kg) / design.pack.energy_kWh,
    heat_kWh_per_kWh: 0,
  });
  let electricity = 0;
  let heat = 0;
  for (const s of steps) {
    electricity += s.electricity_kWh_per_kWh;
    heat += s.heat_kWh_per_kWh;
  }
  return {
    total_kWh_per_kWh: electricity + heat,
    electricity_kWh_per_kWh: electricity,
    heat_kWh_per_kWh: heat,
    steps,
    dryingSpecificEnergy_kWh_per_kg: dryingSpecific,
  };
}
