/**
 * Cradle-to-gate global-warming potential per kWh (README §1.5): purchased materials (design BOM divided
 * by the effective yields) × emission factors + plant electricity × grid factor + heat × natural-gas
 * factor + make-up NMP, split into materials / cell manufacturing / module-and-pack.
 * Emission factors are indicative (GREET 2022 / ecoinvent order of magnitude); grid factors are
 * rounded 2022–23 national averages (IEA, EEA) — use for range checks, not for certification.
 * @see Dai et al., Batteries 5 (2019) 48, doi 10.3390/batteries5020048 (GREET method)
 */
import { activeMaterials } from "../materials/active-materials.js";
import { inactiveMaterials } from "../materials/inactive-materials.js";
import type { CostResult } from "./cost-types.js";
import { defaultYields } from "./cost-types.js";
import type { DesignResult } from "./design-types.js";
import type { EnergyResult } from "./energy.js";
import { DesignInputError, requireRange } from "./errors.js";

/** Grid electricity emission factors by region (kg CO2e per kWh), rounded. */
export const gridEmissionFactors_kgCO2e_per_kWh = {
  world: 0.46,
  mid: 0.45,
  CN: 0.58,
  US: 0.37,
  DE: 0.38,
  PL: 0.66,
  HU: 0.2,
  KR: 0.44,
  JP: 0.46,
  FR: 0.06,
  SE: 0.03,
  NO: 0.02,
} as const;

export type GridRegion = keyof typeof gridEmissionFactors_kgCO2e_per_kWh;

/** Natural-gas combustion factor per kWh of heat (0.056 kg/MJ ÷ 0.9 boiler efficiency). */
export const naturalGasHeat_kgCO2e_per_kWh = (0.056 * 3.6) / 0.9;

/** Electronics (BMS, module SOC regulators), per kg. */
const electronics_kgCO2e_per_kg = 40;
const coolant_kgCO2e_per_kg = 2;
const insulation_kgCO2e_per_kg = 3;

export interface GwpOptions {
  readonly region?: GridRegion;
  readonly grid_kgCO2e_per_kWh?: number;
  readonly heat_kgCO2e_per_kWh?: number;
}

export interface GwpResult {
  readonly pack_kgCO2e_per_kWh: number;
  readonly cell_kgCO2e_per_kWh: number;
  readonly byStage_kgCO2e_per_kWh: {
    readonly materials: number;
    readonly cellManufacturing: number;
    readonly moduleAndPack: number;
  };
  readonly byMaterial_kgCO2e_per_kWh: Readonly<Record<string, number>>;
  readonly grid_kgCO2e_per_kWh: number;
}

function factor(id: string): number {
  const m = activeMaterials[id] ?? inactiveMaterials[id];
  if (!m) throw new DesignInputError("material id", id, "", "a material of the library");
  return m.gwp_kgCO2e_per_kg;
}

/** GWP of a designed pack made in a plant with the given energy use. */
export function estimateGwp(
  design: DesignResult,
  cost: CostResult,
  energy: EnergyResult,
  options: GwpOptions = {},
): GwpResult {
  const region = options.region ?? "mid";
  const regional = gridEmissionFactors_kgCO2e_per_kWh[region];
  if (regional === undefined) {
    throw new DesignInputError(
      "region",
      region,
      "",
      `one of ${Object.keys(gridEmissionFactors_kgCO2e_per_kWh).join(", ")}`,
    );
  }
  const grid = requireRange("grid_kgCO2e_per_kWh", options.grid_kgCO2e_per_kWh ?? regional, "kg/kWh", 0, 2);
  const heatEf = requireRange(
    "heat_kgCO2e_per_kWh",
    options.heat_kgCO2e_per_kWh ?? naturalGasHeat_kgCO2e_per_kWh,
    "kg/kWh",
    0,
    2,
  );
  const { cell, pack } = design;
  const chem = design.chemistry;
  const b = cell.bom;
  const y = defaultYields;
  const em = y.electrodeMaterial * y.cell;
  const cellsPerKWh = pack.cellsPerPack / pack.energy_kWh;
  const byMaterial: Record<string, number> = {
    cathodeActive: (b.positiveActive_kg / em) * factor(chem.positive.activeMaterialId),
    anodeActive: (b.negativeActive_kg / em) * factor(chem.negative.activeMaterialId),
    carbonAndBinders:
      ((b.positiveCarbon_kg + b.negativeCarbon_kg) * factor("carbon-black") +
        b.positiveBinder_kg * factor(chem.positive.binderId) +
        b.negativeBinder_kg * factor(chem.negative.binderId)) /
      em,
    foils:
      (b.positiveFoil_kg * factor(chem.positive.foilId) + b.negativeFoil_kg * factor(chem.negative.foilId)) /
      (y.foil * y.cell),
    separator: (b.separator_kg / (y.separator * y.cell)) * factor(chem.separatorId),
    electrolyte: (b.electrolyte_kg / (y.electrolyte * y.cell)) * factor(chem.electrolyteId),
    cellHardware:
      ((b.container_kg + b.positiveTerminal_kg) * factor("Al-hardware") +
        b.negativeTerminal_kg * factor("Cu-hardware")) /
      y.cell,
  };
  for (const k of Object.keys(byMaterial)) byMaterial[k] = byMaterial[k]! * cellsPerKWh;
  // Make-up NMP for the unrecovered share.
  const nmpLoss_kg_per_kWh =
    (cost.rates.nmpEvaporated_kg_per_yr * (1 - y.solventRecovery)) / cost.rates.energy_kWh_per_yr;
  byMaterial.solventMakeup = nmpLoss_kg_per_kWh * factor("NMP");
  let cellMaterials = 0;
  for (const v of Object.values(byMaterial)) cellMaterials += v;
  const h = pack.hardwareMass_kg;
  const packMaterials =
    ((h.heatConductors! + h.packJacket! + h.coolingPlates!) * factor("Al-hardware") +
      (h.moduleEnclosures! + h.packTray!) * factor("steel") +
      (h.cellInterconnects! + h.busbarsAndTerminals!) * factor("Cu-hardware") +
      (h.moduleElectronics! + h.packElectronics!) * electronics_kgCO2e_per_kg +
      h.coolant! * coolant_kgCO2e_per_kg +
      h.insulation! * insulation_kgCO2e_per_kg) /
    pack.energy_kWh;
  byMaterial.moduleAndPackHardware = packMaterials;
  let cellManufacturing = 0;
  let moduleAndPackEnergy = 0;
  for (const s of energy.steps) {
    const e = s.electricity_kWh_per_kWh * grid + s.heat_kWh_per_kWh * heatEf;
    if (s.step === "moduleAndPack") moduleAndPackEnergy += e;
    else cellManufacturing += e;
  }
  const cellTotal = cellMaterials + cellManufacturing;
  return {
    pack_kgCO2e_per_kWh: cellTotal + packMaterials + moduleAndPackEnergy,
    cell_kgCO2e_per_kWh: cellTotal,
    byStage_kgCO2e_per_kWh: {
      materials: cellMaterials,
      cellManufacturing,
      moduleAndPack: packMaterials + moduleAndPackEnergy,
    },
    byMaterial_kgCO2e_per_kWh: byMaterial,
    grid_kgCO2e_per_kWh: grid,
  };
}
