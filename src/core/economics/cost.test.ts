import { describe, expect, it } from "vitest";
import { chemistries } from "../materials/index.js";
import { estimateCost } from "./cost.js";
import { designCell } from "./design.js";
import { defaultPackTargets } from "./design-types.js";
import { DesignInputError } from "./errors.js";

const pouch = { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 } as const;
const nmc = chemistries["NMC811-G"]!;
const base = designCell({ chemistry: nmc, format: pouch, pack: defaultPackTargets });

describe("cost properties", () => {
  it("pack, module and cell $/kWh fall monotonically with production volume", () => {
    let previous = { pack: Number.POSITIVE_INFINITY, cell: Number.POSITIVE_INFINITY };
    for (const packs of [2_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 3_000_000]) {
      const c = estimateCost(base, { packsPerYear: packs });
      expect(c.packCost_USD_per_kWh).toBeLessThan(previous.pack);
      expect(c.cellCost_USD_per_kWh).toBeLessThan(previous.cell);
      expect(c.cellCost_USD_per_kWh).toBeLessThan(c.moduleCost_USD_per_kWh);
      expect(c.moduleCost_USD_per_kWh).toBeLessThan(c.packCost_USD_per_kWh);
      previous = { pack: c.packCost_USD_per_kWh, cell: c.cellCost_USD_per_kWh };
    }
  });
  it("thicker positive electrodes lower $/kWh until the 120 µm limit binds", () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const t of [40e-6, 60e-6, 80e-6, 100e-6, 120e-6]) {
      const d = designCell({
        chemistry: nmc,
        format: pouch,
        pack: defaultPackTargets,
        positiveThickness_m: t,
      });
      const cost = estimateCost(d, { packsPerYear: 100_000 }).packCost_USD_per_kWh;
      expect(cost).toBeLessThan(previous);
      previous = cost;
    }
    expect(() =>
      designCell({ chemistry: nmc, format: pouch, pack: defaultPackTargets, positiveThickness_m: 140e-6 }),
    ).toThrow(/positiveThickness_m = 0.00014 m/);
  });
  it("categories sum to the pack cost; a price override moves exactly its material line", () => {
    const c = estimateCost(base, { packsPerYear: 100_000 });
    const sum = Object.values(c.byCategory_USD_per_kWh).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(c.packCost_USD_per_kWh, 9);
    const cheap = estimateCost(base, { packsPerYear: 100_000, prices_USD_per_kg: { NMC811: 13 } });
    expect(cheap.byMaterial_USD_per_kWh.cathodeActive).toBeCloseTo(
      c.byMaterial_USD_per_kWh.cathodeActive! / 2,
      9,
    );
  });
  it("aqueous cathode processing saves 1–3 % of pack cost (Wood 2018, V7)", () => {
    const aqueous = { ...nmc, positive: { ...nmc.positive, binderId: "CMC-SBR", solvent: "water" as const } };
    const d = designCell({ chemistry: aqueous, format: pouch, pack: defaultPackTargets });
    const saving =
      1 -
      estimateCost(d, { packsPerYear: 100_000 }).packCost_USD_per_kWh /
        estimateCost(base, { packsPerYear: 100_000 }).packCost_USD_per_kWh;
    expect(saving).toBeGreaterThan(0.01);
    expect(saving).toBeLessThan(0.03);
  });
  it("rejects bad plant input with field, value and unit", () => {
    expect(() => estimateCost(base, { packsPerYear: -5 })).toThrow(DesignInputError);
    expect(() => estimateCost(base, { packsPerYear: -5 })).toThrow(/packsPerYear = -5 packs\/yr/);
    expect(() => estimateCost(base, { packsPerYear: 1e5, yields: { cell: 1.5 } })).toThrow(
      /yields.cell = 1.5/,
    );
  });
});
