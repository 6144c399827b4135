import { describe, expect, it } from "vitest";
import { activeMaterials, chemistries, inactiveMaterials } from "./index.js";

describe("materials library", () => {
  it("every record has positive properties, a dated price and a citation; element fractions ≤ 1", () => {
    for (const m of Object.values(activeMaterials)) {
      expect(m.specificCapacity_mAh_per_g, m.id).toBeGreaterThan(0);
      expect(m.density_g_per_cm3, m.id).toBeGreaterThan(0);
      expect(m.price.year, m.id).toBeGreaterThanOrEqual(2015);
      expect(m.citation.length, m.id).toBeGreaterThan(0);
      const sum = Object.values(m.elementMassFraction).reduce((a, b) => a + b, 0);
      expect(sum, m.id).toBeLessThanOrEqual(1 + 1e-9);
    }
    for (const m of Object.values(inactiveMaterials)) {
      expect(m.density_g_per_cm3, m.id).toBeGreaterThan(0);
      expect(m.citation.length, m.id).toBeGreaterThan(0);
    }
  });
  it("stoichiometric NMC fractions: metals + oxygen = 1 and Ni:Mn:Co molar ratios are kept", () => {
    for (const [id, ni, mn, co] of [
      ["NMC333", 1 / 3, 1 / 3, 1 / 3],
      ["NMC532", 0.5, 0.3, 0.2],
      ["NMC622", 0.6, 0.2, 0.2],
    ] as const) {
      const f = activeMaterials[id]!.elementMassFraction;
      const molar = 6.94 + ni * 58.693 + mn * 54.938 + co * 58.933 + 2 * 15.999;
      const metals = f.Li! + f.Ni! + f.Mn! + f.Co!;
      expect(metals + (2 * 15.999) / molar).toBeCloseTo(1, 12);
      expect(f.Ni! / 58.693 / (f.Co! / 58.933)).toBeCloseTo(ni / co, 9);
      expect(f.Mn! / 54.938 / (f.Co! / 58.933)).toBeCloseTo(mn / co, 9);
    }
  });
  it("couples reference existing materials, recipes sum to 1 and carriers match", () => {
    for (const c of Object.values(chemistries)) {
      for (const e of [c.positive, c.negative]) {
        const am = activeMaterials[e.activeMaterialId];
        expect(am, `${c.id} ${e.activeMaterialId}`).toBeDefined();
        expect(am!.carrier === c.carrier || am!.carrier === "Li", c.id).toBe(true);
        expect(inactiveMaterials[e.binderId], c.id).toBeDefined();
        expect(inactiveMaterials[e.carbonId], c.id).toBeDefined();
        expect(inactiveMaterials[e.foilId], c.id).toBeDefined();
        expect(e.activeFraction + e.carbonFraction + e.binderFraction).toBeCloseTo(1, 12);
      }
      expect(activeMaterials[c.positive.activeMaterialId]!.carrier).toBe(c.carrier);
      expect(c.npRatio).toBeGreaterThanOrEqual(1);
    }
  });
});
