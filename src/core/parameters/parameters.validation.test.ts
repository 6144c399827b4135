/**
 * Our built-in sets against PyBaMM 26.6.2.0's own evaluation of Chen2020 and Marquis2019
 * (fixtures/pybamm-params: scalars and function tables) and against the first sample of PyBaMM's
 * SPM 1C discharge (fixtures/pybamm-spm), which is OCV minus the two Butler–Volmer overpotentials.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { faradayConstant_C_per_mol, gasConstant_J_per_mol_K } from "../units/constants.js";
import { type CompiledParameterSet, compileParameterSet, getParameterSet } from "./index.js";

interface PybammFunction {
  name: string;
  table?: {
    stoichiometry?: number[];
    c_e_mol_per_m3?: number[];
    values: (number | null)[];
    temperature_K: number;
  };
  table_vs_stoichiometry?: { c_s_surf_mol_per_m3: number[]; values: number[]; c_e_mol_per_m3: number };
  table_vs_electrolyte_concentration?: { c_e_mol_per_m3: number[]; values: number[]; stoichiometry: number };
  temperature_dependence?: { activation_energy_J_per_mol: number };
}
interface PybammSet {
  scalars: { name: string; value: number }[];
  functions: PybammFunction[];
}

const pybamm = (file: string) =>
  JSON.parse(readFileSync(`fixtures/pybamm-params/${file}`, "utf8")) as PybammSet;

const cases = [
  { name: "chen2020", file: "chen2020.json", spm: "fixtures/pybamm-spm/Chen2020_SPM_1C.csv" },
  { name: "marquis2019", file: "marquis2019.json", spm: "fixtures/pybamm-spm/Marquis2019_SPM_1C.csv" },
  { name: "okane2022", file: "okane2022-trimmed.json", spm: undefined },
] as const;

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}

/** Function of one argument at 298.15 K as PyBaMM names it, for our compiled set. */
function ours(set: CompiledParameterSet, name: string): ((x: number) => number) | undefined {
  const T = 298.15;
  const table: Record<string, (x: number) => number> = {
    "Negative electrode OCP [V]": (x) => set.negative.openCircuitPotential_V(x, T),
    "Positive electrode OCP [V]": (x) => set.positive.openCircuitPotential_V(x, T),
    "Negative electrode OCP entropic change [V.K-1]": (x) => set.negative.entropicChange_V_per_K(x),
    "Positive electrode OCP entropic change [V.K-1]": (x) => set.positive.entropicChange_V_per_K(x),
    "Negative particle diffusivity [m2.s-1]": (x) => set.negative.particleDiffusivity_m2_per_s(x, T),
    "Positive particle diffusivity [m2.s-1]": (x) => set.positive.particleDiffusivity_m2_per_s(x, T),
    "Electrolyte diffusivity [m2.s-1]": (c) => set.electrolyte.diffusivity_m2_per_s(c, T),
    "Electrolyte conductivity [S.m-1]": (c) => set.electrolyte.conductivity_S_per_m(c, T),
  };
  return table[name];
}

