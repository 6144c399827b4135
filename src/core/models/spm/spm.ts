/**
 * Single particle model (SPM): each electrode is one spherical particle with Fickian diffusion, the
 * electrolyte is at its initial concentration, and symmetric Butler–Volmer kinetics link the particle
 * surfaces to the terminal voltage.
 *
 * Symbols (SI): I applied current (A, discharge > 0), A electrode area (m², all parallel layers),
 * a = 3 εs / R specific surface area (1/m), L thickness (m), j interfacial current density (A/m²),
 * j0 exchange-current density (A/m²), U open-circuit potential (V), F Faraday constant.
 *   j_n = I / (a_n L_n A),  j_p = −I / (a_p L_p A)
 *   ∂c/∂t = (1/r²) ∂/∂r (r² D ∂c/∂r),  −D ∂c/∂r |_R = j / F
 *   V = U_p(c_p,surf) − U_n(c_n,surf) + (2RT/F) [asinh(j_p / 2j0_p) − asinh(j_n / 2j0_n)]
 * @see Marquis, Sulzer, Timms, Please, Chapman, J. Electrochem. Soc. 166 A3693 (2019), doi:10.1149/2.0341915jes
 */

import {
  createSphericalParticleMesh,
  particleAverageConcentration,
  particleDiffusionRhs,
  particleSurfaceConcentration,
  type SphericalParticleMesh,
} from "../../mesh/spherical-particle.js";
import { faradayConstant_C_per_mol, gasConstant_J_per_mol_K } from "../../units/constants.js";
import {
  type CellControl,
  type CellModel,
  controlResidual,
  type InitialStateOptions,
  type ScalarOutput,
} from "../cell-model.js";
import { tabulate } from "../dfn/tabulate.js";

/** What the SPM needs of one electrode: geometry plus fast material functions. */
export interface SpmElectrode {
  readonly thickness_m: number;
  readonly particleRadius_m: number;
  readonly activeMaterialVolumeFraction: number;
  readonly maximumConcentration_mol_per_m3: number;
  readonly initialConcentration_mol_per_m3: number;
  /** U(sto, T) including the entropic term (V). */
  openCircuitPotential_V(stoichiometry: number, temperature_K: number): number;
  /** j0(c_e, c_s,surf, T) (A/m²). */
  exchangeCurrentDensity_A_per_m2(
    electrolyteConcentration_mol_per_m3: number,
    surfaceConcentration_mol_per_m3: number,
    temperature_K: number,
  ): number;
  /** D(sto, T) (m²/s). */
  particleDiffusivity_m2_per_s(stoichiometry: number, temperature_K: number): number;
}

/** Inputs of the SPM, independent of how the parameter set stores them. */
export interface SpmInputs {
  readonly negative: SpmElectrode;
  readonly positive: SpmElectrode;
  /** Total electrode area over all parallel layers (m²). */
  readonly electrodeArea_m2: number;
  /** Electrolyte concentration, uniform and constant in the SPM (mol/m³). */
  readonly electrolyteConcentration_mol_per_m3: number;
  /** Cell temperature, constant (isothermal) (K). */
  readonly temperature_K: number;
}

/** Mesh options of the SPM. */
export interface SpmOptions {
  /** Finite-volume cells per particle (default 20, as PyBaMM). */
  readonly particlePoints?: number;
}

/** An SPM instance: the generic contract plus its particle layout (for tests and diagnostics). */
export interface SpmModel extends CellModel {
  readonly negativeMesh: SphericalParticleMesh;
  readonly positiveMesh: SphericalParticleMesh;
  /** Offsets of the negative and positive particle unknowns in y. */
  readonly offsets: { readonly negative: number; readonly positive: number };
  /** Moles of lithium stored in both electrodes at state y (mol). */
  lithiumInSolid_mol(y: Float64Array): number;
}

