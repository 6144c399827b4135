import { describe, expect, it } from "vitest";
import { activeMaterials, chemistries } from "../materials/index.js";
import { estimateCost } from "./cost.js";
import { designCell } from "./design.js";
import { defaultPackTargets } from "./design-types.js";
import { defaultEnergyOptions, dryingEnergyPerKgSolvent, estimateManufacturingEnergy } from "./energy.js";
import { estimateGwp } from "./gwp.js";
import { packContents, simulateRecycling } from "./recycling.js";

const pouch = { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 } as const;
const nmc = chemistries["NMC811-G"]!;
const run = (chem = nmc, packs = 100_000) => {
  const d = designCell({ chemistry: chem, format: pouch, pack: defaultPackTargets });
  const c = estimateCost(d, { packsPerYear: packs });
  return { d, c, e: estimateManufacturingEnergy(d, c) };
};

describe("manufacturing energy (V8, V10)", () => {
  it("Li-ion plant ≥ 10 GWh/yr lies inside Degen et al. 2023's 20.3–37.5 kWh_prod/kWh_cell", () => {
    for (const packs of [100_000, 500_000, 1_000_000]) {
      for (const id of ["NMC811-G", "NMC622-G", "LFP-G"]) {
        const { e } = run(chemistries[id]!, packs);
        expect(e.total_kWh_per_kWh).toBeGreaterThan(20.3);
        expect(e.total_kWh_per_kWh).toBeLessThan(37.5);
      }
    }
  });
  it("NMP drying + recovery per kg is of the order of Ahmed 2016's 10.2 kWh/kg and ≥ 3× water's", () => {
    const nmp = dryingEnergyPerKgSolvent("NMP");
    const water = dryingEnergyPerKgSolvent("water");
    const nmp_kWh = (nmp.heat_J_per_kg + nmp.electricity_J_per_kg) / 3.6e6;
    expect(nmp_kWh).toBeGreaterThan(5);
    expect(nmp_kWh).toBeLessThan(15);
    expect(nmp_kWh / ((water.heat_J_per_kg + water.electricity_J_per_kg) / 3.6e6)).toBeGreaterThan(3);
  });
  it("heat balance: air heat scales with (1 − recuperation) and ΔT", () => {
    const a = dryingEnergyPerKgSolvent("NMP");
    const b = dryingEnergyPerKgSolvent("NMP", {
      ...defaultEnergyOptions,
      dryerHeatRecovery: 0,
    });
    expect(b.heat_J_per_kg).toBeGreaterThan(a.heat_J_per_kg);
  });
  it("scenarios: NMP > water > dry processing; energy intensity falls with plant size", () => {
    const water = { ...nmc, positive: { ...nmc.positive, binderId: "CMC-SBR", solvent: "water" as const } };
    const dry = {
      ...nmc,
      positive: { ...nmc.positive, solvent: "dry" as const },
      negative: { ...nmc.negative, solvent: "dry" as const },
    };
    const eN = run(nmc).e.total_kWh_per_kWh;
    const eW = run(water).e.total_kWh_per_kWh;
    const eD = run(dry).e.total_kWh_per_kWh;
    expect(eN).toBeGreaterThan(eW);
    expect(eW).toBeGreaterThan(eD);
    expect(run(nmc, 20_000).e.total_kWh_per_kWh).toBeGreaterThan(run(nmc, 1_000_000).e.total_kWh_per_kWh);
  });
  it("regenerative cyclers cut formation energy", () => {
    const { d, c, e } = run();
    const regen = estimateManufacturingEnergy(d, c, { cyclerRecovery: 0.85 });
    const f = (x: typeof e) => x.steps.find((s) => s.step === "formationAndAgeing")!.electricity_kWh_per_kWh;
    expect(f(regen)).toBeLessThan(f(e));
  });
});

