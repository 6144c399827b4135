/**
 * Doyle–Fuller–Newman (pseudo-two-dimensional) lithium-ion cell model, finite volumes in x and r.
 *
 * Unknowns (layout of y): electrolyte concentration c_e and potential φ_e at every x cell, solid potential
 * φ_s at every electrode cell, particle concentrations c_s (r cells) at every electrode cell, the applied
 * current I (algebraic, control row) and, with the lumped thermal option, the cell temperature T (x-full:
 * one temperature per x cell, docs/models/thermal.md).
 * Discretisation follows PyBaMM's default finite-volume scheme (uniform cells per domain, harmonic means for
 * D·∇c fluxes, arithmetic means for the electrolyte conductivity, linear extrapolation to boundaries), so
 * results compare like for like. Equations and references: docs/models/dfn.md.
 * @see Doyle, Fuller & Newman, J. Electrochem. Soc. 140 (1993) 1526
 */

import { harmonicEdgeMean, harmonicParticleDiffusionRhs } from "../../mesh/harmonic-particle.js";
import { createSphericalParticleMesh, type SphericalParticleMesh } from "../../mesh/spherical-particle.js";
import type { IterationMatrixSolver } from "../../solvers/problem.js";
import { faradayConstant_C_per_mol as F, gasConstant_J_per_mol_K as R } from "../../units/constants.js";
import {
  type CellControl,
  type CellModel,
  controlResidual,
  type InitialStateOptions,
  type ProfileOutput,
  type ScalarOutput,
} from "../cell-model.js";
import { lumpedThermalProperties } from "../thermal/lumped-thermal.js";
import { createXThermalCells } from "../thermal/x-thermal.js";
import { bandedAdd, bandedFactor, bandedSolve, createBandedMatrix } from "./banded-lu.js";
import {
  type ElectrochemicalModelOptions,
  type ModelElectrode,
  type ModelParameters,
  validateModelInputs,
} from "./model-parameters.js";
import { tabulate } from "./tabulate.js";

/** Lower bound used when evaluating kinetics/transport at a (transiently) non-positive concentration. */
const tinyConcentration_mol_per_m3 = 1e-6;

/** A DFN model with its layout exposed for tests and diagnostics. */
export interface DfnModel extends CellModel {
  readonly layout: {
    readonly cells: { readonly negative: number; readonly separator: number; readonly positive: number };
    readonly particlePoints: number;
    readonly electrolyteConcentration: number;
    readonly electrolytePotential: number;
    readonly solidPotential: number;
    readonly particleConcentration: number;
    /** x of every cell centre (m). */
    readonly x_m: Float64Array;
    /** Width of every x cell (m). */
    readonly cellWidth_m: Float64Array;
  };
  /** Total cyclable lithium in particles + electrolyte (mol) at state y. */
  lithiumInventory_mol(y: Float64Array): number;
  /** Writes the interfacial current density j (A/m², per electrode cell) at state y into `out`. */
  interfacialCurrentDensity(t_s: number, y: Float64Array, out: Float64Array): void;
  /** Newton on the algebraic unknowns (differential ones fixed); returns false if it did not converge. */
  makeAlgebraicConsistent(control: CellControl, t_s: number, y: Float64Array): boolean;
}