describe.each(cases)("built-in set $name vs PyBaMM", ({ name, file, spm }) => {
  const reference = pybamm(file);
  const set = compileParameterSet(getParameterSet(name));
  const scalar = (n: string) => {
    const s = reference.scalars.find((x) => x.name === n);
    if (s === undefined) throw new Error(`fixture lacks ${n}`);
    return s.value;
  };

  it("has PyBaMM's scalar values", () => {
    expect(set.negative.thickness_m).toBe(scalar("Negative electrode thickness [m]"));
    expect(set.positive.particleRadius_m).toBe(scalar("Positive particle radius [m]"));
    expect(set.separator.porosity).toBe(scalar("Separator porosity"));
    expect(set.negative.maximumConcentration_mol_per_m3).toBe(
      scalar("Maximum concentration in negative electrode [mol.m-3]"),
    );
    expect(set.positive.initialConcentration_mol_per_m3).toBe(
      scalar("Initial concentration in positive electrode [mol.m-3]"),
    );
    expect(set.electrolyte.cationTransferenceNumber).toBe(scalar("Cation transference number"));
    expect(set.cell.nominalCapacity_Ah).toBe(scalar("Nominal cell capacity [A.h]"));
    expect(set.cell.lowerVoltageCutoff_V).toBe(scalar("Lower voltage cut-off [V]"));
    expect(set.cell.electrodeArea_m2).toBeCloseTo(
      scalar("Electrode height [m]") * scalar("Electrode width [m]"),
      15,
    );
    expect(set.thermal.components.positiveCurrentCollector.density_kg_per_m3).toBe(
      scalar("Positive current collector density [kg.m-3]"),
    );
    expect(set.thermal.heatTransferCoefficient_W_per_m2_K).toBe(
      scalar("Total heat transfer coefficient [W.m-2.K-1]"),
    );
  });

  it("reproduces every tabulated function of one argument to 1e-8 relative (tables print 10 digits)", () => {
    let checked = 0;
    for (const f of reference.functions) {
      const fn = ours(set, f.name);
      if (fn === undefined || f.table === undefined) continue;
      const grid = f.table.stoichiometry ?? f.table.c_e_mol_per_m3!;
      const scale = Math.max(...f.table.values.map((v) => Math.abs(v ?? 0)));
      f.table.values.forEach((v, i) => {
        if (v === null) return;
        expect(Math.abs(fn(grid[i]!) - v) / scale, `${f.name} at ${grid[i]}`).toBeLessThan(1e-8);
      });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual({ chen2020: 4, marquis2019: 8, okane2022: 6 }[name]);
  });

  it("reproduces the exchange-current density vs c_s and c_e, and its Arrhenius factor", () => {
    for (const side of ["negative", "positive"] as const) {
      const label = `${side === "negative" ? "Negative" : "Positive"} electrode exchange-current density [A.m-2]`;
      const f = reference.functions.find((x) => x.name === label)!;
      const electrode = set[side];
      const vsSurface = f.table_vs_stoichiometry!;
      vsSurface.c_s_surf_mol_per_m3.forEach((cs, i) => {
        const v = vsSurface.values[i]!;
        if (v === 0) return;
        // c_s is printed to 10 digits, so near c_max the vacancy factor carries ~1e-8 relative noise.
        const value = electrode.exchangeCurrentDensity_A_per_m2(vsSurface.c_e_mol_per_m3, cs, 298.15);
        expect(relativeError(value, v)).toBeLessThan(1e-7);
      });
      const vsElectrolyte = f.table_vs_electrolyte_concentration!;
      const cs = vsElectrolyte.stoichiometry * electrode.maximumConcentration_mol_per_m3;
      vsElectrolyte.c_e_mol_per_m3.forEach((ce, i) => {
        const v = vsElectrolyte.values[i]!;
        if (v === 0) return;
        expect(relativeError(electrode.exchangeCurrentDensity_A_per_m2(ce, cs, 298.15), v)).toBeLessThan(
          1e-8,
        );
      });
      const E = f.temperature_dependence!.activation_energy_J_per_mol;
      const ratio =
        electrode.exchangeCurrentDensity_A_per_m2(1000, cs, 318.15) /
        electrode.exchangeCurrentDensity_A_per_m2(1000, cs, 298.15);
      expect(ratio).toBeCloseTo(Math.exp((E / gasConstant_J_per_mol_K) * (1 / 298.15 - 1 / 318.15)), 12);
    }
  });

  it.skipIf(spm === undefined)(
    "gives PyBaMM's first SPM 1C voltage: OCV minus symmetric Butler–Volmer overpotentials (< 0.1 mV)",
    () => {
      const firstVoltage = Number(readFileSync(spm!, "utf8").split("\n")[1]!.split(",")[1]);
      const T = 298.15;
      const current_A = set.cell.nominalCapacity_Ah; // 1C
      const ce = set.electrolyte.initialConcentration_mol_per_m3;
      const overpotential = (side: "negative" | "positive", sign: number) => {
        const e = set[side];
        const cs = e.initialConcentration_mol_per_m3;
        // Interfacial current density (A/m2 of particle surface) carrying the cell current through L·a·A.
        const j =
          (sign * current_A) / (set.cell.electrodeArea_m2 * e.thickness_m * e.surfaceAreaPerVolume_per_m);
        const j0 = e.exchangeCurrentDensity_A_per_m2(ce, cs, T);
        return ((2 * gasConstant_J_per_mol_K * T) / faradayConstant_C_per_mol) * Math.asinh(j / (2 * j0));
      };
      const xn = set.negative.initialConcentration_mol_per_m3 / set.negative.maximumConcentration_mol_per_m3;
      const xp = set.positive.initialConcentration_mol_per_m3 / set.positive.maximumConcentration_mol_per_m3;
      const ocv = set.positive.openCircuitPotential_V(xp, T) - set.negative.openCircuitPotential_V(xn, T);
      const voltage = ocv + overpotential("positive", -1) - overpotential("negative", 1);
      expect(Math.abs(voltage - firstVoltage)).toBeLessThan(1e-4);
    },
  );
});
