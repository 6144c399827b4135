import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBpxFile } from "../../../io/bpx-file.js";
import { simulate } from "../../simulation/simulate.js";
import { type CompiledParameterSet, compileParameterSet } from "../compile.js";
import { ParameterSetError } from "../errors.js";
import { getParameterSet, parseParameterSet } from "../registry.js";
import {
  compileExpression,
  compileExpressionDerivative,
  ExpressionError,
  fromBpx,
  parseBpxDocument,
  toBpx,
} from "./index.js";

const fixture = "fixtures/bpx/nmc_pouch_cell_BPX.json";
// biome-ignore lint/suspicious/noExplicitAny: the tests edit the fixture's JSON freely to make bad documents
const example = () => JSON.parse(readFileSync(fixture, "utf8")) as Record<string, any>;

describe("expression language", () => {
  it("evaluates like the equivalent closed form (Python precedence, ** and ^)", () => {
    const f = compileExpression(
      "1.5 * exp(-x) + 2 ^ 3 - -x**2 / sqrt(T) + tanh(x) * cosh(x) - sinh(x) + abs(-x) + log(x + 1)",
    );
    for (const [x, T] of [
      [0.3, 298.15],
      [0.9, 310],
    ] as const) {
      const reference =
        1.5 * Math.exp(-x) +
        8 +
        x ** 2 / Math.sqrt(T) +
        Math.tanh(x) * Math.cosh(x) -
        Math.sinh(x) +
        x +
        Math.log(x + 1);
      expect(f(x, T)).toBeCloseTo(reference, 14);
    }
    expect(compileExpression("-2 ** 2")(0, 0)).toBe(-4); // Python: -(2**2)
    expect(compileExpression("2 ** 3 ** 2")(0, 0)).toBe(512); // right-associative
  });

  it("differentiates symbolically: matches central differences", () => {
    const text =
      "0.1297 * (x / 1000) ** 3 - 2.51 * (x / 1000) ** 1.5 + 3.329 * (x / 1000) + tanh(x / 300) / cosh(x / 500) ** 2 + x ** (x / 2000)";
    const f = compileExpression(text);
    const df = compileExpressionDerivative(text);
    for (const x of [200, 1000, 2500]) {
      const h = 1e-3;
      const fd = (f(x + h, 298) - f(x - h, 298)) / (2 * h);
      expect(Math.abs(df(x, 298) - fd)).toBeLessThan(1e-8 * Math.max(1, Math.abs(fd)));
    }
  });

  it("rejects unsafe or malformed text with the position, never evaluating it", () => {
    expect(() => compileExpression("process.exit(1)")).toThrow(/unknown name "process.exit"/);
    expect(() => compileExpression("x +* 2")).toThrow(ExpressionError);
    expect(() => compileExpression("exp(x")).toThrow(/expected "\)" at position 6/);
    expect(() => compileExpression("x; 1")).toThrow(/unexpected character ";" at position 2/);
    expect(() => compileExpression("(".repeat(500))).toThrow(/nested/);
  });
});

