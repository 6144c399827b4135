import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chemistries } from "../materials/index.js";
import { estimateCost, overheadMultipliers, packPriceClosedForm } from "./cost.js";
import { designCell } from "./design.js";
import { defaultPackTargets } from "./design-types.js";

const rows = readFileSync("fixtures/techno-economics/batpac5_cases.csv", "utf8").trim().split("\n");
const header = rows[0]!.split(",");
const cases = rows.slice(1).map((line) => Object.fromEntries(line.split(",").map((v, i) => [header[i]!, v])));
const breakdown = JSON.parse(readFileSync("fixtures/techno-economics/batpac5_breakdown.json", "utf8"));
const rel = (a: number, b: number) => Math.abs(a / b - 1);
const pouch = { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 } as const;
const design = (id: string) =>
  designCell({ chemistry: chemistries[id]!, format: pouch, pack: defaultPackTargets });

describe("overhead closed form (V1)", () => {
  it("multipliers follow from the rates: 1.06656, 1.86648, 0.253704, 0.153252", () => {
    const m = overheadMultipliers();
    expect(rel(m.materials, 1.06656)).toBeLessThan(1e-5);
    expect(rel(m.labor, 1.86648)).toBeLessThan(1e-5);
    expect(rel(m.capital, 0.253704)).toBeLessThan(1e-5);
    expect(rel(m.building, 0.153252)).toBeLessThan(1e-5);
  });
  it("reproduces BatPaC's 11 009.06 $/pack from its basic factors within 0.1 %", () => {
    const b = breakdown.closedForm;
    const price = packPriceClosedForm({
      materialsAndPurchased_USD_per_pack: b.materialsAndPurchased_USD_per_pack,
      directLabor_USD_per_pack: b.directLabor_USD_per_pack,
      capex_USD: b.capex_MUSD * 1e6,
      buildingArea_m2: b.buildingArea_m2,
      packsPerYear: b.packsPerYear,
    });
    expect(rel(price, b.packPrice_USD_per_pack)).toBeLessThan(1e-3);
  });
  it("the full engine agrees with the closed form applied to its own basic factors", () => {
    const c = estimateCost(design("NMC811-G"), { packsPerYear: 500_000 });
    const k = c.byCategory_USD_per_kWh;
    const closed =
      packPriceClosedForm({
        materialsAndPurchased_USD_per_pack: (k.materials + k.purchasedItems + k.bms) * 100,
        directLabor_USD_per_pack: k.directLabor * 100,
        capex_USD: c.plant.capex_USD,
        buildingArea_m2: c.plant.buildingArea_m2,
        packsPerYear: 500_000,
      }) / 100;
    expect(rel(c.packCost_USD_per_kWh, closed)).toBeLessThan(1e-9);
  });
});

describe("cost engine vs BatPaC 5.0 (V3, V4, V5)", () => {
  for (const ref of cases) {
    const id = ref.chemistry!.replace(" (Energy)", "");
    const packs = Number(ref.packs_per_year);
    it(`${id} at ${packs} packs/yr: pack and cell $/kWh within 3 %, plant capex/labour/area within 3 %`, () => {
      const c = estimateCost(design(id), { packsPerYear: packs });
      expect(rel(c.packCost_USD_per_kWh, Number(ref.pack_usd_per_kWh))).toBeLessThan(0.03);
      expect(rel(c.cellCost_USD_per_kWh, Number(ref.cell_usd_per_kWh))).toBeLessThan(0.03);
      expect(rel(c.plant.capex_USD / 1e6, Number(ref.capex_MUSD))).toBeLessThan(0.03);
      expect(rel(c.plant.directLabor_h_per_yr, Number(ref.direct_labor_h_per_yr))).toBeLessThan(0.03);
      expect(rel(c.plant.buildingArea_m2, Number(ref.plant_area_m2))).toBeLessThan(0.03);
      expect(rel(c.rates.nmpEvaporated_kg_per_yr, Number(ref.NMP_evaporated_kg_per_yr))).toBeLessThan(0.03);
    });
  }
  it("scale curve: 1 GWh ÷ 100 GWh pack $/kWh = 1.154 within 2 %", () => {
    const d = design("NMC811-G");
    const ratio =
      estimateCost(d, { packsPerYear: 10_000 }).packCost_USD_per_kWh /
      estimateCost(d, { packsPerYear: 1_000_000 }).packCost_USD_per_kWh;
    expect(rel(ratio, 124.9 / 108.27)).toBeLessThan(0.02);
  });
});

describe("cost breakdown, NMC811-G at 50 GWh, within 5 %", () => {
  const c = estimateCost(design("NMC811-G"), { packsPerYear: 500_000 });
  for (const [k, v] of Object.entries(breakdown.byCategory_USD_per_kWh_50GWh as Record<string, number>)) {
    it(`category ${k}`, () => {
      expect(rel(c.byCategory_USD_per_kWh[k as keyof typeof c.byCategory_USD_per_kWh], v)).toBeLessThan(0.05);
    });
  }
  for (const [k, v] of Object.entries(breakdown.byMaterial_USD_per_kWh_50GWh as Record<string, number>)) {
    it(`material ${k}`, () => expect(rel(c.byMaterial_USD_per_kWh[k]!, v)).toBeLessThan(0.05));
  }
  for (const [k, v] of Object.entries(
    breakdown.byProcessWithOverhead_USD_per_kWh_50GWh as Record<string, number>,
  )) {
    it(`process area ${k}`, () => {
      expect(
        rel(c.byProcessWithOverhead_USD_per_kWh[k as keyof typeof c.byProcessWithOverhead_USD_per_kWh], v),
      ).toBeLessThan(0.05);
    });
  }
  it("capex by process area matches BatPaC's split (electrode 681, cell assembly 435, formation 829 M$)", () => {
    const byArea: Record<string, number> = {};
    for (const s of c.plant.steps) byArea[s.area] = (byArea[s.area] ?? 0) + s.capex_USD / 1e6;
    for (const [k, v] of Object.entries(breakdown.plant50GWh_capexByArea_MUSD as Record<string, number>))
      expect(rel(byArea[k]!, v)).toBeLessThan(0.02);
  });
});

describe("market sanity bands (V12, ±25 %)", () => {
  it("NMC811 cell vs BNEF 2023 BEV cell 89 $/kWh; LFP cell vs BNEF LFP cell 95 $/kWh", () => {
    const nmcCell = estimateCost(design("NMC811-G"), { packsPerYear: 100_000 }).cellCost_USD_per_kWh;
    const lfpCell = estimateCost(design("LFP-G"), { packsPerYear: 100_000 }).cellCost_USD_per_kWh;
    expect(rel(nmcCell, 89)).toBeLessThan(0.25);
    expect(rel(lfpCell, 95)).toBeLessThan(0.25);
  });
});
