import { describe, expect, it } from "vitest";
import { dischargeWithBdf } from "../../../../test/helpers/bdf-discharge.js";
import { compileParameterSet, getParameterSet } from "../../parameters/index.js";
import { simulate } from "../../simulation/simulate.js";
import type { CellModel } from "../cell-model.js";
import { createDfnModel } from "./dfn-model.js";
import type { ModelParameters } from "./model-parameters.js";

const chen = compileParameterSet(getParameterSet("chen2020"));
const ambient_K = chen.cell.ambientTemperature_K;
const oneC_A = 5;

/** Chen2020 with every layer's thermal conductivity multiplied by `factor`. */
function withConductivityScaled(set: ModelParameters, factor: number): ModelParameters {
  const c = set.thermal.components;
  const scale = <T extends { thermalConductivity_W_per_m_K: number }>(part: T): T => ({
    ...part,
    thermalConductivity_W_per_m_K: part.thermalConductivity_W_per_m_K * factor,
  });
  return {
    ...set,
    thermal: {
      ...set.thermal,
      components: {
        negativeCurrentCollector: scale(c.negativeCurrentCollector),
        negativeElectrode: scale(c.negativeElectrode),
        separator: scale(c.separator),
        positiveElectrode: scale(c.positiveElectrode),
        positiveCurrentCollector: scale(c.positiveCurrentCollector),
      },
    },
  };
}

const profile = (model: CellModel, y: Float64Array): Float64Array => {
  const p = model.profileOutputs.find((o) => o.name === "temperature_K")!;
  const out = new Float64Array(p.grid_m.length);
  p.evaluate(y, out);
  return out;
};
const scalar = (model: CellModel, name: string) => model.scalarOutputs.find((o) => o.name === name)!;