describe("GWP (V11)", () => {
  it("NMC pack at a mid-carbon grid lies inside IVL 2019's 61–106 kg CO2e/kWh; LFP below NMC", () => {
    const { d, c, e } = run();
    const g = estimateGwp(d, c, e, { region: "mid" });
    expect(g.pack_kgCO2e_per_kWh).toBeGreaterThan(61);
    expect(g.pack_kgCO2e_per_kWh).toBeLessThan(106);
    const lfp = run(chemistries["LFP-G"]!);
    expect(estimateGwp(lfp.d, lfp.c, lfp.e).pack_kgCO2e_per_kWh).toBeLessThan(g.pack_kgCO2e_per_kWh);
    const stages = g.byStage_kgCO2e_per_kWh;
    expect(stages.materials + stages.cellManufacturing + stages.moduleAndPack).toBeCloseTo(
      g.pack_kgCO2e_per_kWh,
      9,
    );
  });
  it("a cleaner grid lowers only the manufacturing share; unknown regions are rejected", () => {
    const { d, c, e } = run();
    const se = estimateGwp(d, c, e, { region: "SE" });
    const cn = estimateGwp(d, c, e, { region: "CN" });
    expect(se.byStage_kgCO2e_per_kWh.cellManufacturing).toBeLessThan(
      cn.byStage_kgCO2e_per_kWh.cellManufacturing,
    );
    expect(se.byStage_kgCO2e_per_kWh.materials).toBeCloseTo(cn.byStage_kgCO2e_per_kWh.materials, 12);
    expect(() => estimateGwp(d, c, e, { region: "XX" as "SE" })).toThrow(/region/);
  });
});

describe("recycling flows", () => {
  const { d } = run();
  const contents = packContents(d, activeMaterials.NMC811!.elementMassFraction);
  const sales = Array.from({ length: 40 }, (_, i) => (i < 10 ? 100_000 : 0));
  it("conserves packs: sold = in use + retired, and eq. 15 energy = mass × Σ specific energy", () => {
    const r = simulateRecycling({
      packsSold_per_yr: sales,
      packMass_kg: d.pack.mass_kg,
      contents_kg_per_pack: contents,
      route: "hydrometallurgical",
      collectionRate: 0.9,
      lifetimeScale_yr: 12,
      lifetimeShape: 3,
    });
    const retired = r.endOfLife_packs_per_yr.reduce((a, b) => a + b, 0);
    expect(retired + r.inUse_packs[39]!).toBeCloseTo(1_000_000, 3);
    for (let t = 0; t < 40; t++) {
      expect(r.energy_kWh_per_yr[t]).toBeCloseTo(r.recycled_kg_per_yr[t]! * r.specificEnergy_kWh_per_kg, 6);
    }
    const li = r.recovered_kg.Li!.reduce((a, b) => a + b, 0);
    expect(li).toBeLessThanOrEqual(retired * contents.Li! * 0.9 * 0.9 + 1e-6);
  });
  it("pyrometallurgy recovers no lithium; hydrometallurgy does", () => {
    const base = {
      packsSold_per_yr: sales,
      packMass_kg: d.pack.mass_kg,
      contents_kg_per_pack: contents,
      collectionRate: 1,
      lifetimeScale_yr: 10,
      lifetimeShape: 2,
    };
    const pyro = simulateRecycling({ ...base, route: "pyrometallurgical" });
    const hydro = simulateRecycling({ ...base, route: "hydrometallurgical" });
    expect(pyro.recovered_kg.Li!.reduce((a, b) => a + b, 0)).toBe(0);
    expect(hydro.recovered_kg.Li!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(() => simulateRecycling({ ...base, route: "hydrometallurgical", collectionRate: 2 })).toThrow(
      /collectionRate = 2/,
    );
  });
});

describe("energy equations (hand-computed)", () => {
  it("NMP air/solvent ratio from the LEL: (1−y)/y · M_air/M_NMP with y = 0.1 × 1.3 %", () => {
    const y = 0.1 * 0.013;
    expect(dryingEnergyPerKgSolvent("NMP").airToSolvent_kg_per_kg).toBeCloseTo(
      ((1 - y) / y) * (28.97 / 99.13),
      9,
    );
  });
  it("water drying heat = [air·c_p·ΔT·(1−rec) + latent + ½ c_p,liq (T_b − T_amb)] / η_oven", () => {
    const air = 1 / 0.05;
    const expected = (air * 1006 * 105 * 0.5 + 2.257e6 + 4184 * (373.15 - 298.15) * 0.5) / 0.5;
    expect(dryingEnergyPerKgSolvent("water").heat_J_per_kg).toBeCloseTo(expected, 3);
  });
  it("formation without energy recovery costs cycles/η_cycler per kWh, plus ageing HVAC", () => {
    const { d, c } = run();
    const e = estimateManufacturingEnergy(d, c, { ageingHvac_W_per_m2: 0 });
    const f = e.steps.find((s) => s.step === "formationAndAgeing")!;
    expect(f.electricity_kWh_per_kWh).toBeCloseTo(3 / 0.9, 12);
  });
});
