/**
 * Cost engine after BatPaC 5.0 (README §1.2): bill of materials with effective yields, purchased
 * items with plus-cost scaling, the process-step table scaled by production volume with power laws,
 * capital, labour, building, overheads, depreciation, profit and warranty → $/kWh at cell, module and
 * pack level with breakdowns by category, material and process area, and plant capex/labour/area.
 * With BatPaC's default "all in-house" option, profit and warranty are charged at pack level only.
 * @see Knehr et al., BatPaC 5.0 manual, ANL-22/3 (2022), doi 10.2172/1877590
 */
import { activeMaterials } from "../materials/active-materials.js";
import { inactiveMaterials } from "../materials/inactive-materials.js";
import {
  type CostByCategory,
  type CostResult,
  defaultOverheadRates,
  defaultYields,
  type OverheadRates,
  type PlantOptions,
  type ProcessingRates,
  type StepResult,
  type Yields,
} from "./cost-types.js";
import type { DesignResult } from "./design-types.js";
import { DesignInputError, requireRange } from "./errors.js";
import {
  baselineDrivers,
  baselineSolventPerArea_kg_per_m2,
  batpac5ProcessSteps,
  type ProcessArea,
  type ProcessDriver,
  type ProcessStep,
} from "./process-table.js";

type Level = "cell" | "module" | "pack" | "shared";
const stepLevel: Readonly<Record<ProcessArea, Level>> = {
  electrode: "cell",
  cellAssembly: "cell",
  formation: "cell",
  module: "module",
  pack: "pack",
  warehouse: "shared",
  buildingAndSupport: "shared",
};
const cellSupportSteps = new Set(["nmpRecovery", "scrapRecycle"]);

/** Multipliers that turn one basic cost factor into its full share of the pack price (README §1.2(g)). */
export interface OverheadMultipliers {
  readonly materials: number;
  readonly labor: number;
  readonly capital: number;
  readonly building: number;
}

/** Overhead multipliers implied by the rates (BatPaC 5.0 defaults → 1.06656, 1.86648, 0.253704, 0.153252). */
export function overheadMultipliers(rates: OverheadRates = defaultOverheadRates): OverheadMultipliers {
  const r = rates;
  const w = 1 + r.warranty;
  const launchAndWc = r.launchOnLaborAndVariableOverhead + r.workingCapitalOnVariableCost;
  const depreciationChain =
    1 +
    r.variableOverheadOnDepreciation * (1 + r.gsaOnLaborAndVariableOverhead) +
    r.gsaOnDepreciation +
    r.researchOnDepreciation;
  const vL = 1 + r.variableOverheadOnLabor;
  return {
    materials: (1 + r.profitOnInvestment_per_yr * (r.launchOnMaterials + r.workingCapitalOnVariableCost)) * w,
    labor: (vL * (1 + r.gsaOnLaborAndVariableOverhead) + r.profitOnInvestment_per_yr * launchAndWc * vL) * w,
    capital:
      (r.capitalDepreciation_per_yr * depreciationChain +
        r.profitOnInvestment_per_yr *
          (1 + launchAndWc * r.variableOverheadOnDepreciation * r.capitalDepreciation_per_yr)) *
      w,
    building:
      (r.buildingDepreciation_per_yr * depreciationChain +
        r.profitOnInvestment_per_yr *
          (1 + launchAndWc * r.variableOverheadOnDepreciation * r.buildingDepreciation_per_yr)) *
      w,
  };
}

/** Pack price from BatPaC's four basic factors via the closed form (README §1.2(g), check V1). */
export function packPriceClosedForm(
  basic: {
    materialsAndPurchased_USD_per_pack: number;
    directLabor_USD_per_pack: number;
    capex_USD: number;
    buildingArea_m2: number;
    packsPerYear: number;
  },
  rates: OverheadRates = defaultOverheadRates,
): number {
  const m = overheadMultipliers(rates);
  return (
    m.materials * basic.materialsAndPurchased_USD_per_pack +
    m.labor * basic.directLabor_USD_per_pack +
    (m.capital * basic.capex_USD) / basic.packsPerYear +
    (m.building * basic.buildingArea_m2 * rates.building_USD_per_m2) / basic.packsPerYear
  );
}

function priceOf(id: string, plant: PlantOptions): number {
  const override = plant.prices_USD_per_kg?.[id];
  if (override !== undefined) return requireRange(`prices_USD_per_kg.${id}`, override, "$/kg", 0, 1e6);
  const m = activeMaterials[id] ?? inactiveMaterials[id];
  if (!m) throw new DesignInputError("material id", id, "", "a material of the library");
  return m.price.price_USD_per_kg;
}

