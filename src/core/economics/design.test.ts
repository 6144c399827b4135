import { describe, expect, it } from "vitest";
import { chemistries } from "../materials/index.js";
import { coatingProperties } from "./coating.js";
import { designCell } from "./design.js";
import { defaultPackTargets, standardFormats } from "./design-types.js";
import { DesignInputError } from "./errors.js";

const pouch = { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 } as const;
const nmc811 = chemistries["NMC811-G"]!;

describe("coating relations", () => {
  it("ρ_coat = (1−ε)/Σ w/ρ and Q_vol = q·w·ρ_coat (hand-computed NMC811 96/2/2, ε 0.25)", () => {
    const c = coatingProperties(nmc811.positive, "positive");
    const rho = 0.75 / (0.96 / 4.65 + 0.02 / 1.825 + 0.02 / 1.77);
    expect(c.coatingDensity_kg_per_m3).toBeCloseTo(rho * 1000, 6);
    expect(c.volumetricCapacity_Ah_per_m3).toBeCloseTo(213.6 * 0.96 * rho * 1000, 3);
  });
});

describe("design invariants", () => {
  const r = designCell({ chemistry: nmc811, format: pouch, pack: defaultPackTargets });
  it("cell energy × cells = pack energy; mass is the sum of the BOM", () => {
    expect((r.cell.energy_Wh * r.pack.cellsPerPack) / 1000).toBeCloseTo(100, 6);
    const sum = Object.values(r.cell.bom).reduce((a, b) => a + b, 0);
    expect(r.cell.mass_kg).toBeCloseTo(sum, 12);
  });
  it("negative areal capacity = N/P × positive", () => {
    expect(r.cell.negativeArealCapacity_mAh_per_cm2 / r.cell.positiveArealCapacity_mAh_per_cm2).toBeCloseTo(
      1.1,
      9,
    );
  });
  it("a demanding power target makes power bind and thins the electrode", () => {
    const hot = designCell({
      chemistry: nmc811,
      format: pouch,
      pack: { ...defaultPackTargets, power_kW: 900 },
    });
    expect(hot.cell.thicknessLimitedBy).toBe("power");
    expect(hot.cell.positiveThickness_m).toBeLessThan(r.cell.positiveThickness_m);
  });
  it("a 15-minute fast charge binds through the 9 mA/cm² current-density limit", () => {
    const fast = designCell({
      chemistry: nmc811,
      format: pouch,
      pack: { ...defaultPackTargets, fastChargeTime_min: 15 },
    });
    expect(fast.cell.thicknessLimitedBy).toBe("fastCharge");
    // areal capacity = j·t/0.8 = 9 mA/cm² × 0.25 h / 0.8
    expect(fast.cell.positiveArealCapacity_mAh_per_cm2).toBeCloseTo((9 * 0.25) / 0.8, 6);
  });
  it("cylindrical formats scale: 4680 holds more than 21700 more than 18650; Wh/kg in a plausible band", () => {
    const cap = (f: keyof typeof standardFormats) =>
      designCell({ chemistry: nmc811, format: standardFormats[f], pack: defaultPackTargets }).cell;
    const a = cap("18650");
    const b = cap("21700");
    const c = cap("4680");
    expect(a.capacity_Ah).toBeLessThan(b.capacity_Ah);
    expect(b.capacity_Ah).toBeLessThan(c.capacity_Ah);
    for (const cell of [a, b, c]) {
      expect(cell.specificEnergy_Wh_per_kg).toBeGreaterThan(200);
      expect(cell.specificEnergy_Wh_per_kg).toBeLessThan(350);
    }
  });
  it("Na-ion couples design and give lower Wh/kg than NMC811", () => {
    const na = designCell({ chemistry: chemistries["NaNMC-HC"]!, format: pouch, pack: defaultPackTargets });
    expect(na.cell.specificEnergy_Wh_per_kg).toBeLessThan(r.cell.specificEnergy_Wh_per_kg);
    expect(na.cell.specificEnergy_Wh_per_kg).toBeGreaterThan(100);
  });
});

