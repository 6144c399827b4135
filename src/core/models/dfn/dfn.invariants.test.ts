import { describe, expect, it } from "vitest";
import { dischargeWithBdf } from "../../../../test/helpers/bdf-discharge.js";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { lumpedThermalProperties } from "../thermal/lumped-thermal.js";
import { createDfnModel } from "./dfn-model.js";

const chen = compileParameterSet(getParameterSet("chen2020"));

describe("DFN invariants", () => {
  it("conserves charge (∫ a·j dx = ±I/A in each electrode) and lithium, and keeps concentrations in [0, c_max]", () => {
    const model = createDfnModel(chen);
    const { cells, x_m, cellWidth_m } = model.layout;
    const outputTimes = Array.from({ length: 12 }, (_, k) => 300 * (k + 1));
    const run = dischargeWithBdf(model, 5, 2.5, { outputTimes });
    const j = new Float64Array(cells.negative + cells.positive);
    const area = chen.cell.electrodeArea_m2;
    const a = [chen.negative.surfaceAreaPerVolume_per_m, chen.positive.surfaceAreaPerVolume_per_m];
    const lithium0 = model.lithiumInventory_mol(run.states[0]!);
    expect(x_m.length).toBe(cells.negative + cells.separator + cells.positive);
    for (const [k, y] of run.states.entries()) {
      if (k === 0) continue;
      model.interfacialCurrentDensity(run.time_s[k]!, y, j);
      let negative = 0;
      let positive = 0;
      for (let e = 0; e < cells.negative; e++) negative += a[0]! * j[e]! * cellWidth_m[e]!;
      for (let e = 0; e < cells.positive; e++) {
        positive += a[1]! * j[cells.negative + e]! * cellWidth_m[cells.negative + cells.separator + e]!;
      }
      expect(negative * area).toBeCloseTo(5, 4);
      expect(positive * area).toBeCloseTo(-5, 4);
      expect(Math.abs(model.lithiumInventory_mol(y) / lithium0 - 1)).toBeLessThan(1e-8);
      for (let i = 0; i < x_m.length; i++)
        expect(y[model.layout.electrolyteConcentration + i]!).toBeGreaterThan(0);
      for (let e = 0; e < cells.negative + cells.positive; e++) {
        const cmax = (e < cells.negative ? chen.negative : chen.positive).maximumConcentration_mol_per_m3;
        for (let r = 0; r < model.layout.particlePoints; r++) {
          const c = y[model.layout.particleConcentration + e * model.layout.particlePoints + r]!;
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(cmax);
        }
      }
    }
  });

  it("balances thermal energy: heat generated = heat stored + heat rejected (lumped)", () => {
    const model = createDfnModel(chen, { thermal: "lumped" });
    const outputTimes = Array.from({ length: 400 }, (_, k) => 8 * (k + 1));
    const run = dischargeWithBdf(model, 5, 2.5, { outputTimes });
    const props = lumpedThermalProperties(chen);
    const heat = (name: string) => model.scalarOutputs.find((o) => o.name === name)!;
    let generated = 0;
    let rejected = 0;
    let previousQ = 0;
    let previousCooling = 0;
    for (const [k, y] of run.states.entries()) {
      const t = run.time_s[k]!;
      const q = ["ohmicHeat_W", "reactionHeat_W", "reversibleHeat_W"].reduce(
        (s, n) => s + heat(n).evaluate(t, y),
        0,
      );
      const cooling =
        props.heatTransferCoefficient_W_per_m2_K * props.coolingArea_m2 * (run.temperature_K[k]! - 298.15);
      if (k > 0) {
        const dt = t - run.time_s[k - 1]!;
        generated += 0.5 * (q + previousQ) * dt;
        rejected += 0.5 * (cooling + previousCooling) * dt;
      }
      previousQ = q;
      previousCooling = cooling;
    }
    const stored =
      props.volumetricHeatCapacity_J_per_m3_K *
      props.cellVolume_m3 *
      (run.temperature_K.at(-1)! - run.temperature_K[0]!);
    expect(stored).toBeGreaterThan(0);
    expect(Math.abs(generated - stored - rejected) / generated).toBeLessThan(5e-3);
  });

  it("converges under mesh refinement (voltage at 1800 s, 10 → 20 → 40 cells per domain)", () => {
    const voltages = [10, 20, 40].map((n) => {
      const model = createDfnModel(chen, { mesh: { negative: n, separator: n, positive: n, particle: n } });
      return dischargeWithBdf(model, 5, 2.5, { outputTimes: [1800], rtol: 1e-8, atol: 1e-8 }).voltage_V[1]!;
    });
    const coarse = Math.abs(voltages[0]! - voltages[1]!);
    const fine = Math.abs(voltages[1]! - voltages[2]!);
    const order = Math.log2(coarse / fine);
    expect(fine).toBeLessThan(coarse);
    expect(order).toBeGreaterThan(0.9);
    expect(fine).toBeLessThan(1e-3);
  });

  it("ends a 3C Chen2020 discharge by electrolyte depletion, with a reason", () => {
    const model = createDfnModel(chen);
    const run = dischargeWithBdf(model, 15, 2.5);
    expect(run.status).toBe("event");
    expect(model.limitEvents!.reasons[run.eventIndex - 1]).toMatch(/electrolyte/);
    expect(run.voltage_V.at(-1)!).toBeGreaterThan(2.5);
  });

  it("makeAlgebraicConsistent zeroes the algebraic rows under a voltage control", () => {
    const model = createDfnModel(chen);
    const y = model.initialState();
    const control = { mode: "voltage" as const, value: () => 3.9 };
    expect(model.makeAlgebraicConsistent(control, 0, y)).toBe(true);
    const f = new Float64Array(model.size);
    model.rhs(0, y, control, f);
    let worst = 0;
    for (let k = 0; k < model.size; k++) if (model.mass[k] === 0) worst = Math.max(worst, Math.abs(f[k]!));
    expect(worst).toBeLessThan(1e-9);
    expect(model.voltage_V(0, y)).toBeCloseTo(3.9, 9);
    expect(y[model.index.current]!).toBeGreaterThan(0); // 3.9 V is below the OCV: the cell discharges
  });

  it("rejects non-physical input naming the field, value and unit", () => {
    expect(() => createDfnModel({ ...chen, negative: { ...chen.negative, thickness_m: -1e-5 } })).toThrow(
      /negative\.thickness_m = -0\.00001 m/,
    );
    expect(() => createDfnModel({ ...chen, positive: { ...chen.positive, porosity: 1.2 } })).toThrow(
      /positive\.porosity = 1\.2/,
    );
    expect(() => createDfnModel(chen, { mesh: { particle: 1 } })).toThrow(/mesh\.particle = 1/);
  });
});