/** Cost per kg of a sheet good quoted per m² (price per m² / areal mass) or per L. */
function sheetPrice_USD_per_m2(id: string, plant: PlantOptions): number | undefined {
  return plant.areaPrices_USD_per_m2?.[id] ?? inactiveMaterials[id]?.areaPrice_USD_per_m2;
}

function validatePlant(plant: PlantOptions): { yields: Yields; rates: OverheadRates } {
  requireRange("packsPerYear", plant.packsPerYear, "packs/yr", 100, 1e8);
  if (plant.operatingDays_per_yr !== undefined)
    requireRange("operatingDays_per_yr", plant.operatingDays_per_yr, "d/yr", 1, 366);
  const yields = { ...defaultYields, ...plant.yields };
  for (const [k, v] of Object.entries(yields)) requireRange(`yields.${k}`, v, "", 0, 1, false);
  for (const [k, v] of Object.entries(yields))
    if (v <= 0) throw new DesignInputError(`yields.${k}`, v, "", "a fraction in (0, 1]");
  const rates = { ...defaultOverheadRates, ...plant.rates };
  for (const [k, v] of Object.entries(rates)) requireRange(`rates.${k}`, v, "", 0, 1e6);
  return { yields, rates };
}

/** Full BatPaC-style cost of a design at a plant size. */
export function estimateCost(design: DesignResult, plant: PlantOptions): CostResult {
  const { yields, rates } = validatePlant(plant);
  const { cell, pack } = design;
  if (cell.format === "coin") {
    throw new DesignInputError(
      "format.kind",
      "coin",
      "",
      "a production format (pouch, prismatic-can, cylindrical); coin cells are lab cells",
    );
  }
  const chem = design.chemistry;
  const packs = plant.packsPerYear;
  const energy_kWh_per_yr = packs * pack.energy_kWh;
  const accepted = packs * pack.cellsPerPack;
  const cells = accepted / yields.cell;
  const materialYield = yields.electrodeMaterial * yields.cell;
  const ratio = plant.solventToBinder ?? { NMP: 16, water: 40 };
  const solventPerBinder = (s: "NMP" | "water" | "dry") => (s === "dry" ? 0 : ratio[s]);
  const posSolvent_kg = cell.bom.positiveBinder_kg * solventPerBinder(chem.positive.solvent);
  const negSolvent_kg = cell.bom.negativeBinder_kg * solventPerBinder(chem.negative.solvent);
  const rates_: ProcessingRates = {
    packs_per_yr: packs,
    energy_kWh_per_yr,
    modules_per_yr: packs * pack.modulesPerPack,
    acceptedCells_per_yr: accepted,
    cells_per_yr: cells,
    positiveArea_m2_per_yr: cells * cell.positiveCoatedArea_m2,
    negativeArea_m2_per_yr: cells * cell.negativeCoatedArea_m2,
    positiveActive_kg_per_yr: (accepted * cell.bom.positiveActive_kg) / materialYield,
    negativeActive_kg_per_yr: (accepted * cell.bom.negativeActive_kg) / materialYield,
    positiveSolventEvaporated_kg_per_yr: (accepted * posSolvent_kg) / materialYield,
    negativeSolventEvaporated_kg_per_yr: (accepted * negSolvent_kg) / materialYield,
    nmpEvaporated_kg_per_yr:
      (accepted *
        ((chem.positive.solvent === "NMP" ? posSolvent_kg : 0) +
          (chem.negative.solvent === "NMP" ? negSolvent_kg : 0))) /
      materialYield,
  };

  // ---- materials per pack (README §1.2(b)) ----
  const perPack = pack.cellsPerPack;
  const byMaterial: Record<string, number> = {};
  const add = (key: string, usd_per_pack: number) => {
    byMaterial[key] = (byMaterial[key] ?? 0) + usd_per_pack;
  };
  const bom = cell.bom;
  add(
    "cathodeActive",
    (perPack * bom.positiveActive_kg * priceOf(chem.positive.activeMaterialId, plant)) / materialYield,
  );
  add(
    "anodeActive",
    (perPack * bom.negativeActive_kg * priceOf(chem.negative.activeMaterialId, plant)) / materialYield,
  );
  add(
    "carbon",
    (perPack *
      (bom.positiveCarbon_kg * priceOf(chem.positive.carbonId, plant) +
        bom.negativeCarbon_kg * priceOf(chem.negative.carbonId, plant))) /
      materialYield,
  );
  add(
    "binders",
    (perPack *
      (bom.positiveBinder_kg * priceOf(chem.positive.binderId, plant) +
        bom.negativeBinder_kg * priceOf(chem.negative.binderId, plant))) /
      materialYield,
  );
  // BatPaC charges slurry solvent at the electrode-material yield (no cell-yield division).
  const solventCost = (s: "NMP" | "water" | "dry", kg: number) => (s === "dry" ? 0 : kg * priceOf(s, plant));
  add(
    "solvents",
    (perPack *
      (solventCost(chem.positive.solvent, posSolvent_kg) +
        solventCost(chem.negative.solvent, negSolvent_kg))) /
      yields.electrodeMaterial,
  );
  const foilCost = (id: string, area_m2: number, mass_kg: number) => {
    const areaPrice = sheetPrice_USD_per_m2(id, plant);
    return areaPrice !== undefined ? area_m2 * areaPrice : mass_kg * priceOf(id, plant);
  };
  const foilYield = yields.foil * yields.cell;
  add(
    "positiveFoil",
    (perPack * foilCost(chem.positive.foilId, cell.positiveFoilArea_m2, bom.positiveFoil_kg)) / foilYield,
  );
  add(
    "negativeFoil",
    (perPack * foilCost(chem.negative.foilId, cell.negativeFoilArea_m2, bom.negativeFoil_kg)) / foilYield,
  );
  add(
    "separator",
    (perPack * foilCost(chem.separatorId, cell.separatorArea_m2, bom.separator_kg)) /
      (yields.separator * yields.cell),
  );
  const litrePrice =
    plant.volumePrices_USD_per_L?.[chem.electrolyteId] ??
    inactiveMaterials[chem.electrolyteId]?.volumePrice_USD_per_L;
  const electrolyteCost =
    litrePrice !== undefined
      ? cell.electrolyteVolume_L * litrePrice
      : bom.electrolyte_kg * priceOf(chem.electrolyteId, plant);
  add("electrolyte", (perPack * electrolyteCost) / (yields.electrolyte * yields.cell));
  let materials = 0;
  for (const v of Object.values(byMaterial)) materials += v;

  // ---- purchased items (README §1.2(c)) ----
  const q = 1 - rates.purchasedItemExponent;
  const cellScale = (baselineDrivers.cells / cells) ** q;
  const moduleScale = (baselineDrivers.modules / rates_.modules_per_yr) ** q;
  const packScale = (baselineDrivers.packs / packs) ** q;
  const al = priceOf("Al-hardware", plant);
  const cu = priceOf("Cu-hardware", plant);
  const steel = priceOf("steel", plant);
  // Per-cell plus costs: BatPaC's pouch container $0.20 and $0.08 per terminal; a cylindrical can with
  // its cap (which is the terminal) is taken as $0.05 + 2 × $0.01 (assumption), a prismatic can as $0.30.
  const containerPlus = cell.format === "pouch" ? 0.2 : cell.format === "prismatic-can" ? 0.3 : 0.05;
  const terminalPlus = cell.format === "cylindrical" ? 0.01 : 0.08;
  const cellItems =
    (perPack *
      (bom.container_kg * priceOf("pouch-laminate", plant) +
        containerPlus * cellScale +
        bom.positiveTerminal_kg * al +
        bom.negativeTerminal_kg * cu +
        2 * terminalPlus * cellScale)) /
    yields.cell;
  const hwm = pack.hardwareMass_kg;
  const seriesCells = pack.nominalVoltage_V / cell.nominalVoltage_V;
  const seriesPerModule = seriesCells / pack.modulesPerPack;
  const moduleCapacity_Ah = (cell.capacity_Ah * pack.cellsPerPack) / seriesCells;
  const moduleItems =
    hwm.heatConductors! * al +
    hwm.moduleEnclosures! * steel +
    hwm.cellInterconnects! * cu +
    pack.modulesPerPack * (1.0 * moduleScale + 2 * seriesPerModule + 0.03 * moduleCapacity_Ah);
  const packItems =
    hwm.packJacket! * al +
    hwm.insulation! * 5 +
    hwm.packTray! * steel +
    hwm.coolingPlates! * al +
    hwm.coolant! * 2 +
    hwm.busbarsAndTerminals! * cu +
    // thermal system $200, heater $20, vehicle A/C integration $160 per pack (README §1.2(c))
    (200 + 20 + 160);
  const bms = 200 * packScale + 0.8 * seriesCells;

  // ---- process steps (README §1.2(d)) ----
  // BatPaC's cell-count baselines are for large stacked cells; winding lines for cylindrical cells run
  // ~10× more cells per line (assumption; cf. Ciez & Whitacre 2017), so cell-count drivers are divided.
  const formatThroughput = cell.format === "cylindrical" ? 10 : 1;
  const steps: readonly ProcessStep[] = (plant.processSteps ?? batpac5ProcessSteps).map((s) => ({
    ...s,
    ...plant.stepOverrides?.[s.id],
  }));
  const drivers: Record<ProcessDriver, number> = {
    positiveActive_kg: rates_.positiveActive_kg_per_yr,
    negativeActive_kg: rates_.negativeActive_kg_per_yr,
    positiveArea_m2: rates_.positiveArea_m2_per_yr,
    negativeArea_m2: rates_.negativeArea_m2_per_yr,
    electrodeArea_m2: rates_.positiveArea_m2_per_yr + rates_.negativeArea_m2_per_yr,
    cells: cells / formatThroughput,
    rejectedCells: (cells - accepted) / formatThroughput,
    modules: rates_.modules_per_yr,
    packs,
    energy_kWh: energy_kWh_per_yr,
    nmp_kg: rates_.nmpEvaporated_kg_per_yr,
    dryRoom: 1,
  };
  const driverRatio = (d: ProcessDriver) =>
    d === "dryRoom"
      ? Math.max(
          drivers.cells / baselineDrivers.cells,
          drivers.electrodeArea_m2 / baselineDrivers.electrodeArea_m2,
        )
      : drivers[d] / baselineDrivers[d];
  const daysFactor = 320 / (plant.operatingDays_per_yr ?? 320);
  const ah = cell.capacity_Ah;
  const solventFactor = (solvent: "NMP" | "water" | "dry", evaporated: number, area: number, base: number) =>
    solvent === "dry" ? 0.7 : (evaporated / area / base) ** 0.2;
  const stepResults: StepResult[] = [];
  for (const s of steps) {
    const r = driverRatio(s.driver);
    if (s.driver === "nmp_kg" && r === 0) {
      stepResults.push({
        step: s.id,
        area: s.area,
        driverRatio: 0,
        labor_h_per_yr: 0,
        capex_USD: 0,
        area_m2: 0,
      });
      continue;
    }
    let capex = s.baselineCapex_USD * r ** s.capexExponent * (s.id === "buildingServices" ? 1 : daysFactor);
    if (s.id === "positiveCoating") {
      capex *= solventFactor(
        chem.positive.solvent,
        rates_.positiveSolventEvaporated_kg_per_yr,
        rates_.positiveArea_m2_per_yr,
        baselineSolventPerArea_kg_per_m2.positive,
      );
    }
    if (s.id === "negativeCoating") {
      capex *= solventFactor(
        chem.negative.solvent,
        rates_.negativeSolventEvaporated_kg_per_yr,
        rates_.negativeArea_m2_per_yr,
        baselineSolventPerArea_kg_per_m2.negative,
      );
    }
    if (s.id === "cellStacking") capex *= (ah / 68) ** 0.95;
    if (s.id === "formation") capex *= (ah / 68) ** 0.3 * (ah > 80 ? 1.1 : 1);
    if (s.id === "packAssembly") capex *= (pack.modulesPerPack / 20) ** 0.3;
    stepResults.push({
      step: s.id,
      area: s.area,
      driverRatio: r,
      labor_h_per_yr: s.baselineLabor_h_per_yr * r ** s.laborExponent,
      capex_USD: capex,
      area_m2: s.baselineArea_m2 * r ** s.areaExponent,
    });
  }

  // ---- roll-up by level (README §1.2(e)–(f)) ----
  const levelOf = (s: StepResult): Level => (cellSupportSteps.has(s.step) ? "cell" : stepLevel[s.area]);
  const sums = {
    cell: { L: 0, K: 0, A: 0 },
    module: { L: 0, K: 0, A: 0 },
    pack: { L: 0, K: 0, A: 0 },
    shared: { L: 0, K: 0, A: 0 },
  };
  for (const s of stepResults) {
    const t = sums[levelOf(s)];
    t.L += s.labor_h_per_yr;
    t.K += s.capex_USD;
    t.A += s.area_m2;
  }
  // Plant-wide items (warehouse, building services, laboratory) are shared by floor area of each level.
  const directArea = sums.cell.A + sums.module.A + sums.pack.A;
  const share = (lvl: "cell" | "module" | "pack") => (directArea > 0 ? sums[lvl].A / directArea : 1 / 3);
  const level = (lvl: "cell" | "module" | "pack", M: number) => {
    const f = share(lvl);
    const L_h = sums[lvl].L + f * sums.shared.L;
    const K = sums[lvl].K + f * sums.shared.K;
    const A = sums[lvl].A + f * sums.shared.A;
    const labor = (L_h * rates.laborRate_USD_per_h) / packs;
    const dep =
      (rates.capitalDepreciation_per_yr * K +
        rates.buildingDepreciation_per_yr * A * rates.building_USD_per_m2) /
      packs;
    const vo = rates.variableOverheadOnLabor * labor + rates.variableOverheadOnDepreciation * dep;
    const gsa = rates.gsaOnLaborAndVariableOverhead * (labor + vo) + rates.gsaOnDepreciation * dep;
    const rnd = rates.researchOnDepreciation * dep;
    return { M, labor, dep, vo, gsa, rnd, total: M + labor + dep + vo + gsa + rnd, K, A };
  };
  const cellLevel = level("cell", materials + cellItems);
  const moduleLevel = level("module", moduleItems);
  const packLevel = level("pack", packItems + bms);
  const all = [cellLevel, moduleLevel, packLevel];
  const sum = (k: "M" | "labor" | "dep" | "vo" | "gsa" | "rnd" | "K" | "A") =>
    all.reduce((a, l) => a + l[k], 0);
  const M = sum("M");
  const labor = sum("labor");
  const vo = sum("vo");
  const capex = sum("K");
  const area = sum("A");
  const buildingCost = area * rates.building_USD_per_m2;
  const annualVariable = (M + labor + vo) * packs;
  const investment =
    capex +
    buildingCost +
    rates.launchOnMaterials * M * packs +
    rates.launchOnLaborAndVariableOverhead * (labor + vo) * packs +
    rates.workingCapitalOnVariableCost * annualVariable;
  const profit = (rates.profitOnInvestment_per_yr * investment) / packs;
  const beforeWarranty = cellLevel.total + moduleLevel.total + packLevel.total + profit;
  const warranty = rates.warranty * beforeWarranty;
  const packCost = beforeWarranty + warranty;
  const perKWh = 1 / pack.energy_kWh;
  const byCategory: CostByCategory = {
    materials: materials * perKWh,
    purchasedItems: (cellItems + moduleItems + packItems) * perKWh,
    bms: bms * perKWh,
    directLabor: labor * perKWh,
    variableOverhead: vo * perKWh,
    gsa: sum("gsa") * perKWh,
    rnd: sum("rnd") * perKWh,
    depreciation: sum("dep") * perKWh,
    profit: profit * perKWh,
    warranty: warranty * perKWh,
  };
  const mult = overheadMultipliers(rates);
  const byProcess = {} as Record<ProcessArea, number>;
  for (const s of stepResults) {
    const v =
      (mult.labor * s.labor_h_per_yr * rates.laborRate_USD_per_h +
        mult.capital * s.capex_USD +
        mult.building * s.area_m2 * rates.building_USD_per_m2) /
      energy_kWh_per_yr;
    byProcess[s.area] = (byProcess[s.area] ?? 0) + v;
  }
  const byMaterialPerKWh: Record<string, number> = {};
  for (const [k, v] of Object.entries(byMaterial)) byMaterialPerKWh[k] = v * perKWh;
  return {
    packCost_USD_per_kWh: packCost * perKWh,
    moduleCost_USD_per_kWh: (cellLevel.total + moduleLevel.total) * perKWh,
    cellCost_USD_per_kWh: cellLevel.total * perKWh,
    packCost_USD_per_pack: packCost,
    byCategory_USD_per_kWh: byCategory,
    byMaterial_USD_per_kWh: byMaterialPerKWh,
    purchasedItems_USD_per_kWh: {
      cell: cellItems * perKWh,
      module: moduleItems * perKWh,
      pack: packItems * perKWh,
    },
    byProcessWithOverhead_USD_per_kWh: byProcess,
    plant: {
      energy_GWh_per_yr: energy_kWh_per_yr / 1e6,
      capex_USD: capex,
      buildingArea_m2: area,
      directLabor_h_per_yr: (labor * packs) / rates.laborRate_USD_per_h,
      investment_USD: investment,
      steps: stepResults,
    },
    rates: rates_,
    uncertaintyBand: 0.15,
  };
}
