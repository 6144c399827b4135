import { describe, expect, it } from "vitest";
import {
  applyParameterOverrides,
  compileParameterSet,
  getParameterSet,
  initialStoichiometries,
  listParameterSets,
  type ParameterSet,
  ParameterSetError,
  parseParameterSet,
  stoichiometryWindow,
} from "./index.js";

function errorOf(fn: () => unknown): ParameterSetError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParameterSetError) return error;
    throw error;
  }
  throw new Error("expected a ParameterSetError");
}

// biome-ignore lint/suspicious/noExplicitAny: tests corrupt arbitrary fields of the JSON on purpose
type Json = Record<string, any>;

function mutated(edit: (set: Json) => void): unknown {
  const set = structuredClone(getParameterSet("chen2020")) as unknown as Json;
  edit(set);
  return set;
}

describe("built-in parameter sets", () => {
  it("lists chen2020 and marquis2019 with descriptions, and every set validates", () => {
    const sets = listParameterSets();
    expect(sets.map((s) => s.name)).toEqual(expect.arrayContaining(["chen2020", "marquis2019"]));
    for (const { name, description } of sets) {
      expect(description.length).toBeGreaterThan(10);
      const set = getParameterSet(name);
      expect(set.kind).toBe("cellforge.parameter-set");
      expect(parseParameterSet(JSON.parse(JSON.stringify(set)))).toEqual(set);
    }
  });

  it("returns independent copies and accepts any letter case", () => {
    const a = getParameterSet("Chen2020");
    a.negative.thickness_m = 1;
    expect(getParameterSet("chen2020").negative.thickness_m).toBe(8.52e-5);
    expect(() => getParameterSet("nope")).toThrow(/unknown parameter set "nope": expected one of chen2020/);
  });
});

describe("parseParameterSet errors name the field, the value and the unit", () => {
  it("porosity out of range", () => {
    const e = errorOf(() => parseParameterSet(mutated((s) => (s.negative.porosity = 1.5))));
    expect(e.path).toBe("negative.porosity");
    expect(e.value).toBe(1.5);
    expect(e.message).toMatch(/negative\.porosity = 1\.5 \(dimensionless\): must be < 1/);
  });

  it("negative thickness, with its unit", () => {
    const e = errorOf(() => parseParameterSet(mutated((s) => (s.positive.thickness_m = -7e-5))));
    expect(e.message).toMatch(/positive\.thickness_m = -0\.00007 \(m\): must be > 0/);
    expect(e.unit).toBe("m");
  });

  it("composite units and missing fields", () => {
    const e = errorOf(() =>
      parseParameterSet(mutated((s) => (s.negativeCurrentCollector.specificHeatCapacity_J_per_kg_K = "hot"))),
    );
    expect(e.message).toMatch(/specificHeatCapacity_J_per_kg_K = "hot" \(J\/\(kg·K\)\): expected number/);
    const missing = errorOf(() =>
      parseParameterSet(mutated((s) => delete s.electrolyte.conductivity_S_per_m)),
    );
    expect(missing.message).toMatch(/electrolyte\.conductivity_S_per_m = missing \(S\/m\)/);
  });

  it("misspelt fields, wrong kind and non-object input", () => {
    const e = errorOf(() => parseParameterSet(mutated((s) => (s.positive.particleRadius = 5e-6))));
    expect(e.message).toMatch(/positive\.particleRadius = 0\.000005 .*unknown field particleRadius/);
    expect(errorOf(() => parseParameterSet(mutated((s) => (s.kind = "x")))).message).toMatch(
      /kind = "x".*expected "cellforge\.parameter-set"/,
    );
    expect(errorOf(() => parseParameterSet(42)).message).toMatch(/\(root\) = 42.*expected object/);
  });

  it("cross-field rules: initial concentration above maximum, cut-offs, solid + pore fractions", () => {
    expect(
      errorOf(() => parseParameterSet(mutated((s) => (s.negative.initialConcentration_mol_per_m3 = 4e4))))
        .message,
    ).toMatch(/negative\.initialConcentration_mol_per_m3 = 40000 \(mol\/m3\): exceeds the maximum/);
    expect(
      errorOf(() => parseParameterSet(mutated((s) => (s.cell.lowerVoltageCutoff_V = 4.3)))).message,
    ).toMatch(/cell\.lowerVoltageCutoff_V = 4\.3 \(V\): must be below the upper voltage cut-off 4\.2 V/);
    expect(errorOf(() => parseParameterSet(mutated((s) => (s.positive.porosity = 0.5)))).message).toMatch(
      /positive\.activeMaterialVolumeFraction = 0\.665.*must not exceed 1/,
    );
  });

  it("bad function data: unsorted table, rising OCP table, both slope and width in a term", () => {
    const table = { kind: "table", x: [0, 0.5, 0.4, 1], y: [1, 0.5, 0.4, 0.1], interpolation: "pchip" };
    expect(
      errorOf(() => parseParameterSet(mutated((s) => (s.negative.openCircuitPotential_V = table)))).message,
    ).toMatch(/negative\.openCircuitPotential_V\.x .*strictly increasing/);
    const rising = { kind: "table", x: [0, 0.5, 1], y: [1, 0.5, 0.6], interpolation: "linear" };
    expect(
      errorOf(() => parseParameterSet(mutated((s) => (s.negative.openCircuitPotential_V = rising)))).message,
    ).toMatch(
      /negative\.openCircuitPotential_V\.y\[2\] = 0\.6 \(V\): OCP table must fall with stoichiometry: it rises by 0\.100 V/,
    );
    expect(
      errorOf(() =>
        parseParameterSet(
          mutated(
            (s) =>
              (s.positive.openCircuitPotential_V.terms[2] = {
                type: "tanh",
                coefficient: 1,
                slope: 1,
                width: 1,
              }),
          ),
        ),
      ).message,
    ).toMatch(/give either slope or width/);
  });
});

