/**
 * One call from a design request to the full techno-economic picture: design, cost, manufacturing
 * energy and GWP, with the stable summary keys used by the CLI and API.
 */

import { estimateCost } from "./cost.js";
import type { CostResult, PlantOptions } from "./cost-types.js";
import { designCell } from "./design.js";
import type { DesignInput, DesignResult } from "./design-types.js";
import { type EnergyOptions, type EnergyResult, estimateManufacturingEnergy } from "./energy.js";
import { estimateGwp, type GwpOptions, type GwpResult } from "./gwp.js";

/** Stable summary keys (CLI `--output json`). */
export interface EvaluationSummary {
  readonly packCost_USD_per_kWh: number;
  readonly moduleCost_USD_per_kWh: number;
  readonly cellCost_USD_per_kWh: number;
  readonly cellSpecificEnergy_Wh_per_kg: number;
  readonly cellEnergyDensity_Wh_per_L: number;
  readonly packSpecificEnergy_Wh_per_kg: number;
  readonly packEnergyDensity_Wh_per_L: number;
  readonly cellCapacity_Ah: number;
  readonly cellNominalVoltage_V: number;
  readonly cellMass_kg: number;
  readonly positiveElectrodeThickness_m: number;
  readonly negativeElectrodeThickness_m: number;
  readonly thicknessLimitedBy: string;
  readonly capex_USD: number;
  readonly investment_USD: number;
  readonly plantArea_m2: number;
  readonly directLabor_h_per_yr: number;
  readonly plantEnergy_GWh_per_yr: number;
  readonly manufacturingEnergy_kWh_per_kWh: number;
  readonly gwp_kgCO2e_per_kWh: number;
  readonly cellGwp_kgCO2e_per_kWh: number;
}

export interface EvaluationResult {
  readonly summary: EvaluationSummary;
  readonly design: DesignResult;
  readonly cost: CostResult;
  readonly energy: EnergyResult;
  readonly gwp: GwpResult;
}

export interface EvaluationOptions {
  readonly plant: PlantOptions;
  readonly energy?: Partial<EnergyOptions>;
  readonly gwp?: GwpOptions;
}

/** Design → cost → energy → GWP in one pure call (well under a millisecond; see bench/economics.bench.ts). */
export function evaluateDesign(input: DesignInput, options: EvaluationOptions): EvaluationResult {
  const design = designCell(input);
  const cost = estimateCost(design, options.plant);
  const energy = estimateManufacturingEnergy(design, cost, options.energy);
  const gwp = estimateGwp(design, cost, energy, options.gwp);
  const { cell, pack } = design;
  return {
    summary: {
      packCost_USD_per_kWh: cost.packCost_USD_per_kWh,
      moduleCost_USD_per_kWh: cost.moduleCost_USD_per_kWh,
      cellCost_USD_per_kWh: cost.cellCost_USD_per_kWh,
      cellSpecificEnergy_Wh_per_kg: cell.specificEnergy_Wh_per_kg,
      cellEnergyDensity_Wh_per_L: cell.energyDensity_Wh_per_L,
      packSpecificEnergy_Wh_per_kg: pack.specificEnergy_Wh_per_kg,
      packEnergyDensity_Wh_per_L: pack.energyDensity_Wh_per_L,
      cellCapacity_Ah: cell.capacity_Ah,
      cellNominalVoltage_V: cell.nominalVoltage_V,
      cellMass_kg: cell.mass_kg,
      positiveElectrodeThickness_m: cell.positiveThickness_m,
      negativeElectrodeThickness_m: cell.negativeThickness_m,
      thicknessLimitedBy: cell.thicknessLimitedBy,
      capex_USD: cost.plant.capex_USD,
      investment_USD: cost.plant.investment_USD,
      plantArea_m2: cost.plant.buildingArea_m2,
      directLabor_h_per_yr: cost.plant.directLabor_h_per_yr,
      plantEnergy_GWh_per_yr: cost.plant.energy_GWh_per_yr,
      manufacturingEnergy_kWh_per_kWh: energy.total_kWh_per_kWh,
      gwp_kgCO2e_per_kWh: gwp.pack_kgCO2e_per_kWh,
      cellGwp_kgCO2e_per_kWh: gwp.cell_kgCO2e_per_kWh,
    },
    design,
    cost,
    energy,
    gwp,
  };
}

/** Electrode-processing route of the positive electrode: NMP slurry (PVDF), water slurry (CMC/SBR) or dry film. */
export type ProcessingRoute = "NMP" | "water" | "dry";

/** The design request with its positive (and, for "dry", negative) electrode switched to `route`. */
export function withProcessingRoute(input: DesignInput, route: ProcessingRoute): DesignInput {
  const c = input.chemistry;
  const positive =
    route === "water"
      ? { ...c.positive, binderId: "CMC-SBR", solvent: "water" as const }
      : route === "NMP"
        ? { ...c.positive, binderId: "PVDF", solvent: "NMP" as const }
        : { ...c.positive, solvent: "dry" as const };
  const negative = route === "dry" ? { ...c.negative, solvent: "dry" as const } : c.negative;
  return { ...input, chemistry: { ...c, positive, negative } };
}

/** Scenario comparison NMP vs water vs dry processing: cost, energy and GWP summaries side by side. */
export function compareProcessingRoutes(
  input: DesignInput,
  options: EvaluationOptions,
): Record<ProcessingRoute, EvaluationSummary> {
  const out = {} as Record<ProcessingRoute, EvaluationSummary>;
  for (const route of ["NMP", "water", "dry"] as const) {
    out[route] = evaluateDesign(withProcessingRoute(input, route), options).summary;
  }
  return out;
}
