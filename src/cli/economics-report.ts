/** Shared output of `cellforge design` and `cellforge cost`: stable JSON keys and a human table. */
import type { DesignResult } from "../core/economics/design-types.js";
import type { EvaluationResult } from "../core/economics/evaluate.js";
import { CliInputError } from "./options.js";

export type OutputFormat = "json" | "table";

export function parseOutputFormat(text: string): OutputFormat {
  if (text !== "json" && text !== "table")
    throw new CliInputError(`--output ${text}: expected json or table`);
  return text;
}

/** The stable JSON document: summary keys at top level plus the breakdowns. */
export function economicsJson(r: EvaluationResult): Record<string, unknown> {
  const { cell, pack } = r.design;
  return {
    kind: "cellforge.economics-result",
    schemaVersion: 1,
    chemistry: r.design.chemistryId,
    cellFormat: cell.format,
    ...r.summary,
    negativeToPositiveCapacityRatio: r.design.chemistry.npRatio,
    positiveArealCapacity_mAh_per_cm2: cell.positiveArealCapacity_mAh_per_cm2,
    cellLayers: cell.layers,
    cellDimensions_m: { length: cell.length_m, width: cell.width_m, thickness: cell.thickness_m },
    cellBillOfMaterials_kg: cell.bom,
    packMass_kg: pack.mass_kg,
    packVolume_L: pack.volume_L,
    cellsPerPack: pack.cellsPerPack,
    packHardwareMass_kg: pack.hardwareMass_kg,
    costByCategory_USD_per_kWh: r.cost.byCategory_USD_per_kWh,
    costByMaterial_USD_per_kWh: r.cost.byMaterial_USD_per_kWh,
    purchasedItems_USD_per_kWh: r.cost.purchasedItems_USD_per_kWh,
    costByProcessAreaWithOverhead_USD_per_kWh: r.cost.byProcessWithOverhead_USD_per_kWh,
    plantSteps: r.cost.plant.steps,
    manufacturingEnergyBySteps_kWh_per_kWh: r.energy.steps,
    manufacturingElectricity_kWh_per_kWh: r.energy.electricity_kWh_per_kWh,
    manufacturingHeat_kWh_per_kWh: r.energy.heat_kWh_per_kWh,
    gwpByStage_kgCO2e_per_kWh: r.gwp.byStage_kgCO2e_per_kWh,
    gwpByMaterial_kgCO2e_per_kWh: r.gwp.byMaterial_kgCO2e_per_kWh,
    uncertaintyBand: r.cost.uncertaintyBand,
  };
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

const f = (x: number, digits = 2) => x.toFixed(digits);

/** Design-only JSON document (stable design keys of the economics result). */
export function designJson(design: DesignResult): Record<string, unknown> {
  const { cell, pack } = design;
  return {
    kind: "cellforge.design-result",
    schemaVersion: 1,
    chemistry: design.chemistryId,
    cellFormat: cell.format,
    cellSpecificEnergy_Wh_per_kg: cell.specificEnergy_Wh_per_kg,
    cellEnergyDensity_Wh_per_L: cell.energyDensity_Wh_per_L,
    packSpecificEnergy_Wh_per_kg: pack.specificEnergy_Wh_per_kg,
    packEnergyDensity_Wh_per_L: pack.energyDensity_Wh_per_L,
    cellCapacity_Ah: cell.capacity_Ah,
    cellNominalVoltage_V: cell.nominalVoltage_V,
    cellMass_kg: cell.mass_kg,
    cellVolume_L: cell.volume_L,
    positiveElectrodeThickness_m: cell.positiveThickness_m,
    negativeElectrodeThickness_m: cell.negativeThickness_m,
    thicknessLimitedBy: cell.thicknessLimitedBy,
    thicknessLimits_m: cell.thicknessLimits_m,
    positiveArealCapacity_mAh_per_cm2: cell.positiveArealCapacity_mAh_per_cm2,
    cellLayers: cell.layers,
    cellDimensions_m: { length: cell.length_m, width: cell.width_m, thickness: cell.thickness_m },
    cellBillOfMaterials_kg: cell.bom,
    packMass_kg: pack.mass_kg,
    packVolume_L: pack.volume_L,
    cellsPerPack: pack.cellsPerPack,
    packHardwareMass_kg: pack.hardwareMass_kg,
  };
}

/** Human-readable design table. */
export function designTable(r: { readonly design: DesignResult }): string {
  const { cell, pack } = r.design;
  return table([
    ["chemistry", r.design.chemistryId],
    ["cell format", `${cell.format}, ${cell.layers} layers`],
    ["cell capacity", `${f(cell.capacity_Ah)} Ah at ${f(cell.nominalVoltage_V, 3)} V`],
    ["cell mass / volume", `${f(cell.mass_kg * 1000, 1)} g / ${f(cell.volume_L, 4)} L`],
    ["cell specific energy", `${f(cell.specificEnergy_Wh_per_kg, 1)} Wh/kg`],
    ["cell energy density", `${f(cell.energyDensity_Wh_per_L, 1)} Wh/L`],
    [
      "positive thickness",
      `${f(cell.positiveThickness_m * 1e6, 1)} µm (limited by ${cell.thicknessLimitedBy})`,
    ],
    ["negative thickness", `${f(cell.negativeThickness_m * 1e6, 1)} µm`],
    ["positive areal capacity", `${f(cell.positiveArealCapacity_mAh_per_cm2, 3)} mAh/cm²`],
    [
      "pack",
      `${pack.cellsPerPack} cells, ${f(pack.energy_kWh, 1)} kWh, ${f(pack.mass_kg, 1)} kg, ${f(pack.volume_L, 1)} L`,
    ],
    ["pack specific energy", `${f(pack.specificEnergy_Wh_per_kg, 1)} Wh/kg`],
  ]);
}

/** Human-readable cost table (design lines plus cost, energy and GWP). */
export function costTable(r: EvaluationResult): string {
  const c = r.cost;
  const rows: [string, string][] = [
    [
      "plant",
      `${f(c.plant.energy_GWh_per_yr, 2)} GWh/yr, capex ${f(c.plant.capex_USD / 1e6, 1)} M$, ${f(c.plant.buildingArea_m2, 0)} m², ${f(c.plant.directLabor_h_per_yr / 1e6, 3)} M labour-h/yr`,
    ],
    ["pack cost", `${f(c.packCost_USD_per_kWh)} $/kWh (±${f(c.uncertaintyBand * 100, 0)} %)`],
    ["module cost", `${f(c.moduleCost_USD_per_kWh)} $/kWh`],
    ["cell cost", `${f(c.cellCost_USD_per_kWh)} $/kWh (no profit/warranty)`],
  ];
  for (const [k, v] of Object.entries(c.byCategory_USD_per_kWh)) rows.push([`  ${k}`, `${f(v)} $/kWh`]);
  for (const [k, v] of Object.entries(c.byProcessWithOverhead_USD_per_kWh))
    rows.push([`  process ${k}`, `${f(v)} $/kWh`]);
  rows.push([
    "manufacturing energy",
    `${f(r.energy.total_kWh_per_kWh)} kWh/kWh_cell (${f(r.energy.electricity_kWh_per_kWh)} el. + ${f(r.energy.heat_kWh_per_kWh)} heat)`,
  ]);
  rows.push([
    "GWP (cradle-to-gate)",
    `${f(r.gwp.pack_kgCO2e_per_kWh, 1)} kg CO2e/kWh pack, ${f(r.gwp.cell_kgCO2e_per_kWh, 1)} cell (grid ${f(r.gwp.grid_kgCO2e_per_kWh)} kg/kWh)`,
  ]);
  return `${designTable(r)}\n${table(rows)}`;
}
