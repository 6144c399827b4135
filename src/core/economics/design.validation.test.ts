import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chemistries } from "../materials/index.js";
import { designCell } from "./design.js";
import { defaultPackTargets } from "./design-types.js";

/** BatPaC 5.0 recalculated cases (fixtures/techno-economics/batpac5_cases.csv). */
const rows = readFileSync("fixtures/techno-economics/batpac5_cases.csv", "utf8").trim().split("\n");
const header = rows[0]!.split(",");
const cases = rows.slice(1).map((line) => {
  const cells = line.split(",");
  const record: Record<string, string | number> = {};
  header.forEach((h, i) => {
    record[h] = i === 0 ? cells[i]! : Number(cells[i]);
  });
  return record;
});

const idOf = (name: string) => name.replace(" (Energy)", "");
const rel = (a: number, b: number) => Math.abs(a / b - 1);
const pouch = { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 } as const;

describe("design engine vs BatPaC 5.0 (V2)", () => {
  const seen = new Set<string>();
  for (const ref of cases) {
    const id = idOf(ref.chemistry as string);
    if (seen.has(id)) continue;
    seen.add(id);
    it(`${id}: cell within 2 %, pack Wh/kg and Wh/L within 3 %`, () => {
      const r = designCell({ chemistry: chemistries[id]!, format: pouch, pack: defaultPackTargets });
      expect(rel(r.cell.specificEnergy_Wh_per_kg, ref.cell_Wh_per_kg as number)).toBeLessThan(0.02);
      expect(rel(r.cell.energyDensity_Wh_per_L, ref.cell_Wh_per_L as number)).toBeLessThan(0.02);
      expect(rel(r.cell.capacity_Ah, ref.cell_Ah as number)).toBeLessThan(0.02);
      expect(rel(r.cell.positiveThickness_m * 1e6, ref.pos_thickness_um as number)).toBeLessThan(0.02);
      expect(rel(r.cell.negativeThickness_m * 1e6, ref.neg_thickness_um as number)).toBeLessThan(0.02);
      expect(rel(r.cell.positiveArealCapacity_mAh_per_cm2, ref.pos_mAh_per_cm2 as number)).toBeLessThan(0.02);
      expect(rel(r.pack.specificEnergy_Wh_per_kg, ref.pack_Wh_per_kg as number)).toBeLessThan(0.03);
      expect(rel(r.pack.energyDensity_Wh_per_L, ref.pack_Wh_per_L as number)).toBeLessThan(0.03);
      expect(r.cell.thicknessLimitedBy).toBe("maxThickness");
    });
  }
});
