/**
 * BatPaC 5.0 process-step table (README §1.2(d)): baseline labour, capital equipment and floor area of
 * each manufacturing step at the baseline plant (500 000 packs/yr of 100 kWh, 320 days, 3 shifts), the
 * driver ("pertinent volume") each scales with, and the power-law exponents. Data, overridable per step.
 * @see Knehr et al., BatPaC 5.0 manual, ANL-22/3 (2022), §6; Nelson et al., ANL/CSE-19/2 (2019)
 */

/** Annual quantity a step's size scales with. */
export type ProcessDriver =
  | "positiveActive_kg"
  | "negativeActive_kg"
  | "positiveArea_m2"
  | "negativeArea_m2"
  | "electrodeArea_m2"
  | "cells"
  | "rejectedCells"
  | "modules"
  | "packs"
  | "energy_kWh"
  | "nmp_kg"
  | "dryRoom";

/** Process area used in breakdowns. */
export type ProcessArea =
  | "electrode"
  | "cellAssembly"
  | "formation"
  | "module"
  | "pack"
  | "warehouse"
  | "buildingAndSupport";

export interface ProcessStep {
  readonly id: string;
  readonly area: ProcessArea;
  readonly driver: ProcessDriver;
  readonly baselineLabor_h_per_yr: number;
  readonly laborExponent: number;
  readonly baselineCapex_USD: number;
  readonly capexExponent: number;
  readonly baselineArea_m2: number;
  readonly areaExponent: number;
}

/** Baseline annual driver values of the BatPaC 5.0 baseline plant. */
export const baselineDrivers: Readonly<Record<ProcessDriver, number>> = {
  positiveActive_kg: 72.5e6,
  negativeActive_kg: 49.1e6,
  positiveArea_m2: 303e6,
  negativeArea_m2: 315e6,
  electrodeArea_m2: 618e6,
  cells: 211e6,
  rejectedCells: 211e6 * 0.05,
  modules: 10e6,
  packs: 0.5e6,
  energy_kWh: 50e6,
  nmp_kg: 24.2e6,
  dryRoom: 1,
};

/** Baseline solvent evaporated per m² of coated electrode (coating capex × (s/s_base)^0.2). */
export const baselineSolventPerArea_kg_per_m2 = { positive: 0.1195, negative: 0.0793 } as const;

const M = 1e6;
function step(
  id: string,
  area: ProcessArea,
  driver: ProcessDriver,
  labor: number,
  pL: number,
  capex_MUSD: number,
  pK: number,
  floor: number,
  pA: number,
): ProcessStep {
  return {
    id,
    area,
    driver,
    baselineLabor_h_per_yr: labor,
    laborExponent: pL,
    baselineCapex_USD: capex_MUSD * M,
    capexExponent: pK,
    baselineArea_m2: floor,
    areaExponent: pA,
  };
}

/** The BatPaC 5.0 step table ("batpac-5.0" process library). */
export const batpac5ProcessSteps: readonly ProcessStep[] = [
  step("positiveMixing", "electrode", "positiveActive_kg", 200_000, 0.9, 200, 0.9, 8000, 0.95),
  step("negativeMixing", "electrode", "negativeActive_kg", 270_000, 0.9, 280, 0.9, 8800, 0.95),
  step("positiveCoating", "electrode", "positiveArea_m2", 59_000, 0.7, 90, 0.9, 16_000, 0.95),
  step("negativeCoating", "electrode", "negativeArea_m2", 59_000, 0.7, 78, 0.9, 16_000, 0.95),
  step("positiveCalendering", "electrode", "positiveArea_m2", 61_000, 0.7, 25, 0.9, 2100, 0.95),
  step("negativeCalendering", "electrode", "negativeArea_m2", 69_000, 0.7, 25, 0.9, 2100, 0.95),
  step("positiveNotching", "electrode", "positiveArea_m2", 250_000, 0.7, 29, 0.9, 3200, 0.95),
  step("negativeNotching", "electrode", "negativeArea_m2", 250_000, 0.7, 29, 0.9, 3200, 0.95),
  step("positiveVacuumDrying", "electrode", "positiveArea_m2", 41_000, 0.7, 14, 0.9, 2000, 0.95),
  step("negativeVacuumDrying", "electrode", "negativeArea_m2", 35_000, 0.7, 11, 0.9, 1600, 0.95),
  // BatPaC 5.0 books electrode slitting under cell assembly (its capex-by-area split, 681 / 435 M$ at
  // 50 GWh, is reproduced only with slitting there).
  step("electrodeSlitting", "cellAssembly", "electrodeArea_m2", 260_000, 0.7, 30, 0.9, 0, 0.95),
  step("cellStacking", "cellAssembly", "cells", 700_000, 0.9, 170, 0.9, 0, 0.95),
  step("collectorWelding", "cellAssembly", "cells", 190_000, 0.9, 190, 0.9, 0, 0.95),
  step("xRayInspection", "cellAssembly", "cells", 190_000, 0.9, 14, 0.9, 0, 0.95),
  step("containerInsertion", "cellAssembly", "cells", 49_000, 0.9, 11, 0.9, 0, 0.95),
  step("electrolyteFilling", "cellAssembly", "cells", 132_000, 0.9, 25, 0.9, 0, 0.95),
  step("dryRoom", "cellAssembly", "dryRoom", 8000, 0, 7.3, 0.9, 61_000, 0.95),
  step("formation", "formation", "cells", 560_000, 0.7, 830, 0.95, 110_000, 0.95),
  step("moduleAssembly", "module", "modules", 170_000, 0.7, 94, 0.95, 27_000, 0.95),
  step("packAssembly", "pack", "packs", 150_000, 0.7, 94, 0.95, 27_000, 0.95),
  step("warehouse", "warehouse", "energy_kWh", 31_000, 0.5, 200, 0.95, 10_000, 0.95),
  step("buildingServices", "buildingAndSupport", "energy_kWh", 0, 0.5, 1700, 0.95, 0, 0.95),
  step("nmpRecovery", "buildingAndSupport", "nmp_kg", 17_000, 0.5, 36, 0.95, 1100, 0.95),
  step("scrapRecycle", "buildingAndSupport", "rejectedCells", 38_000, 0.7, 9.3, 0.9, 3300, 0.95),
  step("controlLaboratory", "buildingAndSupport", "energy_kWh", 46_000, 0.7, 16, 0.95, 1300, 0.95),
];