describe("bad input names field, value and range", () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      "N/P < 1",
      () => designCell({ chemistry: { ...nmc811, npRatio: 0.9 }, format: pouch, pack: defaultPackTargets }),
      /npRatio = 0.9/,
    ],
    [
      "porosity outside (0,1)",
      () =>
        designCell({
          chemistry: { ...nmc811, positive: { ...nmc811.positive, porosity: 1.2 } },
          format: pouch,
          pack: defaultPackTargets,
        }),
      /positive.porosity = 1.2/,
    ],
    [
      "fractions not summing to 1",
      () =>
        designCell({
          chemistry: { ...nmc811, positive: { ...nmc811.positive, activeFraction: 0.9 } },
          format: pouch,
          pack: defaultPackTargets,
        }),
      /summing to 1/,
    ],
    [
      "thickness above the limit",
      () =>
        designCell({
          chemistry: nmc811,
          format: pouch,
          pack: defaultPackTargets,
          positiveThickness_m: 200e-6,
        }),
      /positiveThickness_m = 0.0002 m/,
    ],
    [
      "negative energy",
      () => designCell({ chemistry: nmc811, format: pouch, pack: { ...defaultPackTargets, energy_kWh: -1 } }),
      /energy_kWh = -1 kWh/,
    ],
  ];
  for (const [name, run, message] of cases) {
    it(name, () => {
      expect(run).toThrow(DesignInputError);
      expect(run).toThrow(message);
    });
  }
});

describe("coin cell", () => {
  it("capacity = areal capacity × positive disc area (single-sided), and cost refuses a lab format", async () => {
    const r = designCell({ chemistry: nmc811, format: standardFormats.CR2032, pack: defaultPackTargets });
    const discArea_cm2 = Math.PI * ((2.0 * 0.75) / 2) ** 2;
    expect(r.cell.capacity_Ah * 1000).toBeCloseTo(r.cell.positiveArealCapacity_mAh_per_cm2 * discArea_cm2, 9);
    const { estimateCost } = await import("./cost.js");
    expect(() => estimateCost(r, { packsPerYear: 1000 })).toThrow(/format.kind = "coin"/);
  });
});

describe("pack sizes (BatPaC step 4: the architecture fixes the cell count, the target fixes cell capacity)", () => {
  const at = (energy_kWh: number, power_kW: number, cellsPerModule = 20) =>
    designCell({
      chemistry: nmc811,
      format: pouch,
      pack: { ...defaultPackTargets, energy_kWh, power_kW, cellsPerModule },
    });
  const sizes = [50, 100, 150].map((e) => at(e, 3 * e));
  it("50–150 kWh with 400 cells: same cell count and series count, capacity ∝ pack energy", () => {
    for (const s of sizes) {
      expect(s.pack.cellsPerPack).toBe(400);
      expect(s.pack.nominalVoltage_V / s.cell.nominalVoltage_V).toBeCloseTo(200, 9);
      expect(s.cell.capacity_Ah / sizes[1]!.cell.capacity_Ah).toBeCloseTo(s.pack.energy_kWh / 100, 1);
    }
    // fixed pack hardware (BMS, jacket, busbars) weighs more per kWh in a small pack
    expect(sizes[0]!.pack.specificEnergy_Wh_per_kg).toBeLessThan(sizes[1]!.pack.specificEnergy_Wh_per_kg);
    expect(sizes[1]!.pack.specificEnergy_Wh_per_kg).toBeLessThan(sizes[2]!.pack.specificEnergy_Wh_per_kg);
  });
  it("150 kWh / 450 kW with 30 cells per module reproduces BatPaC's default cell (68.18 Ah, 336.0 Wh/kg)", () => {
    const big = at(150, 450, 30);
    expect(big.pack.cellsPerPack).toBe(600);
    expect(Math.abs(big.cell.capacity_Ah / 68.18 - 1)).toBeLessThan(0.02);
    expect(Math.abs(big.cell.specificEnergy_Wh_per_kg / 336.0 - 1)).toBeLessThan(0.02);
    expect(big.pack.nominalVoltage_V / big.cell.nominalVoltage_V).toBeCloseTo(300, 9);
  });
  it("modules in parallel halve the series count; a non-divisor of the module count is rejected", () => {
    const two = designCell({
      chemistry: nmc811,
      format: pouch,
      pack: { ...defaultPackTargets, modulesInParallel: 2 },
    });
    expect(two.pack.nominalVoltage_V / two.cell.nominalVoltage_V).toBeCloseTo(100, 9);
    expect(() =>
      designCell({ chemistry: nmc811, format: pouch, pack: { ...defaultPackTargets, modulesInParallel: 3 } }),
    ).toThrow(/pack\.modulesInParallel = 3/);
  });
});