describe("compiled functions", () => {
  it("tables, constants and Arrhenius factors compile to the expected values", () => {
    const set = parseParameterSet(
      mutated((s) => {
        s.negative.openCircuitPotential_V = { kind: "table", x: [0, 1], y: [1, 0], interpolation: "linear" };
        s.negative.particleDiffusivity_m2_per_s = {
          kind: "constant",
          value: 2e-14,
          arrhenius: { activationEnergy_J_per_mol: 30000, referenceTemperature_K: 298.15 },
        };
        s.negative.entropicChange_V_per_K = -1e-4;
      }),
    );
    const c = compileParameterSet(set);
    expect(c.negative.openCircuitPotential_V(0.25, 298.15)).toBeCloseTo(0.75, 15);
    // Entropic term: U + (T − Tref)·dU/dT.
    expect(c.negative.openCircuitPotential_V(0.25, 308.15)).toBeCloseTo(0.75 - 1e-3, 12);
    expect(c.negative.particleDiffusivity_m2_per_s(0.5, 298.15)).toBe(2e-14);
    expect(c.negative.particleDiffusivity_m2_per_s(0.5, 273.15)).toBeCloseTo(
      2e-14 * Math.exp((30000 / 8.314462618) * (1 / 298.15 - 1 / 273.15)),
      25,
    );
    expect(c.electrolyte.thermodynamicFactor).toBe(1);
    expect(c.negative.surfaceAreaPerVolume_per_m).toBeCloseTo((3 * 0.75) / 5.86e-6, 6);
  });

  it("j0 never returns NaN for concentrations slightly outside [0, c_max]", () => {
    const c = compileParameterSet(getParameterSet("chen2020"));
    const cmax = c.negative.maximumConcentration_mol_per_m3;
    expect(c.negative.exchangeCurrentDensity_A_per_m2(1000, cmax * 1.0001, 298.15)).toBe(0);
    expect(c.negative.exchangeCurrentDensity_A_per_m2(-1, 0.5 * cmax, 298.15)).toBe(0);
  });
});

