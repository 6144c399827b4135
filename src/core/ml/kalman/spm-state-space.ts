/**
 * A single-particle model (SPM) as a discrete state-space model for EKF/UKF state-of-charge estimation.
 *
 * Reduced order: each particle is the two-state polynomial approximation of Subramanian, Diwakar &
 * Tapriyal (parabolic-plus-quartic profile, volume-average concentration c̄ and volume-averaged flux q̄),
 * which reproduces the surface concentration of the full spherical diffusion within a few percent of the
 * surface gradient for moderate currents and costs two states instead of a radial mesh:
 *   dc̄/dt = −3 N / R,   dq̄/dt = −30 D q̄ / R² − 45 N / (2 R²),   c_surf = c̄ + (8R/35) q̄ − R N / (35 D)
 * with N the outward molar flux (mol/m²/s): N_n = I / (a_n L_n A F), N_p = −I / (a_p L_p A F).
 * The positive average stoichiometry follows from lithium conservation (the same cyclable-lithium
 * inventory the parameter set's SOC window uses), so the filter state is
 *   x = [θ̄_n, q̃_n, q̃_p, R_lump]
 * with θ̄_n = c̄_n / c_max,n, q̃ = q̄ R / c_max (dimensionless) and R_lump (Ω) a random-walk lumped
 * resistance that absorbs what the SPM leaves out (electrolyte polarisation, contact resistance
 * mismatch). The measurement is the SPM terminal voltage with symmetric Butler–Volmer kinetics:
 *   V = U_p(θ_p,surf) − U_n(θ_n,surf) + (2RT/F)[asinh(j_p / 2j0_p) − asinh(j_n / 2j0_n)] − I (R_contact + R_lump).
 * The transition is one backward-Euler step over Δt with the step's current; it is linear in the state
 * (D evaluated at the current average stoichiometry, frozen over the step), so its Jacobian is exact.
 * Input u = [current_A (discharge > 0), timeStep_s].
 * @see Subramanian, Diwakar, Tapriyal, J. Electrochem. Soc. 152 (2005) A2002, doi:10.1149/1.2032427
 * @see Santhanagopalan & White, J. Power Sources 161 (2006) 1346, doi:10.1016/j.jpowsour.2006.04.146 (SPM + EKF)
 */
import { InputError } from "../../errors.js";
import type { CompiledParameterSet } from "../../parameters/compile.js";
import { type StoichiometryWindow, stoichiometryWindow } from "../../parameters/stoichiometry.js";
import { faradayConstant_C_per_mol, gasConstant_J_per_mol_K } from "../../units/constants.js";
import type { StateSpaceModel } from "./state-space.js";

/** Indices of the filter state. */
export const SPM_STATE = {
  negativeAverage: 0,
  negativeFlux: 1,
  positiveFlux: 2,
  lumpedResistance: 3,
} as const;

export interface SpmStateSpaceOptions {
  /** Isothermal cell temperature (K); default: the set's ambient temperature. */
  readonly temperature_K?: number;
}

/** The SPM state-space model plus the SOC mapping of its state. */
export interface SpmStateSpace extends StateSpaceModel {
  readonly window: StoichiometryWindow;
  /** SOC (0..1 in the set's window) of a state: (θ̄_n − θ_n,0%) / (θ_n,100% − θ_n,0%). */
  stateOfCharge(x: ArrayLike<number>): number;
  /** Standard deviation of the SOC estimate from the state covariance P (n × n). */
  stateOfChargeStd(covariance: ArrayLike<number>): number;
  /**
   * Ohmic resistance the SPM leaves out (Ω): electrolyte (L_n/3κ_n + L_s/κ_s + L_p/3κ_p) and solid
   * (L_n/3σ_n + L_p/3σ_p) terms of the SPMe at the initial electrolyte concentration, over the area —
   * the default starting value of R_lump.
   */
  readonly ohmicResistance_ohm: number;
  /** A rested state (zero gradients) at a SOC, with a lumped resistance (Ω, default ohmicResistance_ohm). */
  restedState(soc: number, lumpedResistance_ohm?: number): Float64Array;
  /** Positive-electrode average stoichiometry implied by the negative one (lithium conservation). */
  positiveAverageStoichiometry(negativeAverage: number): number;
}

const STO_MIN = 1e-6;
const STO_MAX = 1 - 1e-6;
const clampSto = (s: number) => Math.min(Math.max(s, STO_MIN), STO_MAX);