describe("DFN x-full thermal", () => {
  it("reproduces the lumped model when the thermal conductivity is very large (Chen2020 1C)", () => {
    const outputTimes = Array.from({ length: 70 }, (_, k) => 50 * (k + 1));
    const lumpedModel = createDfnModel(chen, { thermal: "lumped" });
    const lumped = dischargeWithBdf(lumpedModel, oneC_A, 2.5, { outputTimes });
    const xModel = createDfnModel(withConductivityScaled(chen, 1e6), { thermal: "x-full" });
    const x = dischargeWithBdf(xModel, oneC_A, 2.5, { outputTimes });
    const n = Math.min(lumped.time_s.length, x.time_s.length) - 1; // last point: event time
    expect(n).toBeGreaterThan(60);
    let dv2 = 0;
    let dt2 = 0;
    let spread = 0;
    for (let k = 0; k < n; k++) {
      expect(x.time_s[k]).toBe(lumped.time_s[k]);
      dv2 += (x.voltage_V[k]! - lumped.voltage_V[k]!) ** 2;
      const tMean = scalar(xModel, "temperature_K").evaluate(x.time_s[k]!, x.states[k]!);
      dt2 += (tMean - lumped.temperature_K[k]!) ** 2;
      const T = profile(xModel, x.states[k]!);
      spread = Math.max(spread, Math.max(...T) - Math.min(...T));
    }
    expect(Math.sqrt(dv2 / n)).toBeLessThan(0.5e-3);
    expect(Math.sqrt(dt2 / n)).toBeLessThan(0.05);
    expect(spread).toBeLessThan(1e-6);
    // the run heats the cell noticeably, so the comparison is not trivial
    expect(lumped.temperature_K[n - 1]! - ambient_K).toBeGreaterThan(5);
    expect(Math.abs(x.endTime_s / lumped.endTime_s - 1)).toBeLessThan(1e-3);
  });

  it("balances energy: ∫ generated heat dt = stored + rejected within 1 % (realistic conductivity, 2C)", () => {
    const model = createDfnModel(chen, { thermal: "x-full" });
    const outputTimes = Array.from({ length: 400 }, (_, k) => 4.5 * (k + 1));
    const run = dischargeWithBdf(model, 2 * oneC_A, 2.5, { outputTimes });
    // Independent reconstruction of the layer properties from the parameter set (docs/models/thermal.md).
    const c = chen.thermal.components;
    const { cells, cellWidth_m } = model.layout;
    const N = cells.negative + cells.separator + cells.positive;
    const totalThickness =
      c.negativeCurrentCollector.thickness_m +
      c.negativeElectrode.thickness_m +
      c.separator.thickness_m +
      c.positiveElectrode.thickness_m +
      c.positiveCurrentCollector.thickness_m;
    const effectiveArea = chen.thermal.cellVolume_m3 / totalThickness;
    const rhoCp = (p: { density_kg_per_m3: number; specificHeatCapacity_J_per_kg_K: number }) =>
      p.density_kg_per_m3 * p.specificHeatCapacity_J_per_kg_K;
    const capacity: number[] = []; // J/K
    const coolingShare: number[] = []; // thickness / total thickness
    for (let i = 0; i < N; i++) {
      const layer =
        i < cells.negative
          ? c.negativeElectrode
          : i < cells.negative + cells.separator
            ? c.separator
            : c.positiveElectrode;
      let C = rhoCp(layer) * cellWidth_m[i]!;
      let L = cellWidth_m[i]!;
      if (i === 0) {
        C += rhoCp(c.negativeCurrentCollector) * c.negativeCurrentCollector.thickness_m;
        L += c.negativeCurrentCollector.thickness_m;
      }
      if (i === N - 1) {
        C += rhoCp(c.positiveCurrentCollector) * c.positiveCurrentCollector.thickness_m;
        L += c.positiveCurrentCollector.thickness_m;
      }
      capacity.push(C * effectiveArea);
      coolingShare.push(L / totalThickness);
    }
    const hA = chen.thermal.heatTransferCoefficient_W_per_m2_K * chen.thermal.coolingSurfaceArea_m2;
    let generated = 0;
    let rejected = 0;
    let previousQ = 0;
    let previousCooling = 0;
    for (const [k, y] of run.states.entries()) {
      const t = run.time_s[k]!;
      const q = ["ohmicHeat_W", "reactionHeat_W", "reversibleHeat_W"].reduce(
        (s, name) => s + scalar(model, name).evaluate(t, y),
        0,
      );
      const T = profile(model, y);
      let cooling = 0;
      for (let i = 0; i < N; i++) cooling += hA * coolingShare[i]! * (T[i]! - ambient_K);
      if (k > 0) {
        const dt = t - run.time_s[k - 1]!;
        generated += 0.5 * (q + previousQ) * dt;
        rejected += 0.5 * (cooling + previousCooling) * dt;
      }
      previousQ = q;
      previousCooling = cooling;
    }
    const first = profile(model, run.states[0]!);
    const last = profile(model, run.states.at(-1)!);
    let stored = 0;
    for (let i = 0; i < N; i++) stored += capacity[i]! * (last[i]! - first[i]!);
    expect(stored).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(Math.abs(generated - stored - rejected) / generated).toBeLessThan(0.01);
  });

  it("completes 1C and 2C with a non-uniform, bounded profile that grows with the rate", () => {
    const spreads = [1, 2].map((rate) => {
      const outputTimes = Array.from({ length: 40 }, (_, k) => (90 * (k + 1)) / rate);
      const model = createDfnModel(chen, { thermal: "x-full" });
      const run = dischargeWithBdf(model, rate * oneC_A, 2.5, { outputTimes });
      const lumped = dischargeWithBdf(createDfnModel(chen, { thermal: "lumped" }), rate * oneC_A, 2.5, {
        outputTimes,
      });
      expect(run.status).toBe("event");
      expect(run.eventIndex).toBe(0); // voltage cut-off, not a model limit
      expect(run.states.length).toBeGreaterThan(35);
      let spread = 0;
      for (const [k, y] of run.states.entries()) {
        const T = profile(model, y);
        // bounded: above ambient (heat only enters) and close to the lumped cell temperature at every x
        for (const v of T) {
          expect(v).toBeGreaterThanOrEqual(ambient_K - 1e-9);
          if (k < lumped.states.length - 1) expect(Math.abs(v - lumped.temperature_K[k]!)).toBeLessThan(0.5);
        }
        spread = Math.max(spread, Math.max(...T) - Math.min(...T));
      }
      return spread;
    });
    expect(spreads[0]!).toBeGreaterThan(1e-6);
    // a sub-millimetre stack with λ ≈ 0.2–2 W/(m·K) stays nearly isothermal through its thickness
    expect(spreads[1]!).toBeLessThan(0.1);
    // joule heating grows ~ I²: the through-thickness gradient grows faster than the rate
    expect(spreads[1]! / spreads[0]!).toBeGreaterThan(2);
  });

  it('simulate("dfn", "chen2020", "Discharge at 1C until 2.5 V", { thermal: "x-full" }) reports T and its profile', () => {
    const solution = simulate("dfn", "chen2020", "Discharge at 1C until 2.5 V", {
      thermal: "x-full",
      includeProfiles: true,
      outputPeriod_s: 120,
    });
    expect(solution.steps[0]!.terminationReason).toMatch(/2\.5 V/);
    const T = solution.series.temperature_K!;
    expect(T.length).toBe(solution.series.time_s.length);
    expect(T.at(-1)! - T[0]!).toBeGreaterThan(5);
    const profiles = solution.profiles!.find((p) => p.name === "temperature_K")!;
    expect(profiles.grid_m.length).toBe(60);
    expect(profiles.values.length).toBe(T.length);
    const lastProfile = profiles.values.at(-1)!;
    const mean = lastProfile.reduce((s, v) => s + v, 0) / lastProfile.length;
    expect(Math.abs(mean - T.at(-1)!)).toBeLessThan(0.01);
  });
});