describe("derivative closures agree with central differences of the value closures", () => {
  const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
  it.each(["chen2020", "marquis2019", "okane2022"])("%s", (name) => {
    const c = compileParameterSet(getParameterSet(name));
    for (const T of [298.15, 313.15]) {
      for (const side of ["negative", "positive"] as const) {
        const e = c[side];
        for (let x = 0.02; x < 0.99; x += 0.0137) {
          const ocpSlope = central((s) => e.openCircuitPotential_V(s, T), x, 1e-6);
          expect(Math.abs(e.openCircuitPotentialDerivative_V(x, T) - ocpSlope)).toBeLessThan(
            1e-5 * Math.max(1, Math.abs(ocpSlope)),
          );
          const dSlope = central((s) => e.particleDiffusivity_m2_per_s(s, T), x, 1e-6);
          expect(Math.abs(e.particleDiffusivityDerivative_m2_per_s(x, T) - dSlope)).toBeLessThan(1e-20);
        }
      }
      for (let ce = 50; ce < 4000; ce += 97) {
        const dk = central((v) => c.electrolyte.conductivity_S_per_m(v, T), ce, 1e-3);
        expect(Math.abs(c.electrolyte.conductivityDerivative_S_m2_per_mol(ce, T) - dk)).toBeLessThan(1e-8);
        const dd = central((v) => c.electrolyte.diffusivity_m2_per_s(v, T), ce, 1e-3);
        expect(Math.abs(c.electrolyte.diffusivityDerivative_m5_per_mol_s(ce, T) - dd)).toBeLessThan(1e-18);
      }
    }
    expect(c.negative.exchangeCurrentExponents).toEqual({ electrolyte: 0.5, surface: 0.5, vacancy: 0.5 });
  });
});

