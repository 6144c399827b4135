/**
 * Initial particle stoichiometries for a state of charge, PyBaMM's `get_initial_stoichiometries` logic:
 * the cyclable lithium in the two particles (from the set's initial concentrations) is fixed; the
 * stoichiometry window is where the OCV U_p(y) − U_n(x) equals the voltage that defines 100 % SOC and
 * the one that defines 0 % SOC; SOC interpolates linearly inside that window.
 * @see Mohtat et al., J. Electrochem. Soc. 166 (2019) A3784, doi:10.1149/2.1321915jes (electrode SOH)
 */
import { InputError } from "../errors.js";
import { coulombsPerAmpereHour_C, faradayConstant_C_per_mol } from "../units/constants.js";
import type { CompiledParameterSet } from "./compile.js";

/** Window of stoichiometries at 0 % and 100 % SOC. */
export interface StoichiometryWindow {
  readonly negativeAt0Soc: number;
  readonly negativeAt100Soc: number;
  readonly positiveAt0Soc: number;
  readonly positiveAt100Soc: number;
  /** Charge between 0 % and 100 % SOC (Ah): F·ε_s·L·A·c_max·Δx, the same for both electrodes. */
  readonly capacity_Ah: number;
}

/** Solves for the stoichiometry window (bisection; the OCV is monotone in the negative stoichiometry). */
export function stoichiometryWindow(set: CompiledParameterSet): StoichiometryWindow {
  const n = set.negative;
  const p = set.positive;
  const T = set.cell.referenceTemperature_K;
  // Capacities in mol of lithium per unit area (the area cancels): ε_s·L·c_max.
  const capacityNegative = n.activeMaterialVolumeFraction * n.thickness_m * n.maximumConcentration_mol_per_m3;
  const capacityPositive = p.activeMaterialVolumeFraction * p.thickness_m * p.maximumConcentration_mol_per_m3;
  const lithium =
    n.activeMaterialVolumeFraction * n.thickness_m * n.initialConcentration_mol_per_m3 +
    p.activeMaterialVolumeFraction * p.thickness_m * p.initialConcentration_mol_per_m3;
  const positiveFor = (x: number) => (lithium - x * capacityNegative) / capacityPositive;
  const ocv = (x: number) => p.openCircuitPotential_V(positiveFor(x), T) - n.openCircuitPotential_V(x, T);
  const lo = Math.max(0, (lithium - capacityPositive) / capacityNegative);
  const hi = Math.min(1, lithium / capacityNegative);
  const source = set.source.cell;
  const solve = (voltage_V: number, label: string): number => {
    let a = lo;
    let b = hi;
    const fa = ocv(a) - voltage_V;
    const fb = ocv(b) - voltage_V;
    if (!(fa <= 0 && fb >= 0)) {
      throw new InputError(
        `${set.name}: the ${label} voltage ${voltage_V} V is not reachable with this lithium inventory ` +
          `(open-circuit voltage spans ${ocv(a).toFixed(4)}–${ocv(b).toFixed(4)} V over the usable stoichiometries)`,
      );
    }
    for (let i = 0; i < 200 && b - a > 1e-15; i++) {
      const m = 0.5 * (a + b);
      if (ocv(m) - voltage_V < 0) a = m;
      else b = m;
    }
    return 0.5 * (a + b);
  };
  const x100 = solve(source.openCircuitVoltageAt100Soc_V ?? set.cell.upperVoltageCutoff_V, "100 % SOC");
  const x0 = solve(source.openCircuitVoltageAt0Soc_V ?? set.cell.lowerVoltageCutoff_V, "0 % SOC");
  return {
    negativeAt0Soc: x0,
    negativeAt100Soc: x100,
    positiveAt0Soc: positiveFor(x0),
    positiveAt100Soc: positiveFor(x100),
    capacity_Ah:
      (faradayConstant_C_per_mol * capacityNegative * set.cell.electrodeArea_m2 * (x100 - x0)) /
      coulombsPerAmpereHour_C,
  };
}

/** Stoichiometries (c/c_max) of both particles at a state of charge in [0, 1]. */
export function initialStoichiometries(
  set: CompiledParameterSet,
  soc: number,
): { negative: number; positive: number } {
  if (!(Number.isFinite(soc) && soc >= 0 && soc <= 1)) {
    throw new InputError(`initial SOC = ${soc} (fraction): expected a number from 0 to 1`);
  }
  const w = stoichiometryWindow(set);
  return {
    negative: w.negativeAt0Soc + soc * (w.negativeAt100Soc - w.negativeAt0Soc),
    positive: w.positiveAt0Soc + soc * (w.positiveAt100Soc - w.positiveAt0Soc),
  };
}
