/**
 * Recycling as a yearly system-dynamics model of material flows: packs enter use each year, reach end of
 * life after a (Weibull-distributed) lifetime, are collected and recycled by a hydrometallurgical,
 * pyrometallurgical or direct route; each route recovers elements with its own efficiencies and spends
 * energy per process step. Energy flow = material flow × Σ specific energy per step (eq. 15 of
 * Vakhrusheva & Xu 2024). Recovered materials earn price and GWP credits.
 * Route figures are indicative (EverBatt 2020 order of magnitude; Harper et al., Nature 575 (2019) 75).
 * @see Dunn et al., EverBatt, Argonne National Laboratory (2020); doi 10.1038/s41586-019-1682-5
 */
import type { DesignResult } from "./design-types.js";
import { DesignInputError, requireRange } from "./errors.js";

export type RecyclingRoute = "hydrometallurgical" | "pyrometallurgical" | "direct";

export interface RouteData {
  /** Specific energy per kg of battery processed, per step (kWh/kg). */
  readonly stepEnergy_kWh_per_kg: Readonly<Record<string, number>>;
  /** Element (or "cathodeActive", "graphite") recovery efficiencies. */
  readonly recovery: Readonly<Record<string, number>>;
}

export const recyclingRoutes: Readonly<Record<RecyclingRoute, RouteData>> = {
  pyrometallurgical: {
    stepEnergy_kWh_per_kg: { dismantling: 0.05, smelting: 1.6, alloyLeaching: 0.4, refining: 0.3 },
    recovery: { Ni: 0.95, Co: 0.95, Cu: 0.9, Fe: 0, Li: 0, Mn: 0, Al: 0, graphite: 0 },
  },
  hydrometallurgical: {
    stepEnergy_kWh_per_kg: {
      dismantling: 0.05,
      shredding: 0.06,
      leaching: 0.35,
      solventExtraction: 0.4,
      precipitation: 0.3,
    },
    recovery: { Ni: 0.95, Co: 0.95, Mn: 0.9, Li: 0.9, Cu: 0.9, Al: 0.9, Fe: 0.5, graphite: 0 },
  },
  direct: {
    stepEnergy_kWh_per_kg: { dismantling: 0.05, shredding: 0.06, separation: 0.1, relithiation: 0.25 },
    recovery: { cathodeActive: 0.9, graphite: 0.8, Cu: 0.9, Al: 0.9 },
  },
};

/** Indicative secondary-material credits: price (US$/kg) and avoided primary GWP (kg CO2e/kg). */
export const recoveredMaterialCredits: Readonly<
  Record<string, { price_USD_per_kg: number; gwp_kgCO2e_per_kg: number }>
> = {
  Li: { price_USD_per_kg: 70, gwp_kgCO2e_per_kg: 60 },
  Ni: { price_USD_per_kg: 18, gwp_kgCO2e_per_kg: 13 },
  Co: { price_USD_per_kg: 33, gwp_kgCO2e_per_kg: 30 },
  Mn: { price_USD_per_kg: 2, gwp_kgCO2e_per_kg: 5 },
  Cu: { price_USD_per_kg: 9, gwp_kgCO2e_per_kg: 4 },
  Al: { price_USD_per_kg: 2.4, gwp_kgCO2e_per_kg: 9 },
  Fe: { price_USD_per_kg: 0.1, gwp_kgCO2e_per_kg: 2 },
  graphite: { price_USD_per_kg: 5, gwp_kgCO2e_per_kg: 5 },
};

export interface RecyclingInput {
  /** Packs put into use each year (index 0 = first year). */
  readonly packsSold_per_yr: readonly number[];
  readonly packMass_kg: number;
  /** Mass of each element (and "cathodeActive", "graphite") per pack, kg. */
  readonly contents_kg_per_pack: Readonly<Record<string, number>>;
  readonly route: RecyclingRoute;
  readonly collectionRate: number;
  /** Weibull lifetime: scale (years) and shape. */
  readonly lifetimeScale_yr: number;
  readonly lifetimeShape: number;
  /** Credit for a recovered cathode active material (direct route), US$/kg and kg CO2e/kg. */
  readonly cathodeCredit?: { price_USD_per_kg: number; gwp_kgCO2e_per_kg: number };
  readonly grid_kgCO2e_per_kWh?: number;
}

export interface RecyclingResult {
  readonly years: number;
  readonly inUse_packs: Float64Array;
  readonly endOfLife_packs_per_yr: Float64Array;
  readonly recycled_kg_per_yr: Float64Array;
  readonly energy_kWh_per_yr: Float64Array;
  readonly recovered_kg: Readonly<Record<string, Float64Array>>;
  readonly creditValue_USD_per_yr: Float64Array;
  readonly creditGwp_kgCO2e_per_yr: Float64Array;
  readonly processGwp_kgCO2e_per_yr: Float64Array;
  readonly specificEnergy_kWh_per_kg: number;
}

