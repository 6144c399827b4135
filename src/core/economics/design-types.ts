/** Input and result types of the design engine (SI units; names carry units). */
import type { Chemistry } from "../materials/chemistries.js";

/** Cell format: stacked pouch (BatPaC), prismatic hard can (stacked), cylindrical jelly roll or coin cell. */
export type CellFormat =
  | { readonly kind: "pouch"; readonly thickness_m: number; readonly lengthToWidth: number }
  | {
      readonly kind: "prismatic-can";
      readonly thickness_m: number;
      readonly lengthToWidth: number;
      readonly wallThickness_m: number;
    }
  | { readonly kind: "cylindrical"; readonly diameter_m: number; readonly height_m: number }
  | { readonly kind: "coin"; readonly diameter_m: number; readonly height_m: number };

/** Named cylindrical and coin formats (can outer dimensions). */
export const standardFormats = {
  "18650": { kind: "cylindrical", diameter_m: 0.018, height_m: 0.065 },
  "21700": { kind: "cylindrical", diameter_m: 0.021, height_m: 0.07 },
  "4680": { kind: "cylindrical", diameter_m: 0.046, height_m: 0.08 },
  CR2032: { kind: "coin", diameter_m: 0.02, height_m: 0.0032 },
} as const satisfies Record<string, CellFormat>;

/** Pack-level targets and architecture (BatPaC 5.0 defaults in `defaultPackTargets`). */
export interface PackTargets {
  readonly energy_kWh: number;
  readonly power_kW: number;
  readonly pulseDuration_s: number;
  readonly cellsPerModule: number;
  readonly cellsInParallel: number;
  readonly modulesPerRow: number;
  readonly rows: number;
  readonly modulesInParallel: number;
  /** Target time to charge 0→80 % of capacity. */
  readonly fastChargeTime_min: number;
}

/** BatPaC 5.0 default pack: 100 kWh, 300 kW, 10 s, 20 cells/module (2P), 5 × 4 modules, 60 min charge. */
export const defaultPackTargets: PackTargets = {
  energy_kWh: 100,
  power_kW: 300,
  pulseDuration_s: 10,
  cellsPerModule: 20,
  cellsInParallel: 2,
  modulesPerRow: 5,
  rows: 4,
  modulesInParallel: 1,
  fastChargeTime_min: 60,
};

/** Geometric and hardware constants of cell, module and pack (BatPaC 5.0 defaults where known). */
export interface HardwareOptions {
  readonly containerThickness_m: number;
  readonly sealWidth_m: number;
  readonly foldEdge_m: number;
  readonly negativeOverhang_m: number;
  readonly tabGap_m: number;
  readonly internalTabLength_m: number;
  readonly externalTabLength_m: number;
  readonly positiveTerminalThickness_m: number;
  readonly negativeTerminalThickness_m: number;
  readonly stackPackingFraction: number;
  readonly heatConductorThickness_m: number;
  readonly moduleWallThickness_m: number;
  readonly packTrayThickness_m: number;
  readonly packWallThickness_m: number;
  readonly insulationThickness_m: number;
  readonly coolant_L_per_kWh: number;
  readonly packElectronics_kg: number;
  readonly moduleElectronics_kg: number;
}

export const defaultHardware: HardwareOptions = {
  containerThickness_m: 150e-6,
  sealWidth_m: 6e-3,
  foldEdge_m: 1e-3,
  negativeOverhang_m: 1e-3,
  tabGap_m: 5e-3,
  internalTabLength_m: 10e-3,
  externalTabLength_m: 8e-3,
  positiveTerminalThickness_m: 1.2e-3,
  negativeTerminalThickness_m: 0.8e-3,
  stackPackingFraction: 0.97,
  heatConductorThickness_m: 1e-3,
  moduleWallThickness_m: 1e-3,
  packTrayThickness_m: 2e-3,
  packWallThickness_m: 1e-3,
  insulationThickness_m: 10e-3,
  coolant_L_per_kWh: 0.1,
  packElectronics_kg: 8,
  moduleElectronics_kg: 0.3,
};