describe("applyParameterOverrides", () => {
  const base = getParameterSet("chen2020");

  it("sets numbers by dot path and validates the result", () => {
    const set = applyParameterOverrides(base, [
      "positive.particleRadius_m=5e-6",
      "cell.nominalCapacity_Ah = 4.8",
    ]);
    expect(set.positive.particleRadius_m).toBe(5e-6);
    expect(set.cell.nominalCapacity_Ah).toBe(4.8);
    expect(base.positive.particleRadius_m).toBe(5.22e-6);
  });

  it("sets optional fields the set does not have yet", () => {
    const set = applyParameterOverrides(base, ["negative.entropicChange_V_per_K=-1e-4"]);
    expect(compileParameterSet(set).negative.entropicChange_V_per_K(0.5)).toBe(-1e-4);
  });

  it("replaces a function by a constant or by JSON", () => {
    const set = applyParameterOverrides(base, [
      "negative.particleDiffusivity_m2_per_s=1e-14",
      'electrolyte.conductivity_S_per_m={"kind":"constant","value":1}',
    ]);
    const c = compileParameterSet(set);
    expect(c.negative.particleDiffusivity_m2_per_s(0.3, 298.15)).toBe(1e-14);
    expect(c.electrolyte.conductivity_S_per_m(500, 298.15)).toBe(1);
  });

  it("rejects unknown paths, malformed overrides and invalid values", () => {
    expect(() => applyParameterOverrides(base, ["positive.radius_m=1"])).toThrow(
      /positive has no field "radius_m" \(fields: material, thickness_m/,
    );
    expect(() => applyParameterOverrides(base, ["positive"])).toThrow(/expected <dot\.path>=<value>/);
    expect(() => applyParameterOverrides(base, ["positive.porosity.x=1"])).toThrow(/is a value, not a group/);
    expect(() => applyParameterOverrides(base, ["separator.porosity=abc"])).toThrow(
      /separator\.porosity = "abc" \(dimensionless\): expected number/,
    );
    expect(() => applyParameterOverrides(base, ["separator.thickness_m="])).toThrow(/separator\.thickness_m/);
  });
});

describe("initialStoichiometries", () => {
  it.each(["chen2020", "marquis2019"])(
    "%s: OCV at SOC 1 and 0 equals the defining voltages; lithium is conserved",
    (name) => {
      const set: ParameterSet = getParameterSet(name);
      const c = compileParameterSet(set);
      const T = c.cell.referenceTemperature_K;
      const ocv = (s: { negative: number; positive: number }) =>
        c.positive.openCircuitPotential_V(s.positive, T) - c.negative.openCircuitPotential_V(s.negative, T);
      const full = initialStoichiometries(c, 1);
      const empty = initialStoichiometries(c, 0);
      expect(ocv(full)).toBeCloseTo(set.cell.openCircuitVoltageAt100Soc_V ?? c.cell.upperVoltageCutoff_V, 9);
      expect(ocv(empty)).toBeCloseTo(set.cell.openCircuitVoltageAt0Soc_V ?? c.cell.lowerVoltageCutoff_V, 9);
      const lithium = (s: { negative: number; positive: number }) =>
        c.negative.activeMaterialVolumeFraction *
          c.negative.thickness_m *
          c.negative.maximumConcentration_mol_per_m3 *
          s.negative +
        c.positive.activeMaterialVolumeFraction *
          c.positive.thickness_m *
          c.positive.maximumConcentration_mol_per_m3 *
          s.positive;
      const initial = {
        negative: c.negative.initialConcentration_mol_per_m3 / c.negative.maximumConcentration_mol_per_m3,
        positive: c.positive.initialConcentration_mol_per_m3 / c.positive.maximumConcentration_mol_per_m3,
      };
      for (const soc of [0, 0.3, 0.77, 1]) {
        const s = initialStoichiometries(c, soc);
        expect(lithium(s) / lithium(initial)).toBeCloseTo(1, 12);
      }
      // The set's own initial state lies inside the window, at an OCV between the two limits.
      const w = stoichiometryWindow(c);
      expect(initial.negative).toBeGreaterThan(w.negativeAt0Soc);
      expect(initial.negative).toBeLessThan(w.negativeAt100Soc);
      // The window's charge is the same counted in either electrode (lithium conservation).
      const capacityIn = (side: "negative" | "positive", delta: number) =>
        (96485.33212 *
          c[side].activeMaterialVolumeFraction *
          c[side].thickness_m *
          c.cell.electrodeArea_m2 *
          c[side].maximumConcentration_mol_per_m3 *
          Math.abs(delta)) /
        3600;
      expect(w.capacity_Ah).toBeCloseTo(capacityIn("positive", w.positiveAt0Soc - w.positiveAt100Soc), 9);
      expect(w.capacity_Ah).toBeCloseTo(capacityIn("negative", w.negativeAt100Soc - w.negativeAt0Soc), 9);
      // Mid SOC: linear in stoichiometry.
      const half = initialStoichiometries(c, 0.5);
      expect(half.negative).toBeCloseTo(0.5 * (full.negative + empty.negative), 14);
    },
  );

  it("rejects SOC outside [0, 1] and unreachable voltages", () => {
    const c = compileParameterSet(getParameterSet("chen2020"));
    expect(() => initialStoichiometries(c, 1.2)).toThrow(
      /initial SOC = 1\.2 \(fraction\): expected a number from 0 to 1/,
    );
    expect(() => initialStoichiometries(c, Number.NaN)).toThrow(/initial SOC = NaN/);
    const high = compileParameterSet(
      applyParameterOverrides(getParameterSet("chen2020"), [
        "cell.upperVoltageCutoff_V=5.5",
        "cell.openCircuitVoltageAt100Soc_V=5.5",
      ]),
    );
    expect(() => initialStoichiometries(high, 1)).toThrow(/100 % SOC voltage 5\.5 V is not reachable/);
  });
});