/** Builds the reduced-order SPM state-space model from a compiled parameter set. */
export function createSpmStateSpace(
  set: CompiledParameterSet,
  options: SpmStateSpaceOptions = {},
): SpmStateSpace {
  const T = options.temperature_K ?? set.cell.ambientTemperature_K;
  if (!(Number.isFinite(T) && T > 0)) {
    throw new InputError(`temperature_K = ${T} K: expected a positive finite temperature`);
  }
  const window = stoichiometryWindow(set);
  const n = set.negative;
  const p = set.positive;
  const F = faradayConstant_C_per_mol;
  const area = set.cell.electrodeArea_m2;
  const Rn = n.particleRadius_m;
  const Rp = p.particleRadius_m;
  const cmaxN = n.maximumConcentration_mol_per_m3;
  const cmaxP = p.maximumConcentration_mol_per_m3;
  // N/I (mol/m²/s per A): outward molar flux per ampere of discharge current.
  const fluxPerAmpN = Rn / (3 * n.activeMaterialVolumeFraction * n.thickness_m * area * F);
  const fluxPerAmpP = -Rp / (3 * p.activeMaterialVolumeFraction * p.thickness_m * area * F);
  // Interfacial current density per ampere (A/m²/A).
  const jPerAmpN = fluxPerAmpN * F;
  const jPerAmpP = fluxPerAmpP * F;
  const capN = n.activeMaterialVolumeFraction * n.thickness_m * cmaxN;
  const capP = p.activeMaterialVolumeFraction * p.thickness_m * cmaxP;
  const lithium =
    n.activeMaterialVolumeFraction * n.thickness_m * n.initialConcentration_mol_per_m3 +
    p.activeMaterialVolumeFraction * p.thickness_m * p.initialConcentration_mol_per_m3;
  const positiveAverage = (thetaN: number) => (lithium - thetaN * capN) / capP;
  const ce = set.electrolyte.initialConcentration_mol_per_m3;
  const thermal_V = (2 * gasConstant_J_per_mol_K * T) / F;
  const contact_ohm = set.cell.contactResistance_Ohm;
  const kappa = set.electrolyte.conductivity_S_per_m(ce, T);
  const s = set.separator;
  const electrolyteOhmic =
    n.thickness_m / (3 * kappa * n.porosity ** n.bruggemanElectrolyte) +
    s.thickness_m / (kappa * s.porosity ** s.bruggemanElectrolyte) +
    p.thickness_m / (3 * kappa * p.porosity ** p.bruggemanElectrolyte);
  const solidConductivity = (e: typeof n, b: number) => e.conductivity_S_per_m * (1 - e.porosity) ** b;
  const solidOhmic =
    n.thickness_m / (3 * solidConductivity(n, set.source.negative.bruggemanElectrode)) +
    p.thickness_m / (3 * solidConductivity(p, set.source.positive.bruggemanElectrode));
  const ohmicResistance_ohm = (electrolyteOhmic + solidOhmic) / area;
  const span = window.negativeAt100Soc - window.negativeAt0Soc;
  const dN = (sto: number) => n.particleDiffusivity_m2_per_s(clampSto(sto), T);
  const dP = (sto: number) => p.particleDiffusivity_m2_per_s(clampSto(sto), T);

  const checkInput = (u: Float64Array): void => {
    const dt = u[1]!;
    if (!(Number.isFinite(dt) && dt > 0)) {
      throw new RangeError(`input u[1] (timeStep_s) must be a positive finite time step, got ${dt} s`);
    }
  };

  /** Backward-Euler decay factors 1/(1 + 30 D Δt / R²) of the flux states (D frozen over the step). */
  const decayNegative = (thetaN: number, dt: number) => 1 / (1 + (30 * dN(thetaN) * dt) / (Rn * Rn));
  const decayPositive = (thetaN: number, dt: number) =>
    1 / (1 + (30 * dP(positiveAverage(thetaN)) * dt) / (Rp * Rp));

  const transition = (x: Float64Array, u: Float64Array, out: Float64Array): void => {
    checkInput(u);
    const I = u[0]!;
    const dt = u[1]!;
    const aN = decayNegative(x[0]!, dt);
    const aP = decayPositive(x[0]!, dt);
    out[0] = x[0]! - (3 * dt * fluxPerAmpN * I) / (Rn * cmaxN);
    out[1] = aN * (x[1]! - (45 * dt * fluxPerAmpN * I) / (2 * Rn * cmaxN));
    out[2] = aP * (x[2]! - (45 * dt * fluxPerAmpP * I) / (2 * Rp * cmaxP));
    out[3] = x[3]!;
  };

  /** Surface stoichiometries of both particles at state x under current I (clamped into (0, 1)). */
  const surfaceNegative = (x: Float64Array, I: number) =>
    clampSto(x[0]! + (8 / 35) * x[1]! - (Rn * fluxPerAmpN * I) / (35 * dN(x[0]!) * cmaxN));
  const surfacePositive = (x: Float64Array, I: number) => {
    const thetaP = positiveAverage(x[0]!);
    return clampSto(thetaP + (8 / 35) * x[2]! - (Rp * fluxPerAmpP * I) / (35 * dP(thetaP) * cmaxP));
  };

  const measurement = (x: Float64Array, u: Float64Array, out: Float64Array): void => {
    const I = u[0]!;
    const surfN = surfaceNegative(x, I);
    const surfP = surfacePositive(x, I);
    const j0N = n.exchangeCurrentDensity_A_per_m2(ce, surfN * cmaxN, T);
    const j0P = p.exchangeCurrentDensity_A_per_m2(ce, surfP * cmaxP, T);
    out[0] =
      p.openCircuitPotential_V(surfP, T) -
      n.openCircuitPotential_V(surfN, T) +
      thermal_V * (Math.asinh((jPerAmpP * I) / (2 * j0P)) - Math.asinh((jPerAmpN * I) / (2 * j0N))) -
      I * (contact_ohm + x[3]!);
  };

  const expN = n.exchangeCurrentExponents;
  const expP = p.exchangeCurrentExponents;
  const measurementJacobian = (x: Float64Array, u: Float64Array, out: Float64Array): void => {
    const I = u[0]!;
    const thetaN = x[0]!;
    const thetaP = positiveAverage(thetaN);
    const surfN = surfaceNegative(x, I);
    const surfP = surfacePositive(x, I);
    const argN = (jPerAmpN * I) / (2 * n.exchangeCurrentDensity_A_per_m2(ce, surfN * cmaxN, T));
    const argP = (jPerAmpP * I) / (2 * p.exchangeCurrentDensity_A_per_m2(ce, surfP * cmaxP, T));
    // ∂ln j0/∂θ_surf = b/θ − c/(1 − θ); ∂asinh(j/2j0)/∂θ = −arg·∂ln j0/∂θ / √(1 + arg²).
    const gN = expN.surface / surfN - expN.vacancy / (1 - surfN);
    const gP = expP.surface / surfP - expP.vacancy / (1 - surfP);
    const dhdN =
      -n.openCircuitPotentialDerivative_V(surfN, T) + (thermal_V * argN * gN) / Math.sqrt(1 + argN * argN);
    const dhdP =
      p.openCircuitPotentialDerivative_V(surfP, T) - (thermal_V * argP * gP) / Math.sqrt(1 + argP * argP);
    // θ_surf depends on θ̄ also through D(θ̄) in the −R N/(35 D c_max) term.
    const dN0 = dN(thetaN);
    const dP0 = dP(thetaP);
    const dsNdTheta =
      1 +
      (Rn * fluxPerAmpN * I * n.particleDiffusivityDerivative_m2_per_s(clampSto(thetaN), T)) /
        (35 * dN0 * dN0 * cmaxN);
    const dsPdTheta =
      (1 +
        (Rp * fluxPerAmpP * I * p.particleDiffusivityDerivative_m2_per_s(clampSto(thetaP), T)) /
          (35 * dP0 * dP0 * cmaxP)) *
      (-capN / capP);
    out[0] = dhdN * dsNdTheta + dhdP * dsPdTheta;
    out[1] = (dhdN * 8) / 35;
    out[2] = (dhdP * 8) / 35;
    out[3] = -I;
  };

  return {
    stateSize: 4,
    measurementSize: 1,
    window,
    ohmicResistance_ohm,
    transition,
    measurement,
    measurementJacobian,
    transitionJacobian(x: Float64Array, u: Float64Array, out: Float64Array): void {
      // Exact for constant D; with D(θ) the (weak) dependence of the decay factors on θ̄_n is neglected.
      checkInput(u);
      out.fill(0);
      out[0] = 1;
      out[5] = decayNegative(x[0]!, u[1]!);
      out[10] = decayPositive(x[0]!, u[1]!);
      out[15] = 1;
    },
    stateOfCharge(x: ArrayLike<number>): number {
      return (x[0]! - window.negativeAt0Soc) / span;
    },
    stateOfChargeStd(covariance: ArrayLike<number>): number {
      return Math.sqrt(Math.max(0, covariance[0]!)) / Math.abs(span);
    },
    restedState(soc: number, lumpedResistance_ohm = ohmicResistance_ohm): Float64Array {
      if (!Number.isFinite(soc)) throw new InputError(`soc = ${soc} (fraction): expected a finite number`);
      if (!Number.isFinite(lumpedResistance_ohm)) {
        throw new InputError(`lumpedResistance_ohm = ${lumpedResistance_ohm} Ω: expected a finite number`);
      }
      return Float64Array.of(window.negativeAt0Soc + soc * span, 0, 0, lumpedResistance_ohm);
    },
    positiveAverageStoichiometry: positiveAverage,
  };
}