/** Builds the single particle model on a uniform radial mesh. */
export function createSpmModel(inputs: SpmInputs, options: SpmOptions = {}): SpmModel {
  const points = options.particlePoints ?? 20;
  const { negative, positive } = inputs;
  const negativeMesh = createSphericalParticleMesh(negative.particleRadius_m, points);
  const positiveMesh = createSphericalParticleMesh(positive.particleRadius_m, points);
  const offN = 0;
  const offP = points;
  const iCurrent = 2 * points;
  const size = 2 * points + 1;
  const mass = new Float64Array(size).fill(1);
  mass[iCurrent] = 0;

  const F = faradayConstant_C_per_mol;
  const T = inputs.temperature_K;
  const thermalVoltage_V = (2 * gasConstant_J_per_mol_K * T) / F;
  const ce = inputs.electrolyteConcentration_mol_per_m3;
  const area = inputs.electrodeArea_m2;
  const aLn = (3 * negative.activeMaterialVolumeFraction * negative.thickness_m) / negative.particleRadius_m;
  const aLp = (3 * positive.activeMaterialVolumeFraction * positive.thickness_m) / positive.particleRadius_m;
  const cmaxN = negative.maximumConcentration_mol_per_m3;
  const cmaxP = positive.maximumConcentration_mol_per_m3;
  const dN = constantOrFunction((sto: number) => negative.particleDiffusivity_m2_per_s(sto, T));
  const dP = constantOrFunction((sto: number) => positive.particleDiffusivity_m2_per_s(sto, T));

  // Isothermal: the OCPs at the fixed temperature come from 20001-node tables (interpolation error < 1 µV).
  const ocpN = tabulate((sto) => negative.openCircuitPotential_V(sto, T), 0, 1, 20001);
  const ocpP = tabulate((sto) => positive.openCircuitPotential_V(sto, T), 0, 1, 20001);
  // The rhs, the event functions and the output recorder ask for the voltage of the same state in turn:
  // remember the last evaluation.
  let lastCsN = Number.NaN;
  let lastCsP = Number.NaN;
  let lastCurrent = Number.NaN;
  let lastVoltage = Number.NaN;
  const voltage = (y: Float64Array, current_A: number): number => {
    const csN = particleSurfaceConcentration(negativeMesh, y, offN);
    const csP = particleSurfaceConcentration(positiveMesh, y, offP);
    if (csN === lastCsN && csP === lastCsP && current_A === lastCurrent) return lastVoltage;
    const jN = current_A / (aLn * area);
    const jP = -current_A / (aLp * area);
    const j0N = negative.exchangeCurrentDensity_A_per_m2(ce, csN, T);
    const j0P = positive.exchangeCurrentDensity_A_per_m2(ce, csP, T);
    lastCsN = csN;
    lastCsP = csP;
    lastCurrent = current_A;
    lastVoltage =
      ocpP(csP / cmaxP) -
      ocpN(csN / cmaxN) +
      thermalVoltage_V * (Math.asinh(jP / (2 * j0P)) - Math.asinh(jN / (2 * j0N)));
    return lastVoltage;
  };

  const scalarOutputs: ScalarOutput[] = [
    {
      name: "negativeSurfaceStoichiometry",
      evaluate: (_t, y) => particleSurfaceConcentration(negativeMesh, y, offN) / cmaxN,
    },
    {
      name: "positiveSurfaceStoichiometry",
      evaluate: (_t, y) => particleSurfaceConcentration(positiveMesh, y, offP) / cmaxP,
    },
    {
      name: "negativeAverageStoichiometry",
      evaluate: (_t, y) => particleAverageConcentration(negativeMesh, y, offN) / cmaxN,
    },
    {
      name: "positiveAverageStoichiometry",
      evaluate: (_t, y) => particleAverageConcentration(positiveMesh, y, offP) / cmaxP,
    },
  ];

  const volumeN = negative.activeMaterialVolumeFraction * negative.thickness_m * area;
  const volumeP = positive.activeMaterialVolumeFraction * positive.thickness_m * area;

  return {
    name: "spm",
    size,
    mass,
    index: { current: iCurrent },
    // Particle cells couple to their neighbours; the current (last unknown) couples to every surface cell.
    jacobianStructure: { kind: "bordered-banded", lower: 1, upper: 1, border: 1 },
    negativeMesh,
    positiveMesh,
    offsets: { negative: offN, positive: offP },
    initialState(init: InitialStateOptions = {}): Float64Array {
      const y = new Float64Array(size);
      const c0N = init.stoichiometry
        ? init.stoichiometry.negative * cmaxN
        : negative.initialConcentration_mol_per_m3;
      const c0P = init.stoichiometry
        ? init.stoichiometry.positive * cmaxP
        : positive.initialConcentration_mol_per_m3;
      y.fill(c0N, offN, offN + points);
      y.fill(c0P, offP, offP + points);
      y[iCurrent] = 0;
      return y;
    },
    rhs(t_s: number, y: Float64Array, control: CellControl, out: Float64Array): void {
      const current_A = y[iCurrent]!;
      // Outward molar flux at the surface: N = j / F.
      particleDiffusionRhs(negativeMesh, y, offN, cmaxN, dN, current_A / (aLn * area * F), out, offN);
      particleDiffusionRhs(positiveMesh, y, offP, cmaxP, dP, -current_A / (aLp * area * F), out, offP);
      out[iCurrent] = controlResidual(control, t_s, current_A, voltage(y, current_A));
    },
    voltage_V(_t_s: number, y: Float64Array): number {
      return voltage(y, y[iCurrent]!);
    },
    scalarOutputs,
    profileOutputs: [],
    limitEvents: {
      reasons: [
        "negative particle surface fully delithiated (stoichiometry 0)",
        "negative particle surface saturated (stoichiometry 1)",
        "positive particle surface fully delithiated (stoichiometry 0)",
        "positive particle surface saturated (stoichiometry 1)",
      ],
      evaluate(_t: number, y: Float64Array, out: Float64Array): void {
        const sN = particleSurfaceConcentration(negativeMesh, y, offN) / cmaxN;
        const sP = particleSurfaceConcentration(positiveMesh, y, offP) / cmaxP;
        out[0] = sN;
        out[1] = 1 - sN;
        out[2] = sP;
        out[3] = 1 - sP;
      },
    },
    lithiumInSolid_mol(y: Float64Array): number {
      return (
        particleAverageConcentration(negativeMesh, y, offN) * volumeN +
        particleAverageConcentration(positiveMesh, y, offP) * volumeP
      );
    },
  };
}

/** D(sto) as a number when it does not depend on the stoichiometry (checked at 101 points), else the function. */
function constantOrFunction(
  d: (stoichiometry: number) => number,
): number | ((stoichiometry: number) => number) {
  const d0 = d(0);
  for (let k = 1; k <= 100; k++) if (d(k / 100) !== d0) return d;
  return d0;
}