/** Compiled functions of two sets agree (relative 1e-10) at sample points. */
function expectSameFunctions(a: CompiledParameterSet, b: CompiledParameterSet) {
  const close = (p: number, q: number, what: string) => {
    const scale = Math.max(Math.abs(p), Math.abs(q), 1e-300);
    expect(Math.abs(p - q) / scale, `${what}: ${p} vs ${q}`).toBeLessThan(1e-10);
  };
  for (const side of ["negative", "positive"] as const) {
    const [p, q] = [a[side], b[side]];
    for (const sto of [0.02, 0.1, 0.35, 0.5, 0.77, 0.95]) {
      for (const T of [268.15, 298.15, 318.15]) {
        close(
          p.openCircuitPotential_V(sto, T),
          q.openCircuitPotential_V(sto, T),
          `${side} OCP(${sto}, ${T})`,
        );
        close(
          p.particleDiffusivity_m2_per_s(sto, T),
          q.particleDiffusivity_m2_per_s(sto, T),
          `${side} D(${sto}, ${T})`,
        );
        const cs = sto * p.maximumConcentration_mol_per_m3;
        close(
          p.exchangeCurrentDensity_A_per_m2(1000, cs, T),
          q.exchangeCurrentDensity_A_per_m2(1000, cs, T),
          `${side} j0`,
        );
      }
      close(p.entropicChange_V_per_K(sto), q.entropicChange_V_per_K(sto), `${side} dU/dT(${sto})`);
      const dp = p.openCircuitPotentialDerivative_V(sto, 298.15);
      const dq = q.openCircuitPotentialDerivative_V(sto, 298.15);
      expect(Math.abs(dp - dq)).toBeLessThan(1e-9 * Math.max(1, Math.abs(dp)));
    }
    for (const key of [
      "thickness_m",
      "particleRadius_m",
      "activeMaterialVolumeFraction",
      "porosity",
      "bruggemanElectrolyte",
      "conductivity_S_per_m",
      "initialConcentration_mol_per_m3",
      "surfaceAreaPerVolume_per_m",
    ] as const) {
      close(p[key], q[key], `${side}.${key}`);
    }
  }
  for (const c of [50, 500, 1000, 2000, 3500]) {
    for (const T of [268.15, 298.15, 318.15]) {
      close(a.electrolyte.diffusivity_m2_per_s(c, T), b.electrolyte.diffusivity_m2_per_s(c, T), `De(${c})`);
      close(
        a.electrolyte.conductivity_S_per_m(c, T),
        b.electrolyte.conductivity_S_per_m(c, T),
        `kappa(${c})`,
      );
    }
  }
  close(a.separator.bruggemanElectrolyte, b.separator.bruggemanElectrolyte, "separator Bruggeman");
  for (const key of Object.keys(a.cell) as (keyof CompiledParameterSet["cell"])[])
    close(a.cell[key], b.cell[key], `cell.${key}`);
  expect(b.thermal).toEqual(a.thermal);
}

