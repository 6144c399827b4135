import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../core/errors.js";
import { registerCostCommand } from "./cost.js";
import { registerDesignCommand } from "./design.js";

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerCostCommand(program);
  registerDesignCommand(program);
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(["node", "cellforge", ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

const stableKeys = [
  "packCost_USD_per_kWh",
  "cellCost_USD_per_kWh",
  "cellSpecificEnergy_Wh_per_kg",
  "cellEnergyDensity_Wh_per_L",
  "packSpecificEnergy_Wh_per_kg",
  "cellCapacity_Ah",
  "positiveElectrodeThickness_m",
  "negativeElectrodeThickness_m",
  "capex_USD",
  "manufacturingEnergy_kWh_per_kWh",
  "gwp_kgCO2e_per_kWh",
  "costByCategory_USD_per_kWh",
  "costByMaterial_USD_per_kWh",
  "costByProcessAreaWithOverhead_USD_per_kWh",
  "gwpByStage_kgCO2e_per_kWh",
];

describe("cellforge cost / design", () => {
  it("quick study from flags prints the stable JSON keys; LFP-G at 10 GWh is within 3 % of BatPaC 5.0", async () => {
    const text = await run([
      "cost",
      "--chemistry",
      "LFP-G",
      "--pack-energy-kWh",
      "100",
      "--pack-power-kW",
      "300",
      "--packs-per-year",
      "100000",
      "--output",
      "json",
    ]);
    const json = JSON.parse(text);
    for (const key of stableKeys) expect(json).toHaveProperty(key);
    expect(Math.abs(json.packCost_USD_per_kWh / 113.54 - 1)).toBeLessThan(0.03);
  });
  it("design file → table names the binding thickness limit", async () => {
    const text = await run(["design", "examples/nmc811-pouch.design.yaml"]);
    expect(text).toMatch(/limited by maxThickness/);
    expect(text).toMatch(/cell specific energy/);
  });
  it("bad flags give an InputError naming flag, value and unit", async () => {
    await expect(run(["cost", "--pack-energy-kWh", "abc"])).rejects.toThrow(
      /--pack-energy-kWh abc: expected a number in kWh/,
    );
    await expect(run(["cost", "--chemistry", "NMC999"])).rejects.toThrow(InputError);
    await expect(run(["cost", "--pack-power-kW", "-3"])).rejects.toThrow(/power_kW = -3 kW/);
    await expect(run(["design", "missing.yaml"])).rejects.toThrow(/missing.yaml/);
  });
});