/** A complete design request. */
export interface DesignInput {
  readonly chemistry: Chemistry;
  readonly format: CellFormat;
  readonly pack: PackTargets;
  /** Fixes the positive coating thickness (one side) instead of deriving it from the limits. */
  readonly positiveThickness_m?: number;
  /** Maximum charging current density (BatPaC 5.0: 9 mA/cm² = 90 A/m²). */
  readonly maxChargeCurrentDensity_A_per_m2?: number;
  /** Fraction of OCV at rated power (BatPaC default 0.8). */
  readonly powerVoltageFraction?: number;
  readonly hardware?: Partial<HardwareOptions>;
}

/** Which constraint set the positive electrode thickness. */
export type ThicknessLimit =
  | "maxThickness"
  | "power"
  | "energy"
  | "fastCharge"
  | "limitingCurrent"
  | "override"
  | "cellFormat";

/** Per-cell material masses (kg) used by cost, GWP and recycling. */
export interface CellBillOfMaterials {
  readonly positiveActive_kg: number;
  readonly positiveCarbon_kg: number;
  readonly positiveBinder_kg: number;
  readonly negativeActive_kg: number;
  readonly negativeCarbon_kg: number;
  readonly negativeBinder_kg: number;
  readonly positiveFoil_kg: number;
  readonly negativeFoil_kg: number;
  readonly separator_kg: number;
  readonly electrolyte_kg: number;
  readonly positiveTerminal_kg: number;
  readonly negativeTerminal_kg: number;
  readonly container_kg: number;
}

export interface CellDesign {
  readonly format: CellFormat["kind"];
  readonly capacity_Ah: number;
  readonly nominalVoltage_V: number;
  readonly energy_Wh: number;
  readonly mass_kg: number;
  readonly volume_L: number;
  readonly specificEnergy_Wh_per_kg: number;
  readonly energyDensity_Wh_per_L: number;
  readonly positiveThickness_m: number;
  readonly negativeThickness_m: number;
  readonly positiveArealCapacity_mAh_per_cm2: number;
  readonly negativeArealCapacity_mAh_per_cm2: number;
  readonly thicknessLimitedBy: ThicknessLimit;
  /** Candidate positive thicknesses from each limit (m); the smallest binds. */
  readonly thicknessLimits_m: Readonly<Partial<Record<ThicknessLimit, number>>>;
  /** Bicell layers (stacked) or winding turns (cylindrical). */
  readonly layers: number;
  readonly positiveCoatedArea_m2: number;
  readonly negativeCoatedArea_m2: number;
  readonly positiveFoilArea_m2: number;
  readonly negativeFoilArea_m2: number;
  readonly separatorArea_m2: number;
  readonly electrolyteVolume_L: number;
  readonly excessNegativeAreaFraction: number;
  readonly length_m: number;
  readonly width_m: number;
  readonly thickness_m: number;
  readonly areaSpecificImpedanceEnergy_ohm_cm2: number;
  readonly bom: CellBillOfMaterials;
}

export interface PackDesign {
  readonly cellsPerPack: number;
  readonly modulesPerPack: number;
  readonly energy_kWh: number;
  readonly mass_kg: number;
  readonly volume_L: number;
  readonly specificEnergy_Wh_per_kg: number;
  readonly energyDensity_Wh_per_L: number;
  readonly moduleMass_kg: number;
  readonly nominalVoltage_V: number;
  /** Non-cell hardware masses per pack (kg): module and pack items. */
  readonly hardwareMass_kg: Readonly<Record<string, number>>;
}

export interface DesignResult {
  readonly chemistryId: string;
  readonly chemistry: Chemistry;
  readonly cell: CellDesign;
  readonly pack: PackDesign;
}