describe("BPX export and import", () => {
  for (const name of ["chen2020", "marquis2019"]) {
    for (const layout of ["1.0", "0.x"] as const) {
      it(`${name} → BPX ${layout} → set reproduces the compiled functions to 1e-10`, () => {
        const set = getParameterSet(name);
        const doc = JSON.parse(JSON.stringify(toBpx(set, { layout })));
        expect(() => parseBpxDocument(doc)).not.toThrow();
        const back = fromBpx(doc);
        expectSameFunctions(compileParameterSet(set), compileParameterSet(back));
      });
    }
  }

  it("rescales functions whose Arrhenius reference differs from the set's, and resamples spline tables", () => {
    const set = getParameterSet("chen2020");
    set.negative.particleDiffusivity_m2_per_s = {
      kind: "constant",
      value: 3.3e-14,
      arrhenius: { activationEnergy_J_per_mol: 30000, referenceTemperature_K: 310 },
    };
    set.electrolyte.conductivity_S_per_m = {
      kind: "table",
      x: [0, 1000, 2000, 4000],
      y: [0, 0.95, 0.8, 0.3],
      interpolation: "linear",
      extrapolation: "linear",
      arrhenius: { activationEnergy_J_per_mol: 17100, referenceTemperature_K: 290 },
    };
    const checked = parseParameterSet(set);
    expectSameFunctions(compileParameterSet(checked), compileParameterSet(fromBpx(toBpx(checked))));
    // O'Kane 2022's graphite OCP is a not-a-knot spline: exported as 401 linear points, within 1 mV.
    const okane = getParameterSet("okane2022");
    const [a, b] = [compileParameterSet(okane), compileParameterSet(fromBpx(toBpx(okane)))];
    for (let sto = 0.03; sto < 0.97; sto += 0.01) {
      expect(
        Math.abs(
          a.negative.openCircuitPotential_V(sto, 298.15) - b.negative.openCircuitPotential_V(sto, 298.15),
        ),
      ).toBeLessThan(1e-3);
    }
    expect(toBpx(okane).Header.Description).toMatch(/resampled to 401 linear points/);
  });

  it("without cellforge's User-defined extras, the BPX core alone keeps the physics (PyBaMM's reading)", () => {
    const set = getParameterSet("chen2020");
    const doc = JSON.parse(JSON.stringify(toBpx(set)));
    delete doc.Parameterisation["User-defined"];
    const back = fromBpx(doc);
    const [a, b] = [compileParameterSet(set), compileParameterSet(back)];
    expect(b.cell.electrodeArea_m2).toBeCloseTo(a.cell.electrodeArea_m2, 12);
    expect(b.negative.exchangeCurrentDensity_A_per_m2(1000, 15000, 298.15)).toBeCloseTo(
      a.negative.exchangeCurrentDensity_A_per_m2(1000, 15000, 298.15),
      9,
    );
    // The initial state comes from State's SOC: same initial stoichiometry (to the window's precision).
    expect(back.negative.initialConcentration_mol_per_m3).toBeCloseTo(
      set.negative.initialConcentration_mol_per_m3,
      3,
    );
  });

  it("imports the published About:Energy NMC example: the stoichiometry limits sit at its voltage cut-offs", () => {
    const set = readBpxFile(fixture);
    const doc = example();
    const n = doc.Parameterisation["Negative electrode"];
    // Transport efficiency 0.128 at porosity 0.253991 ⇒ Bruggeman 1.5 (ε^1.5 = 0.12800).
    expect(set.negative.bruggemanElectrolyte).toBeCloseTo(1.5, 3);
    expect(set.negative.activeMaterialVolumeFraction).toBeCloseTo(
      (n["Surface area per unit volume [m-1]"] * n["Particle radius [m]"]) / 3,
      12,
    );
    expect(set.cell.openCircuitVoltageAt0Soc_V).toBeCloseTo(2.7, 2);
    expect(set.cell.openCircuitVoltageAt100Soc_V).toBeCloseTo(4.2, 2);
    // 0.x layout without State: starts fully charged (PyBaMM's convention).
    expect(
      set.negative.initialConcentration_mol_per_m3 / set.negative.maximumConcentration_mol_per_m3,
    ).toBeCloseTo(0.75668, 12);
  });

  it("simulates the imported example: SPMe 1C discharge completes and matches the file's own 1C validation data", () => {
    const set = readBpxFile(fixture);
    const solution = simulate("spme", set, "Discharge at 1C until 2.7 V", { outputPeriod_s: 100 });
    expect(solution.isComplete).toBe(true);
    const measured = example().Validation["1C discharge"];
    const time: number[] = measured["Time [s]"];
    const voltage: number[] = measured["Voltage [V]"];
    const series = solution.series as unknown as { time_s: ArrayLike<number>; voltage_V: ArrayLike<number> };
    let sum = 0;
    let count = 0;
    for (let i = 1; i < time.length - 3; i++) {
      const k = Array.from(series.time_s).findIndex((t) => Math.abs(t - time[i]!) < 1e-6);
      if (k < 0) continue;
      sum += (series.voltage_V[k]! - voltage[i]!) ** 2;
      count++;
    }
    expect(count).toBeGreaterThan(20);
    const rmse_V = Math.sqrt(sum / count);
    // About:Energy fitted these parameters to this data with a DFN; SPMe (isothermal) stays within 15 mV.
    expect(rmse_V).toBeLessThan(0.015);
    expect(solution.dischargeCapacity_Ah).toBeGreaterThan(0.9 * 12.5);
  });

  it("imports the published About:Energy LFP example (version string, entropic table): limits at its cut-offs, SPMe 1C completes", () => {
    const set = readBpxFile("fixtures/bpx/lfp_18650_cell_BPX.json");
    expect(set.cell.openCircuitVoltageAt0Soc_V).toBeCloseTo(2.0, 2);
    expect(set.cell.openCircuitVoltageAt100Soc_V).toBeCloseTo(3.65, 2);
    const dUdT = compileParameterSet(set).positive.entropicChange_V_per_K;
    expect(dUdT(0.225)).toBeCloseTo((5.9833e-6 + -4.6859e-6) / 2, 15); // linear between table points
    const solution = simulate("spme", set, "Discharge at 1C until 2.0 V");
    expect(solution.isComplete).toBe(true);
    // Capacity between the stoichiometry limits is the nominal 2 Ah within a few per cent at 1C.
    expect(solution.dischargeCapacity_Ah).toBeGreaterThan(0.95 * 2);
    expect(solution.dischargeCapacity_Ah).toBeLessThan(1.05 * 2);
  });

  it("names the BPX field path, value and unit on schema errors", () => {
    const bad = example();
    bad.Parameterisation["Negative electrode"].Porosity = 1.5;
    expect(() => fromBpx(bad)).toThrow(
      /Parameterisation \/ Negative electrode \/ Porosity = 1\.5 \(dimensionless\): .*<\s?1/,
    );
    const missing = example();
    delete missing.Parameterisation.Separator["Thickness [m]"];
    expect(() => fromBpx(missing)).toThrow(
      /Separator \/ Thickness \[m\] = missing \(m\): required field is missing/,
    );
    const expression = example();
    expression.Parameterisation["Positive electrode"]["OCP [V]"] = "4.2 - __import__(x)";
    expect(() => fromBpx(expression)).toThrow(/Positive electrode \/ OCP \[V\].*unknown name "__import__"/);
    const blended = example();
    blended.Parameterisation["Positive electrode"].Particle = {};
    expect(() => fromBpx(blended)).toThrow(/Positive electrode \/ Particle.*blended electrodes/);
    const unknown = example();
    unknown.Parameterisation.Cell.Colour = 3;
    expect(() => fromBpx(unknown)).toThrow(/Cell \/ Colour = 3.*unknown field/);
    expect(() => fromBpx(unknown)).toThrow(ParameterSetError);
  });

  it("refuses to export what BPX cannot express, naming our field", () => {
    const set = getParameterSet("chen2020");
    set.negative.exchangeCurrentDensity_A_per_m2.surfaceExponent = 0.6;
    expect(() => toBpx(parseParameterSet(set))).toThrow(
      /negative\.exchangeCurrentDensity_A_per_m2\.surfaceExponent = 0\.6/,
    );
  });

  it("keeps an expression that uses T as a function of temperature", () => {
    const doc = example();
    doc.Parameterisation.Electrolyte["Diffusivity [m2.s-1]"] = "4e-10 * exp(-1000 * (1 / T - 1 / 298.15))";
    delete doc.Parameterisation.Electrolyte["Diffusivity activation energy [J.mol-1]"];
    const set = compileParameterSet(fromBpx(doc));
    expect(set.electrolyte.diffusivity_m2_per_s(1000, 298.15)).toBeCloseTo(4e-10, 20);
    expect(set.electrolyte.diffusivity_m2_per_s(1000, 320) / 4e-10).toBeCloseTo(
      Math.exp(-1000 * (1 / 320 - 1 / 298.15)),
      12,
    );
  });

  it("validates the expression form inside cellforge sets, naming the field", () => {
    const set = getParameterSet("marquis2019") as unknown as Record<string, Record<string, unknown>>;
    set.negative!.openCircuitPotential_V = { kind: "expression", expression: "0.2 + exp(-30 * x" };
    expect(() => parseParameterSet(set)).toThrow(
      /negative\.openCircuitPotential_V\.expression = "0\.2 \+ exp\(-30 \* x" .*expected "\)"/,
    );
    set.negative!.openCircuitPotential_V = { kind: "expression", expression: "0.2 + T / 1000" };
    expect(() => parseParameterSet(set)).toThrow(/negative\.openCircuitPotential_V\.temperature_K = missing/);
    set.negative!.openCircuitPotential_V = { kind: "expression", expression: "0.2 + exp(-30 * x)" };
    const ocp = compileParameterSet(parseParameterSet(set)).negative.openCircuitPotential_V;
    expect(ocp(0.1, 298.15)).toBeCloseTo(0.2 + Math.exp(-3), 14);
  });
});