export function createDfnModel(
  parameters: ModelParameters,
  options: ElectrochemicalModelOptions = {},
): DfnModel {
  validateModelInputs(parameters, options);
  const Nn = options.mesh?.negative ?? 20;
  const Ns = options.mesh?.separator ?? 20;
  const Np = options.mesh?.positive ?? 20;
  const Nr = options.mesh?.particle ?? 20;
  const thermalMode = options.thermal ?? "isothermal";
  /** Temperature is a state (lumped: one unknown; x-full: one per x cell). */
  const isThermal = thermalMode !== "isothermal";
  const isXFull = thermalMode === "x-full";
  const ambient_K = options.ambientTemperature_K ?? parameters.cell.ambientTemperature_K;
  const neg = parameters.negative;
  const pos = parameters.positive;
  const sep = parameters.separator;
  const elyte = parameters.electrolyte;
  const area_m2 = parameters.cell.electrodeArea_m2;
  const tPlus = elyte.cationTransferenceNumber;
  const chiFactor = 2 * (1 - tPlus) * elyte.thermodynamicFactor; // χ in χ·RT/F·∇ln c_e
  const contactResistance_Ohm = parameters.cell.contactResistance_Ohm;

  const N = Nn + Ns + Np;
  const Ne = Nn + Np;
  // ---- x mesh --------------------------------------------------------------------------------------
  const hN = neg.thickness_m / Nn;
  const hS = sep.thickness_m / Ns;
  const hP = pos.thickness_m / Np;
  const width = new Float64Array(N);
  const xc = new Float64Array(N);
  const porosity = new Float64Array(N);
  const tortuosity = new Float64Array(N); // ε^b
  const specificArea = new Float64Array(N);
  const electrodeOf = new Int32Array(N).fill(-1);
  const nodeOf = new Int32Array(Ne);
  let xLeft = 0;
  for (let i = 0; i < N; i++) {
    const domain = i < Nn ? 0 : i < Nn + Ns ? 1 : 2;
    const h = domain === 0 ? hN : domain === 1 ? hS : hP;
    width[i] = h;
    xc[i] = xLeft + h / 2;
    xLeft += h;
    const eps = domain === 0 ? neg.porosity : domain === 1 ? sep.porosity : pos.porosity;
    const b =
      domain === 0
        ? neg.bruggemanElectrolyte
        : domain === 1
          ? sep.bruggemanElectrolyte
          : pos.bruggemanElectrolyte;
    porosity[i] = eps;
    tortuosity[i] = eps ** b;
    specificArea[i] =
      domain === 0 ? neg.surfaceAreaPerVolume_per_m : domain === 2 ? pos.surfaceAreaPerVolume_per_m : 0;
    if (domain !== 1) {
      const e = domain === 0 ? i : i - Ns;
      electrodeOf[i] = e;
      nodeOf[e] = i;
    }
  }
  // Charge-balance rows (φ_e, φ_s) are multiplied by A·Δx: residuals in amperes per cell, the unit of the
  // current row, so unscaled residual norms (line searches of consistent initialisation) stay meaningful.
  const rowScale = new Float64Array(N);
  for (let i = 0; i < N; i++) rowScale[i] = parameters.cell.electrodeArea_m2 * width[i]!;
  const nodeDistance = new Float64Array(N - 1);
  const leftWeight = new Float64Array(N - 1);
  for (let i = 0; i < N - 1; i++) {
    nodeDistance[i] = xc[i + 1]! - xc[i]!;
    leftWeight[i] = width[i]! / (width[i]! + width[i + 1]!);
  }
  const sigmaN = neg.conductivity_S_per_m * (1 - neg.porosity) ** neg.bruggemanElectrode;
  const sigmaP = pos.conductivity_S_per_m * (1 - pos.porosity) ** pos.bruggemanElectrode;
  const meshN = createSphericalParticleMesh(neg.particleRadius_m, Nr);
  const meshP = createSphericalParticleMesh(pos.particleRadius_m, Nr);
  const electrodeParams = (e: number): ModelElectrode => (e < Nn ? neg : pos);
  const particleMesh = (e: number): SphericalParticleMesh => (e < Nn ? meshN : meshP);
  // ∂(surface-cell dc/dt)/∂j
  const bjN = (-meshN.edgeAreaFactor_m2[Nr]! * meshN.inverseShellVolumeFactor_per_m3[Nr - 1]!) / F;
  const bjP = (-meshP.edgeAreaFactor_m2[Nr]! * meshP.inverseShellVolumeFactor_per_m3[Nr - 1]!) / F;

  // ---- layout --------------------------------------------------------------------------------------
  const iCe = 0;
  const iPhiE = N;
  const iPhiS = 2 * N;
  const iCs = 2 * N + Ne;
  const iCurrent = iCs + Ne * Nr;
  const iTemperature = isThermal ? iCurrent + 1 : -1;
  const temperatureCount = isXFull ? N : isThermal ? 1 : 0;
  const size = iCurrent + 1 + temperatureCount;
  const mass = new Float64Array(size);
  for (let i = 0; i < N; i++) mass[iCe + i] = porosity[i]!;
  for (let k = iCs; k < iCurrent; k++) mass[k] = 1;
  for (let k = 0; k < temperatureCount; k++) mass[iTemperature + k] = 1;

  const thermal = lumpedThermalProperties(parameters);
  const xThermal = createXThermalCells(parameters, width, Nn, Ns);

  // Isothermal runs: OCPs and electrolyte transport tabulated once at the fixed temperature.
  const tablePoints = 20001;
  const ocpNegative = isThermal
    ? (x: number) => neg.openCircuitPotential_V(x, ambient_K)
    : tabulate((x) => neg.openCircuitPotential_V(x, ambient_K), 0, 1, tablePoints);
  const ocpPositive = isThermal
    ? (x: number) => pos.openCircuitPotential_V(x, ambient_K)
    : tabulate((x) => pos.openCircuitPotential_V(x, ambient_K), 0, 1, tablePoints);
  const cTableMax = 4 * elyte.initialConcentration_mol_per_m3;
  const diffusivityTable = isThermal
    ? undefined
    : tabulate((c) => elyte.diffusivity_m2_per_s(c, ambient_K), 0, cTableMax, 8001);
  const conductivityTable = isThermal
    ? undefined
    : tabulate((c) => elyte.conductivity_S_per_m(c, ambient_K), 0, cTableMax, 8001);
  const diffusivityAtAmbient = (c: number, _T: number): number => diffusivityTable!(c);
  const conductivityAtAmbient = (c: number, _T: number): number => conductivityTable!(c);

  // ---- work arrays (allocated once) ------------------------------------------------------------------
  const jA = new Float64Array(Ne); // interfacial current density (A/m²)
  const j0A = new Float64Array(Ne);
  const etaA = new Float64Array(Ne);
  const ocpA = new Float64Array(Ne);
  const dUdTA = new Float64Array(Ne);
  const particleD = new Float64Array(Ne * Nr);
  /**
   * Particle diffusivities that do not depend on stoichiometry (Chen2020, Marquis2019: numbers, possibly with
   * an Arrhenius factor) are evaluated once per electrode instead of at every shell: detected by sampling
   * 101 stoichiometries at the reference temperature (bitwise-equal values). In isothermal runs they are
   * filled once here and the rhs skips them altogether.
   */
  const isStoichiometryIndependent = (p: ModelElectrode): boolean => {
    const T0 = parameters.cell.referenceTemperature_K;
    const d0 = p.particleDiffusivity_m2_per_s(0.5, T0);
    for (let k = 0; k <= 100; k++) if (p.particleDiffusivity_m2_per_s(k / 100, T0) !== d0) return false;
    return true;
  };
  const constantDiffusivity = [isStoichiometryIndependent(neg), isStoichiometryIndependent(pos)] as const;
  /** Fills particleD-like array `out` for electrode e at state y; returns without work when already filled. */
  const fillParticleDiffusivity = (y: Float64Array, e: number, T: number, out: Float64Array): void => {
    const p = electrodeParams(e);
    const o = e * Nr;
    if (constantDiffusivity[e < Nn ? 0 : 1]) {
      if (!isThermal) return; // filled at construction
      const d = p.particleDiffusivity_m2_per_s(0.5, T);
      for (let r = 0; r < Nr; r++) out[o + r] = d;
      return;
    }
    const cmax = p.maximumConcentration_mol_per_m3;
    const base = iCs + o;
    for (let r = 0; r < Nr; r++) {
      out[o + r] = p.particleDiffusivity_m2_per_s(clampConcentration(y[base + r]!, cmax) / cmax, T);
    }
  };
  const fillConstantDiffusivities = (out: Float64Array): void => {
    for (let e = 0; e < Ne; e++) {
      if (!constantDiffusivity[e < Nn ? 0 : 1]) continue;
      const d = electrodeParams(e).particleDiffusivity_m2_per_s(0.5, ambient_K);
      for (let r = 0; r < Nr; r++) out[e * Nr + r] = d;
    }
  };
  fillConstantDiffusivities(particleD);
  const edgeDe = new Float64Array(N - 1); // effective electrolyte diffusivity on edges
  const edgeKappa = new Float64Array(N - 1); // effective conductivity on edges
  const edgeChi = new Float64Array(N - 1); // χRT/(F c) on edges
  const ie = new Float64Array(N + 1); // electrolyte current density on edges (incl. boundaries)
  const isN = new Float64Array(Nn + 1);
  const isP = new Float64Array(Np + 1);

  /** Cell temperature (x-full: capacity-weighted mean of the x cells). */
  const temperatureOf = (y: Float64Array): number =>
    isXFull ? xThermal.meanTemperature(y, iTemperature) : isThermal ? y[iTemperature]! : ambient_K;

  const surfaceConcentration = (y: Float64Array, e: number): number => {
    const base = iCs + e * Nr;
    return 1.5 * y[base + Nr - 1]! - 0.5 * y[base + Nr - 2]!;
  };

  const clampConcentration = (c: number, cmax: number): number =>
    Math.min(Math.max(c, tinyConcentration_mol_per_m3), cmax - tinyConcentration_mol_per_m3);

  /** Fills jA, j0A, etaA, ocpA at state y. */
  const evaluateReactions = (y: Float64Array, T0: number): void => {
    for (let e = 0; e < Ne; e++) {
      const p = electrodeParams(e);
      const i = nodeOf[e]!;
      const T = isXFull ? y[iTemperature + i]! : T0;
      const f = F / (R * T);
      const cmax = p.maximumConcentration_mol_per_m3;
      const cs = clampConcentration(surfaceConcentration(y, e), cmax);
      const ce = Math.max(y[iCe + i]!, tinyConcentration_mol_per_m3);
      const u = isThermal
        ? p.openCircuitPotential_V(cs / cmax, T)
        : (e < Nn ? ocpNegative : ocpPositive)(cs / cmax);
      const j0 = p.exchangeCurrentDensity_A_per_m2(ce, cs, T);
      const eta = y[iPhiS + e]! - y[iPhiE + i]! - u;
      ocpA[e] = u;
      j0A[e] = j0;
      etaA[e] = eta;
      jA[e] = 2 * j0 * Math.sinh(0.5 * f * eta);
    }
  };

  /** Electrolyte edge coefficients (D_eff, κ_eff, χRT/Fc) at state y. */
  const evaluateElectrolyteEdges = (y: Float64Array, T: number): void => {
    let TL = isXFull ? y[iTemperature]! : T;
    let cL = Math.max(y[iCe]!, tinyConcentration_mol_per_m3);
    const diffusivity = isThermal ? elyte.diffusivity_m2_per_s : diffusivityAtAmbient;
    const conductivity = isThermal ? elyte.conductivity_S_per_m : conductivityAtAmbient;
    let dL = tortuosity[0]! * diffusivity(cL, TL);
    let kL = tortuosity[0]! * conductivity(cL, TL);
    for (let i = 0; i < N - 1; i++) {
      const TR = isXFull ? y[iTemperature + i + 1]! : T;
      const cR = Math.max(y[iCe + i + 1]!, tinyConcentration_mol_per_m3);
      const dR = tortuosity[i + 1]! * diffusivity(cR, TR);
      const kR = tortuosity[i + 1]! * conductivity(cR, TR);
      const w = leftWeight[i]!;
      edgeDe[i] = harmonicEdgeMean(dL, dR, w);
      edgeKappa[i] = 0.5 * (kL + kR);
      edgeChi[i] = harmonicEdgeMean((chiFactor * R * TL) / (F * cL), (chiFactor * R * TR) / (F * cR), w);
      TL = TR;
      cL = cR;
      dL = dR;
      kL = kR;
    }
  };

  const voltageOf = (y: Float64Array): number => {
    const last = iPhiS + Ne - 1;
    return 1.5 * y[last]! - 0.5 * y[last - 1]! - contactResistance_Ohm * y[iCurrent]!;
  };

  /** Volumetric heat sources integrated over x (W/m²): [ohmic, reaction, reversible]; needs evaluate* first. */
  const heatTerms = new Float64Array(3);
  /** Heat generated in every x cell (W/m² of electrode area, i.e. volumetric heat × Δx). */
  const cellHeat = new Float64Array(N);
  const evaluateHeat = (y: Float64Array, T: number): void => {
    let ohmic = 0;
    let reaction = 0;
    let reversible = 0;
    // electrolyte: −i_e·∇φ_e at nodes from edge averages
    for (let i = 0; i < N; i++) {
      const gL = i === 0 ? 0 : (y[iPhiE + i]! - y[iPhiE + i - 1]!) / nodeDistance[i - 1]!;
      const gR = i === N - 1 ? 0 : (y[iPhiE + i + 1]! - y[iPhiE + i]!) / nodeDistance[i]!;
      const q = -0.5 * (ie[i]! + ie[i + 1]!) * 0.5 * (gL + gR) * width[i]!;
      ohmic += q;
      cellHeat[i] = q;
    }
    for (let k = 0; k < Nn; k++) {
      const gL = k === 0 ? (2 * y[iPhiS]!) / hN : (y[iPhiS + k]! - y[iPhiS + k - 1]!) / hN;
      const gR = k === Nn - 1 ? 0 : (y[iPhiS + k + 1]! - y[iPhiS + k]!) / hN;
      const q = -0.5 * (isN[k]! + isN[k + 1]!) * 0.5 * (gL + gR) * hN;
      ohmic += q;
      cellHeat[k]! += q;
    }
    for (let k = 0; k < Np; k++) {
      const e = Nn + k;
      const gL = k === 0 ? 0 : (y[iPhiS + e]! - y[iPhiS + e - 1]!) / hP;
      const gR = k === Np - 1 ? -isP[Np]! / sigmaP : (y[iPhiS + e + 1]! - y[iPhiS + e]!) / hP;
      const q = -0.5 * (isP[k]! + isP[k + 1]!) * 0.5 * (gL + gR) * hP;
      ohmic += q;
      cellHeat[nodeOf[e]!]! += q;
    }
    for (let e = 0; e < Ne; e++) {
      const i = nodeOf[e]!;
      const p = electrodeParams(e);
      const Ti = isXFull ? y[iTemperature + i]! : T;
      const aj = specificArea[i]! * jA[e]! * width[i]!;
      reaction += aj * etaA[e]!;
      const cmax = p.maximumConcentration_mol_per_m3;
      const dUdT = p.entropicChange_V_per_K(clampConcentration(surfaceConcentration(y, e), cmax) / cmax);
      dUdTA[e] = dUdT;
      reversible += aj * Ti * dUdT;
      cellHeat[i]! += aj * (etaA[e]! + Ti * dUdT);
    }
    heatTerms[0] = ohmic;
    heatTerms[1] = reaction;
    heatTerms[2] = reversible;
  };

  const rhs = (t_s: number, y: Float64Array, control: CellControl, out: Float64Array): void => {
    // The reaction and heat work arrays are about to hold another state: forget the outputs' cache.
    outputState.reactionsKey[0] = Number.NaN;
    outputState.heatKey[0] = Number.NaN;
    const T = temperatureOf(y);
    const current_A = y[iCurrent]!;
    const iApp = current_A / area_m2;
    evaluateReactions(y, T);
    evaluateElectrolyteEdges(y, T);
    // electrolyte
    ie[0] = 0;
    ie[N] = 0;
    for (let i = 0; i < N - 1; i++) {
      const dc = y[iCe + i + 1]! - y[iCe + i]!;
      const dphi = y[iPhiE + i + 1]! - y[iPhiE + i]!;
      ie[i + 1] = (edgeKappa[i]! * (edgeChi[i]! * dc - dphi)) / nodeDistance[i]!;
    }
    let fluxLeft = 0;
    for (let i = 0; i < N; i++) {
      const fluxRight = i === N - 1 ? 0 : (-edgeDe[i]! * (y[iCe + i + 1]! - y[iCe + i]!)) / nodeDistance[i]!;
      const e = electrodeOf[i]!;
      const aj = e >= 0 ? specificArea[i]! * jA[e]! : 0;
      out[iCe + i] = -(fluxRight - fluxLeft) / width[i]! + ((1 - tPlus) * aj) / F;
      out[iPhiE + i] = ((ie[i + 1]! - ie[i]!) / width[i]! - aj) * rowScale[i]!;
      fluxLeft = fluxRight;
    }
    // solid potential, negative: φ_s = 0 at x = 0 (ghost node), no flux at the separator
    isN[0] = (-sigmaN * 2 * y[iPhiS]!) / hN;
    for (let k = 0; k < Nn - 1; k++) isN[k + 1] = (-sigmaN * (y[iPhiS + k + 1]! - y[iPhiS + k]!)) / hN;
    isN[Nn] = 0;
    for (let k = 0; k < Nn; k++) {
      out[iPhiS + k] = ((isN[k + 1]! - isN[k]!) / hN + specificArea[k]! * jA[k]!) * rowScale[k]!;
    }
    isP[0] = 0;
    for (let k = 0; k < Np - 1; k++) {
      isP[k + 1] = (-sigmaP * (y[iPhiS + Nn + k + 1]! - y[iPhiS + Nn + k]!)) / hP;
    }
    isP[Np] = iApp;
    for (let k = 0; k < Np; k++) {
      const e = Nn + k;
      out[iPhiS + e] =
        ((isP[k + 1]! - isP[k]!) / hP + specificArea[nodeOf[e]!]! * jA[e]!) * rowScale[nodeOf[e]!]!;
    }
    // particles
    for (let e = 0; e < Ne; e++) {
      const base = iCs + e * Nr;
      fillParticleDiffusivity(y, e, isXFull ? y[iTemperature + nodeOf[e]!]! : T, particleD);
      harmonicParticleDiffusionRhs(particleMesh(e), y, base, particleD, e * Nr, jA[e]! / F, out, base);
    }
    out[iCurrent] = controlResidual(control, t_s, current_A, voltageOf(y));
    if (isXFull) {
      evaluateHeat(y, T);
      xThermal.temperatureRhs(y, iTemperature, cellHeat, ambient_K, out, iTemperature);
    } else if (isThermal) {
      evaluateHeat(y, T);
      const qStack = heatTerms[0]! + heatTerms[1]! + heatTerms[2]!; // W/m² of electrode area
      const qVolume = (qStack * area_m2) / thermal.cellVolume_m3; // W generated over the cell volume
      const qCool =
        (-thermal.heatTransferCoefficient_W_per_m2_K * (T - ambient_K) * thermal.coolingArea_m2) /
        thermal.cellVolume_m3;
      out[iTemperature] = (qVolume + qCool) / thermal.volumetricHeatCapacity_J_per_m3_K;
    }
  };

  // ---- block-condensed iteration-matrix solver --------------------------------------------------------
  const createSolver = (control: CellControl, algebraicOnly: boolean): IterationMatrixSolver => {
    // condensed system: per x cell [c_e, φ_e, (φ_s)], then I
    const posCe = new Int32Array(N);
    const posPhiE = new Int32Array(N);
    const posPhiS = new Int32Array(Ne);
    let m = 0;
    for (let i = 0; i < N; i++) {
      posCe[i] = m++;
      posPhiE[i] = m++;
      const e = electrodeOf[i]!;
      if (e >= 0) posPhiS[e] = m++;
    }
    const posI = m++;
    const band = createBandedMatrix(m, 4, 4);
    const scaleBandRow = (row: number, factor: number): void => {
      const from = row * band.width;
      for (let k = from; k < from + band.width; k++) band.data[k]! *= factor;
    };
    const rq = new Float64Array(m);
    // Jacobian pieces (refreshed on request)
    const dJdCs = new Float64Array(Ne);
    const dJdCe = new Float64Array(Ne);
    const dJdEta = new Float64Array(Ne);
    const dJdT = new Float64Array(Ne);
    const edgeDeJ = new Float64Array(N - 1);
    const edgeKappaJ = new Float64Array(N - 1);
    const edgeChiJ = new Float64Array(N - 1);
    const particleDJ = new Float64Array(Ne * Nr);
    fillConstantDiffusivities(particleDJ);
    let voltageJ = 0;
    let currentJ = 0;
    let dfTdT = 0;
    // factors
    const sub = new Float64Array(Ne * Nr);
    const cPrime = new Float64Array(Ne * Nr);
    const invDen = new Float64Array(Ne * Nr);
    const wLast = new Float64Array(Ne * Nr);
    const condensedDen = new Float64Array(Ne);
    const sigmaR = new Float64Array(Ne);
    let gammaQ = 0;
    let gammaP = 0;
    let temperatureDiagonal = 1;
    let hasJacobian = false;

    const refresh = (t_s: number, y: Float64Array): void => {
      const T0 = temperatureOf(y);
      evaluateReactions(y, T0);
      evaluateElectrolyteEdges(y, T0);
      edgeDeJ.set(edgeDe);
      edgeKappaJ.set(edgeKappa);
      edgeChiJ.set(edgeChi);
      for (let e = 0; e < Ne; e++) {
        const p = electrodeParams(e);
        const i = nodeOf[e]!;
        const T = isXFull ? y[iTemperature + i]! : T0;
        const f = F / (R * T);
        const cmax = p.maximumConcentration_mol_per_m3;
        const cs = clampConcentration(surfaceConcentration(y, e), cmax);
        const ce = Math.max(y[iCe + i]!, tinyConcentration_mol_per_m3);
        const j0 = j0A[e]!;
        const half = 0.5 * f * etaA[e]!;
        const twoSinh = 2 * Math.sinh(half);
        const djdEta = j0 * f * Math.cosh(half);
        const dc = 1e-6 * cmax;
        const dUdc = (ocpA[e]! - p.openCircuitPotential_V((cs - dc) / cmax, T)) / dc;
        const dj0dcs =
          (p.exchangeCurrentDensity_A_per_m2(ce, cs + dc, T) -
            p.exchangeCurrentDensity_A_per_m2(ce, cs - dc, T)) /
          (2 * dc);
        const dce = 1e-6 * ce;
        const dj0dce =
          (p.exchangeCurrentDensity_A_per_m2(ce + dce, cs, T) -
            p.exchangeCurrentDensity_A_per_m2(ce - dce, cs, T)) /
          (2 * dce);
        dJdEta[e] = djdEta;
        dJdCs[e] = twoSinh * dj0dcs - djdEta * dUdc;
        dJdCe[e] = twoSinh * dj0dce;
        if (isThermal) {
          const dT = 1e-3;
          const T2 = T + dT;
          const u2 = p.openCircuitPotential_V(cs / cmax, T2);
          const eta2 = y[iPhiS + e]! - y[iPhiE + i]! - u2;
          const j2 =
            2 * p.exchangeCurrentDensity_A_per_m2(ce, cs, T2) * Math.sinh((0.5 * F * eta2) / (R * T2));
          dJdT[e] = (j2 - jA[e]!) / dT;
        }
        fillParticleDiffusivity(y, e, T, particleDJ);
      }
      const V = voltageOf(y);
      const I = y[iCurrent]!;
      if (control.mode === "current") {
        voltageJ = 0;
        currentJ = 1;
      } else if (control.mode === "voltage") {
        voltageJ = 1;
        currentJ = -contactResistance_Ohm;
      } else {
        voltageJ = I;
        currentJ = V - I * contactResistance_Ohm;
      }
      if (isThermal && !isXFull) {
        dfTdT =
          (-thermal.heatTransferCoefficient_W_per_m2_K * thermal.coolingArea_m2) /
          thermal.cellVolume_m3 /
          thermal.volumetricHeatCapacity_J_per_m3_K;
      }
      void t_s;
    };

    const assemble = (gamma: number): boolean => {
      gammaQ = gamma;
      gammaP = algebraicOnly ? 0 : gamma;
      const gCe = algebraicOnly ? 0 : gamma; // differential rows are the identity in algebraic-only mode
      band.data.fill(0);
      // particles: tridiagonal I − γ J_pp, Thomas factors, w = A⁻¹ e_last
      for (let e = 0; e < Ne; e++) {
        const pm = particleMesh(e);
        const h = pm.spacing_m;
        const areaF = pm.edgeAreaFactor_m2;
        const inv = pm.inverseShellVolumeFactor_per_m3;
        const o = e * Nr;
        let cPrev = 0;
        for (let r = 0; r < Nr; r++) {
          const dLeft = r === 0 ? 0 : harmonicEdgeMean(particleDJ[o + r - 1]!, particleDJ[o + r]!, 0.5);
          const dRight = r === Nr - 1 ? 0 : harmonicEdgeMean(particleDJ[o + r]!, particleDJ[o + r + 1]!, 0.5);
          const lower = (areaF[r]! * dLeft * inv[r]!) / h;
          const upper = (areaF[r + 1]! * dRight * inv[r]!) / h;
          const a = -gammaP * lower;
          const b = 1 + gammaP * (lower + upper);
          const c = -gammaP * upper;
          const den = 1 / (b - a * cPrev);
          sub[o + r] = a;
          invDen[o + r] = den;
          cPrev = c * den;
          cPrime[o + r] = cPrev;
        }
        // w = A⁻¹ e_last
        let dPrev = 0;
        for (let r = 0; r < Nr; r++) {
          const d = ((r === Nr - 1 ? 1 : 0) - sub[o + r]! * dPrev) * invDen[o + r]!;
          wLast[o + r] = d;
          dPrev = d;
        }
        for (let r = Nr - 2; r >= 0; r--) wLast[o + r]! -= cPrime[o + r]! * wLast[o + r + 1]!;
        const kappa0 = 1.5 * wLast[o + Nr - 1]! - 0.5 * wLast[o + Nr - 2]!;
        const bj = (-areaF[Nr]! * inv[Nr - 1]!) / F;
        condensedDen[e] = 1 - gammaP * bj * dJdCs[e]! * kappa0;
      }
      // electrolyte rows
      for (let i = 0; i < N; i++) {
        const h = width[i]!;
        const rowCe = posCe[i]!;
        const rowPhi = posPhiE[i]!;
        bandedAdd(band, rowCe, rowCe, algebraicOnly ? 1 : porosity[i]!);
        for (let side = -1; side <= 1; side += 2) {
          const edge = side < 0 ? i - 1 : i;
          if (edge < 0 || edge >= N - 1) continue;
          const nb = i + side;
          const dx = nodeDistance[edge]!;
          const dCoef = edgeDeJ[edge]! / (dx * h);
          bandedAdd(band, rowCe, posCe[i]!, gCe * dCoef);
          bandedAdd(band, rowCe, posCe[nb]!, -gCe * dCoef);
          const kCoef = edgeKappaJ[edge]! / (dx * h);
          const kChi = kCoef * edgeChiJ[edge]!;
          // ∂/∂φ: (ie_+ − ie_-)/h → +k on φ_i, −k on φ_nb ; with −γ factor
          bandedAdd(band, rowPhi, posPhiE[i]!, -gamma * kCoef);
          bandedAdd(band, rowPhi, posPhiE[nb]!, gamma * kCoef);
          bandedAdd(band, rowPhi, posCe[i]!, gamma * kChi);
          bandedAdd(band, rowPhi, posCe[nb]!, -gamma * kChi);
        }
      }
      // solid rows
      for (let e = 0; e < Ne; e++) {
        const isNeg = e < Nn;
        const h = isNeg ? hN : hP;
        const s = (isNeg ? sigmaN : sigmaP) / (h * h);
        const first = isNeg ? 0 : Nn;
        const last = isNeg ? Nn - 1 : Ne - 1;
        const row = posPhiS[e]!;
        if (e > first) {
          bandedAdd(band, row, row, -gamma * s);
          bandedAdd(band, row, posPhiS[e - 1]!, gamma * s);
        }
        if (e < last) {
          bandedAdd(band, row, row, -gamma * s);
          bandedAdd(band, row, posPhiS[e + 1]!, gamma * s);
        }
        if (isNeg && e === 0) bandedAdd(band, row, row, -gamma * 2 * s);
        if (!isNeg && e === last) bandedAdd(band, row, posI, (-gamma * 1) / (area_m2 * hP));
      }
      // reaction coupling, condensed through the particle surface
      for (let e = 0; e < Ne; e++) {
        const i = nodeOf[e]!;
        const a = specificArea[i]!;
        const den = condensedDen[e]!;
        const cCe = posCe[i]!;
        const cPhiE = posPhiE[i]!;
        const cPhiS = posPhiS[e]!;
        for (let k = 0; k < 3; k++) {
          const row = k === 0 ? cCe : k === 1 ? cPhiE : cPhiS;
          const c = (k === 0 ? (-gCe * (1 - tPlus) * a) / F : k === 1 ? gamma * a : -gamma * a) / den;
          bandedAdd(band, row, cCe, c * dJdCe[e]!);
          bandedAdd(band, row, cPhiE, -c * dJdEta[e]!);
          bandedAdd(band, row, cPhiS, c * dJdEta[e]!);
        }
      }
      // control row
      const lastS = posPhiS[Ne - 1]!;
      bandedAdd(band, posI, posI, -gamma * currentJ);
      bandedAdd(band, posI, lastS, -gamma * 1.5 * voltageJ);
      bandedAdd(band, posI, posPhiS[Ne - 2]!, gamma * 0.5 * voltageJ);
      temperatureDiagonal = isThermal && !isXFull ? (algebraicOnly ? 1 : 1 - gamma * dfTdT) : 1;
      if (isXFull) xThermal.factor(algebraicOnly ? 0 : gamma);
      // charge-balance rows are scaled to amperes per cell (see rowScale)
      for (let i = 0; i < N; i++) scaleBandRow(posPhiE[i]!, rowScale[i]!);
      for (let e = 0; e < Ne; e++) scaleBandRow(posPhiS[e]!, rowScale[nodeOf[e]!]!);
      return bandedFactor(band);
    };

    const solve = (b: Float64Array): void => {
      // temperature rows depend only on temperatures (heat sources explicit): solve them first
      let dT = 0;
      if (isXFull) xThermal.solve(b, iTemperature);
      else if (isThermal) dT = b[iTemperature]! / temperatureDiagonal;
      // particles: z = A_pp⁻¹ r_p (in place)
      for (let e = 0; e < Ne; e++) {
        const o = e * Nr;
        const base = iCs + o;
        let dPrev = 0;
        for (let r = 0; r < Nr; r++) {
          const d = (b[base + r]! - sub[o + r]! * dPrev) * invDen[o + r]!;
          b[base + r] = d;
          dPrev = d;
        }
        for (let r = Nr - 2; r >= 0; r--) b[base + r]! -= cPrime[o + r]! * b[base + r + 1]!;
        sigmaR[e] = 1.5 * b[base + Nr - 1]! - 0.5 * b[base + Nr - 2]!;
      }
      for (let i = 0; i < N; i++) {
        rq[posCe[i]!] = b[iCe + i]!;
        rq[posPhiE[i]!] = b[iPhiE + i]!;
      }
      for (let e = 0; e < Ne; e++) rq[posPhiS[e]!] = b[iPhiS + e]!;
      rq[posI] = b[iCurrent]!;
      const gCe = algebraicOnly ? 0 : gammaQ;
      for (let e = 0; e < Ne; e++) {
        const i = nodeOf[e]!;
        const a = specificArea[i]!;
        const dTi = isXFull ? b[iTemperature + i]! : dT;
        const known = (dJdCs[e]! * sigmaR[e]! + dJdT[e]! * dTi) / condensedDen[e]!;
        rq[posCe[i]!]! += gCe * (((1 - tPlus) * a) / F) * known;
        rq[posPhiE[i]!]! += gammaQ * -a * known * rowScale[i]!;
        rq[posPhiS[e]!]! += gammaQ * a * known * rowScale[i]!;
      }
      bandedSolve(band, rq);
      for (let i = 0; i < N; i++) {
        b[iCe + i] = rq[posCe[i]!]!;
        b[iPhiE + i] = rq[posPhiE[i]!]!;
      }
      for (let e = 0; e < Ne; e++) b[iPhiS + e] = rq[posPhiS[e]!]!;
      b[iCurrent] = rq[posI]!;
      if (isThermal && !isXFull) b[iTemperature] = dT;
      for (let e = 0; e < Ne; e++) {
        const i = nodeOf[e]!;
        const bj = e < Nn ? bjN : bjP;
        const dj =
          (dJdCs[e]! * sigmaR[e]! +
            dJdCe[e]! * b[iCe + i]! +
            dJdEta[e]! * (b[iPhiS + e]! - b[iPhiE + i]!) +
            dJdT[e]! * (isXFull ? b[iTemperature + i]! : dT)) /
          condensedDen[e]!;
        const scale = gammaP * bj * dj;
        const base = iCs + e * Nr;
        for (let r = 0; r < Nr; r++) b[base + r]! += scale * wLast[e * Nr + r]!;
      }
    };

    return {
      factor(t_s, y, _fy, gamma, refreshJacobian) {
        if (refreshJacobian || !hasJacobian) {
          refresh(t_s, y);
          hasJacobian = true;
        }
        return assemble(gamma);
      },
      solve,
    };
  };

  const lithiumInventory_mol = (y: Float64Array): number => {
    let total = 0;
    for (let i = 0; i < N; i++) total += porosity[i]! * y[iCe + i]! * width[i]!;
    for (let e = 0; e < Ne; e++) {
      const p = electrodeParams(e);
      const pm = particleMesh(e);
      let avg = 0;
      for (let r = 0; r < Nr; r++) avg += pm.volumeFraction[r]! * y[iCs + e * Nr + r]!;
      total += p.activeMaterialVolumeFraction * avg * width[nodeOf[e]!]!;
    }
    return total * area_m2;
  };

  const initialState = (init?: InitialStateOptions): Float64Array => {
    const y = new Float64Array(size);
    const T = init?.temperature_K ?? (isThermal ? parameters.cell.initialTemperature_K : ambient_K);
    const stoN =
      init?.stoichiometry?.negative ??
      neg.initialConcentration_mol_per_m3 / neg.maximumConcentration_mol_per_m3;
    const stoP =
      init?.stoichiometry?.positive ??
      pos.initialConcentration_mol_per_m3 / pos.maximumConcentration_mol_per_m3;
    for (const [name, sto] of [
      ["negative", stoN],
      ["positive", stoP],
    ] as const) {
      if (!(sto > 0 && sto < 1)) {
        throw new RangeError(`initial ${name} stoichiometry = ${sto}: must lie strictly between 0 and 1`);
      }
    }
    const uN = neg.openCircuitPotential_V(stoN, T);
    const uP = pos.openCircuitPotential_V(stoP, T);
    for (let i = 0; i < N; i++) {
      y[iCe + i] = elyte.initialConcentration_mol_per_m3;
      y[iPhiE + i] = -uN;
    }
    for (let e = 0; e < Ne; e++) {
      const isNeg = e < Nn;
      y[iPhiS + e] = isNeg ? 0 : uP - uN;
      const c = isNeg
        ? stoN * neg.maximumConcentration_mol_per_m3
        : stoP * pos.maximumConcentration_mol_per_m3;
      for (let r = 0; r < Nr; r++) y[iCs + e * Nr + r] = c;
    }
    y[iCurrent] = 0;
    for (let k = 0; k < temperatureCount; k++) y[iTemperature + k] = T;
    return y;
  };

  const makeAlgebraicConsistent = (control: CellControl, t_s: number, y: Float64Array): boolean => {
    const solver = createSolver(control, true);
    const fy = new Float64Array(size);
    for (let iteration = 0; iteration < 50; iteration++) {
      rhs(t_s, y, control, fy);
      let norm = 0;
      for (let k = 0; k < size; k++) {
        if (mass[k] !== 0) fy[k] = 0;
        else norm = Math.max(norm, Math.abs(fy[k]!));
      }
      if (!solver.factor(t_s, y, fy, 1, true)) return false;
      solver.solve(fy);
      let stepNorm = 0;
      for (let k = 0; k < size; k++) {
        if (mass[k] === 0) {
          y[k]! += fy[k]!;
          stepNorm = Math.max(stepNorm, Math.abs(fy[k]!));
        }
      }
      if (!Number.isFinite(stepNorm)) return false;
      if (stepNorm < 1e-10) return true;
      void norm;
    }
    return false;
  };

  // ---- outputs --------------------------------------------------------------------------------------
  const xNeg = xc.slice(0, Nn);
  const xPos = xc.slice(Nn + Ns);
  const averageOverElectrode = (from: number, to: number, values: Float64Array): number => {
    let s = 0;
    for (let e = from; e < to; e++) s += values[e]!;
    return s / (to - from);
  };
  // The recorder asks every output of one state in turn: evaluate reactions and heat once per state.
  // A state is identified by its time, its current and a checksum of its unknowns (cheap next to one rhs).
  const checksum = (y: Float64Array): number => {
    let sum = 0;
    for (let k = 0; k < size; k += 7) sum += y[k]! * (k + 1);
    return sum;
  };
  const outputState = {
    reactionsKey: [Number.NaN, Number.NaN, Number.NaN],
    heatKey: [Number.NaN, Number.NaN, Number.NaN],
  };
  const heatWork = new Float64Array(size);
  const heatControl: CellControl = { mode: "current", value: () => heatCurrent };
  let heatCurrent = 0;
  const isCached = (key: number[], t: number, y: Float64Array): boolean =>
    key[0] === t && key[1] === y[iCurrent] && key[2] === checksum(y);
  const remember = (key: number[], t: number, y: Float64Array): void => {
    key[0] = t;
    key[1] = y[iCurrent]!;
    key[2] = checksum(y);
  };
  const reactionsAt = (t: number, y: Float64Array): void => {
    if (isCached(outputState.reactionsKey, t, y)) return;
    evaluateReactions(y, temperatureOf(y));
    remember(outputState.reactionsKey, t, y);
  };
  const heatAt = (t: number, y: Float64Array): void => {
    if (isCached(outputState.heatKey, t, y)) return;
    heatCurrent = y[iCurrent]!;
    rhs(t, y, heatControl, heatWork); // clears both caches
    evaluateHeat(y, temperatureOf(y));
    remember(outputState.heatKey, t, y);
  };
  const scalarOutputs: ScalarOutput[] = [
    { name: "temperature_K", evaluate: (_t, y) => temperatureOf(y) },
    {
      name: "negativeAverageOverpotential_V",
      evaluate: (t, y) => {
        reactionsAt(t, y);
        return averageOverElectrode(0, Nn, etaA);
      },
    },
    {
      name: "positiveAverageOverpotential_V",
      evaluate: (t, y) => {
        reactionsAt(t, y);
        return averageOverElectrode(Nn, Ne, etaA);
      },
    },
    {
      name: "negativeAverageSurfaceStoichiometry",
      evaluate: (_t, y) => {
        let s = 0;
        for (let e = 0; e < Nn; e++) s += surfaceConcentration(y, e);
        return s / Nn / neg.maximumConcentration_mol_per_m3;
      },
    },
    {
      name: "positiveAverageSurfaceStoichiometry",
      evaluate: (_t, y) => {
        let s = 0;
        for (let e = Nn; e < Ne; e++) s += surfaceConcentration(y, e);
        return s / Np / pos.maximumConcentration_mol_per_m3;
      },
    },
    { name: "lithiumInventory_mol", evaluate: (_t, y) => lithiumInventory_mol(y) },
    ...(["ohmicHeat_W", "reactionHeat_W", "reversibleHeat_W"] as const).map((name, k) => ({
      name,
      evaluate: (t: number, y: Float64Array) => {
        heatAt(t, y);
        return heatTerms[k]! * area_m2;
      },
    })),
  ];
  const profileOutputs: ProfileOutput[] = [
    {
      name: "electrolyteConcentration_mol_per_m3",
      grid_m: xc,
      evaluate: (y, out) => {
        for (let i = 0; i < N; i++) out[i] = y[iCe + i]!;
      },
    },
    {
      name: "electrolytePotential_V",
      grid_m: xc,
      evaluate: (y, out) => {
        for (let i = 0; i < N; i++) out[i] = y[iPhiE + i]!;
      },
    },
    {
      name: "negativeParticleSurfaceConcentration_mol_per_m3",
      grid_m: xNeg,
      evaluate: (y, out) => {
        for (let e = 0; e < Nn; e++) out[e] = surfaceConcentration(y, e);
      },
    },
    {
      name: "positiveParticleSurfaceConcentration_mol_per_m3",
      grid_m: xPos,
      evaluate: (y, out) => {
        for (let e = Nn; e < Ne; e++) out[e - Nn] = surfaceConcentration(y, e);
      },
    },
    {
      name: "negativeSolidPotential_V",
      grid_m: xNeg,
      evaluate: (y, out) => {
        for (let e = 0; e < Nn; e++) out[e] = y[iPhiS + e]!;
      },
    },
    {
      name: "positiveSolidPotential_V",
      grid_m: xPos,
      evaluate: (y, out) => {
        for (let e = Nn; e < Ne; e++) out[e - Nn] = y[iPhiS + e]!;
      },
    },
    ...(isXFull
      ? [
          {
            name: "temperature_K",
            grid_m: xc,
            evaluate: (y: Float64Array, out: Float64Array) => {
              for (let i = 0; i < N; i++) out[i] = y[iTemperature + i]!;
            },
          },
        ]
      : []),
  ];

  return {
    name: "dfn",
    size,
    mass,
    index: isThermal && !isXFull ? { current: iCurrent, temperature: iTemperature } : { current: iCurrent },
    initialState,
    rhs,
    createIterationMatrixSolver: (control) => createSolver(control, false),
    voltage_V: (_t, y) => voltageOf(y),
    scalarOutputs,
    profileOutputs,
    limitEvents: {
      reasons: [
        "electrolyte concentration reached zero (electrolyte depletion)",
        "negative particle surface stoichiometry left [0, 1]",
        "positive particle surface stoichiometry left [0, 1]",
      ],
      evaluate: (_t, y, out) => {
        let minCe = Number.POSITIVE_INFINITY;
        for (let i = 0; i < N; i++) minCe = Math.min(minCe, y[iCe + i]!);
        out[0] = minCe - 1e-3 * elyte.initialConcentration_mol_per_m3;
        for (let side = 0; side < 2; side++) {
          const from = side === 0 ? 0 : Nn;
          const to = side === 0 ? Nn : Ne;
          const cmax = (side === 0 ? neg : pos).maximumConcentration_mol_per_m3;
          let margin = Number.POSITIVE_INFINITY;
          for (let e = from; e < to; e++) {
            const sto = surfaceConcentration(y, e) / cmax;
            margin = Math.min(margin, sto, 1 - sto);
          }
          out[1 + side] = margin;
        }
      },
    },
    layout: {
      cells: { negative: Nn, separator: Ns, positive: Np },
      particlePoints: Nr,
      electrolyteConcentration: iCe,
      electrolytePotential: iPhiE,
      solidPotential: iPhiS,
      particleConcentration: iCs,
      x_m: xc,
      cellWidth_m: width,
    },
    lithiumInventory_mol,
    interfacialCurrentDensity: (_t, y, out) => {
      evaluateReactions(y, temperatureOf(y));
      out.set(jA);
    },
    makeAlgebraicConsistent,
  };
}