/** Weibull survival probability after `age_yr` years. */
function survival(age_yr: number, scale: number, shape: number): number {
  return Math.exp(-((Math.max(0, age_yr) / scale) ** shape));
}

/** Runs the stock-and-flow model over the sales horizon. */
export function simulateRecycling(input: RecyclingInput): RecyclingResult {
  const route = recyclingRoutes[input.route];
  if (!route)
    throw new DesignInputError("route", input.route, "", "hydrometallurgical, pyrometallurgical or direct");
  requireRange("collectionRate", input.collectionRate, "", 0, 1);
  requireRange("lifetimeScale_yr", input.lifetimeScale_yr, "yr", 0.1, 100);
  requireRange("lifetimeShape", input.lifetimeShape, "", 0.1, 50);
  requireRange("packMass_kg", input.packMass_kg, "kg", 0, 1e5);
  const years = input.packsSold_per_yr.length;
  input.packsSold_per_yr.forEach((v, i) => {
    requireRange(`packsSold_per_yr[${i}]`, v, "packs/yr", 0, 1e12);
  });
  const inUse = new Float64Array(years);
  const eol = new Float64Array(years);
  // Retirements in year t from the cohort sold in year s: S(t−s−1) − S(t−s) (mid-year convention).
  for (let t = 0; t < years; t++) {
    let stock = 0;
    let retired = 0;
    for (let s = 0; s <= t; s++) {
      const sold = input.packsSold_per_yr[s]!;
      const before = t === s ? 1 : survival(t - s - 0.5, input.lifetimeScale_yr, input.lifetimeShape);
      const after = survival(t - s + 0.5, input.lifetimeScale_yr, input.lifetimeShape);
      retired += sold * (before - after);
      stock += sold * after;
    }
    inUse[t] = stock;
    eol[t] = retired;
  }
  let specific = 0;
  for (const v of Object.values(route.stepEnergy_kWh_per_kg)) specific += v;
  const recycled = new Float64Array(years);
  const energy = new Float64Array(years);
  const value = new Float64Array(years);
  const credit = new Float64Array(years);
  const processGwp = new Float64Array(years);
  const recovered: Record<string, Float64Array> = {};
  const grid = input.grid_kgCO2e_per_kWh ?? 0.45;
  for (const key of Object.keys(route.recovery)) recovered[key] = new Float64Array(years);
  for (let t = 0; t < years; t++) {
    const packs = eol[t]! * input.collectionRate;
    recycled[t] = packs * input.packMass_kg;
    energy[t] = recycled[t]! * specific; // eq. 15: energy flow = material flow × Σ specific energy
    processGwp[t] = energy[t]! * grid;
    for (const [key, eta] of Object.entries(route.recovery)) {
      const kg = packs * (input.contents_kg_per_pack[key] ?? 0) * eta;
      recovered[key]![t] = kg;
      const c = key === "cathodeActive" ? input.cathodeCredit : recoveredMaterialCredits[key];
      if (c) {
        value[t]! += kg * c.price_USD_per_kg;
        credit[t]! += kg * c.gwp_kgCO2e_per_kg;
      }
    }
  }
  return {
    years,
    inUse_packs: inUse,
    endOfLife_packs_per_yr: eol,
    recycled_kg_per_yr: recycled,
    energy_kWh_per_yr: energy,
    recovered_kg: recovered,
    creditValue_USD_per_yr: value,
    creditGwp_kgCO2e_per_yr: credit,
    processGwp_kgCO2e_per_yr: processGwp,
    specificEnergy_kWh_per_kg: specific,
  };
}

/** Element (and cathode/graphite) masses in one pack of a design, for `RecyclingInput.contents_kg_per_pack`. */
export function packContents(
  design: DesignResult,
  elementMassFraction: Readonly<Record<string, number>>,
): Record<string, number> {
  const n = design.pack.cellsPerPack;
  const b = design.cell.bom;
  const h = design.pack.hardwareMass_kg;
  const cam = n * b.positiveActive_kg;
  const out: Record<string, number> = { cathodeActive: cam };
  for (const [el, f] of Object.entries(elementMassFraction)) out[el] = cam * f;
  if (design.chemistry.negative.activeMaterialId.includes("graphite")) out.graphite = n * b.negativeActive_kg;
  out.Cu =
    (out.Cu ?? 0) +
    n * (b.negativeFoil_kg + b.negativeTerminal_kg) +
    (h.cellInterconnects ?? 0) +
    (h.busbarsAndTerminals ?? 0);
  out.Al =
    (out.Al ?? 0) +
    n * (b.positiveFoil_kg + b.positiveTerminal_kg) +
    (h.heatConductors ?? 0) +
    (h.packJacket ?? 0) +
    (h.coolingPlates ?? 0);
  out.Fe = (out.Fe ?? 0) + (h.moduleEnclosures ?? 0) + (h.packTray ?? 0);
  return out;
}
