/** Input and result types of the cost engine (US$ of the price set's year; names carry units). */
import type { ProcessArea, ProcessStep } from "./process-table.js";

/** Effective yields (BatPaC 5.0 defaults in `defaultYields`). */
export interface Yields {
  readonly cell: number;
  readonly electrodeMaterial: number;
  readonly foil: number;
  readonly separator: number;
  readonly electrolyte: number;
  readonly solventRecovery: number;
}

export const defaultYields: Yields = {
  cell: 0.95,
  electrodeMaterial: 0.922,
  foil: 0.865,
  separator: 0.98,
  electrolyte: 0.99,
  solventRecovery: 0.995,
};

/** Overhead and factor rates (BatPaC 5.0 defaults in `defaultOverheadRates`). */
export interface OverheadRates {
  readonly laborRate_USD_per_h: number;
  readonly building_USD_per_m2: number;
  readonly capitalDepreciation_per_yr: number;
  readonly buildingDepreciation_per_yr: number;
  readonly variableOverheadOnLabor: number;
  readonly variableOverheadOnDepreciation: number;
  readonly gsaOnLaborAndVariableOverhead: number;
  readonly gsaOnDepreciation: number;
  readonly researchOnDepreciation: number;
  readonly profitOnInvestment_per_yr: number;
  readonly warranty: number;
  readonly launchOnMaterials: number;
  readonly launchOnLaborAndVariableOverhead: number;
  readonly workingCapitalOnVariableCost: number;
  /** Exponent p of purchased-item plus-costs: scale (baseline count / count)^(1 − p). */
  readonly purchasedItemExponent: number;
}

export const defaultOverheadRates: OverheadRates = {
  laborRate_USD_per_h: 25,
  building_USD_per_m2: 3000,
  capitalDepreciation_per_yr: 0.1,
  buildingDepreciation_per_yr: 0.05,
  variableOverheadOnLabor: 0.4,
  variableOverheadOnDepreciation: 0.2,
  gsaOnLaborAndVariableOverhead: 0.25,
  gsaOnDepreciation: 0.25,
  researchOnDepreciation: 0.4,
  profitOnInvestment_per_yr: 0.05,
  warranty: 0.056,
  launchOnMaterials: 0.05,
  launchOnLaborAndVariableOverhead: 0.1,
  workingCapitalOnVariableCost: 0.15,
  purchasedItemExponent: 0.85,
};

/** Plant and price options; everything overridable. */
export interface PlantOptions {
  readonly packsPerYear: number;
  readonly operatingDays_per_yr?: number;
  readonly yields?: Partial<Yields>;
  readonly rates?: Partial<OverheadRates>;
  /** Price overrides by material id ($/kg; foils/separator in $/m² and electrolytes in $/L use `areaPrices`/`volumePrices`). */
  readonly prices_USD_per_kg?: Readonly<Record<string, number>>;
  readonly areaPrices_USD_per_m2?: Readonly<Record<string, number>>;
  readonly volumePrices_USD_per_L?: Readonly<Record<string, number>>;
  readonly processSteps?: readonly ProcessStep[];
  readonly stepOverrides?: Readonly<Record<string, Partial<Omit<ProcessStep, "id">>>>;
  /** Solvent mass per binder mass: BatPaC 16 (NMP), 40 (water). */
  readonly solventToBinder?: Readonly<{ NMP: number; water: number }>;
}

/** Cost categories at pack level (US$ per kWh of pack energy). */
export interface CostByCategory {
  readonly materials: number;
  readonly purchasedItems: number;
  readonly bms: number;
  readonly directLabor: number;
  readonly variableOverhead: number;
  readonly gsa: number;
  readonly rnd: number;
  readonly depreciation: number;
  readonly profit: number;
  readonly warranty: number;
}

export interface StepResult {
  readonly step: string;
  readonly area: ProcessArea;
  readonly driverRatio: number;
  readonly labor_h_per_yr: number;
  readonly capex_USD: number;
  readonly area_m2: number;
}

/** Annual processing rates of the plant. */
export interface ProcessingRates {
  readonly packs_per_yr: number;
  readonly energy_kWh_per_yr: number;
  readonly modules_per_yr: number;
  readonly acceptedCells_per_yr: number;
  readonly cells_per_yr: number;
  readonly positiveArea_m2_per_yr: number;
  readonly negativeArea_m2_per_yr: number;
  readonly positiveActive_kg_per_yr: number;
  readonly negativeActive_kg_per_yr: number;
  readonly positiveSolventEvaporated_kg_per_yr: number;
  readonly negativeSolventEvaporated_kg_per_yr: number;
  readonly nmpEvaporated_kg_per_yr: number;
}

export interface CostResult {
  readonly packCost_USD_per_kWh: number;
  readonly moduleCost_USD_per_kWh: number;
  readonly cellCost_USD_per_kWh: number;
  readonly packCost_USD_per_pack: number;
  readonly byCategory_USD_per_kWh: CostByCategory;
  readonly byMaterial_USD_per_kWh: Readonly<Record<string, number>>;
  readonly purchasedItems_USD_per_kWh: Readonly<{ cell: number; module: number; pack: number }>;
  readonly byProcessWithOverhead_USD_per_kWh: Readonly<Record<ProcessArea, number>>;
  readonly plant: {
    readonly energy_GWh_per_yr: number;
    readonly capex_USD: number;
    readonly buildingArea_m2: number;
    readonly directLabor_h_per_yr: number;
    readonly investment_USD: number;
    readonly steps: readonly StepResult[];
  };
  readonly rates: ProcessingRates;
  /** Relative uncertainty band quoted by BatPaC (±15 %). */
  readonly uncertaintyBand: number;
}
