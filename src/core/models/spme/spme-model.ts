/**
 * Single-particle model with electrolyte (SPMe), in the composite form of Marquis et al. (2019) used by PyBaMM.
 *
 * One particle per electrode carries the electrode-averaged interfacial current j̄ = ±I/(A·a·L); the electrolyte
 * concentration obeys the full diffusion equation with that uniform source; the terminal voltage is
 *   V = U_p − U_n + η_p − η_n + χRT/F·(⟨ln c_e/c̄_e⟩_p − ⟨ln c_e/c̄_e⟩_n)
 *       − i·(L_n/3κ_n + L_s/κ_s + L_p/3κ_p) − i·(L_n/3σ_n + L_p/3σ_p),
 * with κ_k = κ(c̄_e)·ε_k^b and η the electrode average of (2RT/F)·asinh(j̄/2j0(c_e(x))). Discretisation as the DFN (finite volumes, harmonic edge
 * diffusivities). Layout of y: c_e (all x cells), negative particle, positive particle, I, [T].
 * @see Marquis, Sulzer, Timms, Please & Chapman, J. Electrochem. Soc. 166 (2019) A3693
 */

import { harmonicEdgeMean, harmonicParticleDiffusionRhs } from "../../mesh/harmonic-particle.js";
import { createSphericalParticleMesh } from "../../mesh/spherical-particle.js";
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
import {
  type ElectrochemicalModelOptions,
  type ModelParameters,
  validateModelInputs,
} from "../dfn/model-parameters.js";
import { tabulate } from "../dfn/tabulate.js";
import { lumpedThermalProperties } from "../thermal/lumped-thermal.js";

const tiny = 1e-6;

export interface SpmeModel extends CellModel {
  /** Total cyclable lithium in particles + electrolyte (mol) at state y. */
  lithiumInventory_mol(y: Float64Array): number;
  /** Solves the control row for the current (differential unknowns fixed). */
  makeAlgebraicConsistent(control: CellControl, t_s: number, y: Float64Array): boolean;
}

export function createSpmeModel(
  parameters: ModelParameters,
  options: ElectrochemicalModelOptions = {},
): SpmeModel {
  validateModelInputs(parameters, options);
  const Nn = options.mesh?.negative ?? 20;
  const Ns = options.mesh?.separator ?? 20;
  const Np = options.mesh?.positive ?? 20;
  const Nr = options.mesh?.particle ?? 20;
  const thermalMode = options.thermal ?? "isothermal";
  if (thermalMode === "x-full") {
    throw new RangeError('thermal = "x-full": not implemented for the SPMe; use "isothermal" or "lumped"');
  }
  const isThermal = thermalMode === "lumped";
  const ambient_K = options.ambientTemperature_K ?? parameters.cell.ambientTemperature_K;
  const neg = parameters.negative;
  const pos = parameters.positive;
  const sep = parameters.separator;
  const elyte = parameters.electrolyte;
  const area_m2 = parameters.cell.electrodeArea_m2;
  const tPlus = elyte.cationTransferenceNumber;
  const chi = 2 * (1 - tPlus) * elyte.thermodynamicFactor;
  const N = Nn + Ns + Np;
  const Ln = neg.thickness_m;
  const Ls = sep.thickness_m;
  const Lp = pos.thickness_m;
  const width = new Float64Array(N);
  const xc = new Float64Array(N);
  const porosity = new Float64Array(N);
  const tortuosity = new Float64Array(N);
  const source = new Float64Array(N); // (1 − t+)·a·j̄/F per ampere of applied current, mol/(m³·s·A)
  let xLeft = 0;
  for (let i = 0; i < N; i++) {
    const domain = i < Nn ? 0 : i < Nn + Ns ? 1 : 2;
    const h = domain === 0 ? Ln / Nn : domain === 1 ? Ls / Ns : Lp / Np;
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
    // a·j̄ = ±i/L in each electrode
    source[i] =
      domain === 0 ? (1 - tPlus) / (F * area_m2 * Ln) : domain === 2 ? -(1 - tPlus) / (F * area_m2 * Lp) : 0;
  }
  const nodeDistance = new Float64Array(N - 1);
  const leftWeight = new Float64Array(N - 1);
  for (let i = 0; i < N - 1; i++) {
    nodeDistance[i] = xc[i + 1]! - xc[i]!;
    leftWeight[i] = width[i]! / (width[i]! + width[i + 1]!);
  }
  const sigmaN = neg.conductivity_S_per_m * (1 - neg.porosity) ** neg.bruggemanElectrode;
  const sigmaP = pos.conductivity_S_per_m * (1 - pos.porosity) ** pos.bruggemanElectrode;
  const torN = neg.porosity ** neg.bruggemanElectrolyte;
  const torS = sep.porosity ** sep.bruggemanElectrolyte;
  const torP = pos.porosity ** pos.bruggemanElectrolyte;
  const meshN = createSphericalParticleMesh(neg.particleRadius_m, Nr);
  const meshP = createSphericalParticleMesh(pos.particleRadius_m, Nr);
  const aN = neg.surfaceAreaPerVolume_per_m;
  const aP = pos.surfaceAreaPerVolume_per_m;

  const iCe = 0;
  const iN = N;
  const iP = N + Nr;
  const iCurrent = N + 2 * Nr;
  const iTemperature = isThermal ? iCurrent + 1 : -1;
  const size = iCurrent + 1 + (isThermal ? 1 : 0);
  const mass = new Float64Array(size);
  for (let i = 0; i < N; i++) mass[i] = porosity[i]!;
  for (let k = iN; k < iCurrent; k++) mass[k] = 1;
  if (isThermal) mass[iTemperature] = 1;
  const thermal = lumpedThermalProperties(parameters);

  const edgeDe = new Float64Array(N - 1);
  // Reaction share of each electrolyte cell relative to the uniform SPMe distribution (see reactionWeights).
  const weight = new Float64Array(N).fill(1);
  const weightSlope = new Float64Array(N); // ∂weight_k/∂c_k at fixed normalisation, m³/mol
  const depletionScale_mol_per_m3 = 2e-2 * elyte.initialConcentration_mol_per_m3;
  /**
   * The SPMe's reaction is uniform in x, which drives c_e to zero at high rates far sooner than the DFN,
   * where the reaction moves away from depleted regions (j0 ∝ c_e^α → 0). Modelled by weighting the
   * reaction of each cell with g(c_e) = c_e⁴/(c_e⁴ + c_d⁴), c_d = 2 % of the initial concentration,
   * renormalised over the electrode so the total current (and lithium) is unchanged. g ≈ 1 whenever
   * c_e ≫ c_d, so the SPMe of Marquis et al. is recovered exactly away from depletion.
   */
  const electrodeWeights = (y: Float64Array, from: number, to: number, L: number): void => {
    const s2 = depletionScale_mol_per_m3 * depletionScale_mol_per_m3;
    const s4 = s2 * s2;
    let mean = 0;
    for (let k = from; k < to; k++) {
      const c = Math.max(y[iCe + k]!, 0);
      const c2 = c * c;
      const d = c2 * c2 + s4;
      const g = (c2 * c2) / d;
      weight[k] = g;
      weightSlope[k] = (4 * c2 * c * s4) / (d * d);
      mean += width[k]! * g;
    }
    mean /= L;
    const inv = mean > 1e-12 ? 1 / mean : 0;
    for (let k = from; k < to; k++) {
      weight[k] = inv > 0 ? weight[k]! * inv : 1;
      weightSlope[k] = weightSlope[k]! * inv;
    }
  };
  const reactionWeights = (y: Float64Array): void => {
    electrodeWeights(y, 0, Nn, Ln);
    electrodeWeights(y, Nn + Ns, N, Lp);
  };

  const nodeD = new Float64Array(Nr);
  // Isothermal runs: OCPs and electrolyte diffusivity tabulated once at the fixed temperature (as the DFN:
  // 20001-node tables, interpolation error < 1 µV); thermal runs evaluate the set's functions.
  const ocpNegative = isThermal
    ? (x: number, T: number) => neg.openCircuitPotential_V(x, T)
    : tabulate((x) => neg.openCircuitPotential_V(x, ambient_K), 0, 1, 20001);
  const ocpPositive = isThermal
    ? (x: number, T: number) => pos.openCircuitPotential_V(x, T)
    : tabulate((x) => pos.openCircuitPotential_V(x, ambient_K), 0, 1, 20001);
  const diffusivityTable = isThermal
    ? undefined
    : tabulate(
        (c) => elyte.diffusivity_m2_per_s(c, ambient_K),
        0,
        4 * elyte.initialConcentration_mol_per_m3,
        8001,
      );
  const electrolyteDiffusivity = isThermal
    ? (c: number, T: number) => elyte.diffusivity_m2_per_s(c, T)
    : (c: number, _T: number) => diffusivityTable!(c);
  /** True when D_s does not depend on stoichiometry (sampled at 101 points): evaluated once per call then. */
  const isStoichiometryIndependent = (p: typeof neg): boolean => {
    const T0 = parameters.cell.referenceTemperature_K;
    const d0 = p.particleDiffusivity_m2_per_s(0.5, T0);
    for (let k = 0; k <= 100; k++) if (p.particleDiffusivity_m2_per_s(k / 100, T0) !== d0) return false;
    return true;
  };
  const constantDiffusivityN = isStoichiometryIndependent(neg);
  const constantDiffusivityP = isStoichiometryIndependent(pos);
  const fillParticleDiffusivity = (y: Float64Array, base: number, electrode: typeof neg, T: number): void => {
    if (electrode === neg ? constantDiffusivityN : constantDiffusivityP) {
      nodeD.fill(electrode.particleDiffusivity_m2_per_s(0.5, T));
      return;
    }
    const cmax = electrode.maximumConcentration_mol_per_m3;
    for (let r = 0; r < Nr; r++) {
      nodeD[r] = electrode.particleDiffusivity_m2_per_s(clampC(y[base + r]!, cmax) / cmax, T);
    }
  };
  const temperatureOf = (y: Float64Array): number => (isThermal ? y[iTemperature]! : ambient_K);
  const surface = (y: Float64Array, base: number): number =>
    1.5 * y[base + Nr - 1]! - 0.5 * y[base + Nr - 2]!;
  const clampC = (c: number, cmax: number): number => Math.min(Math.max(c, tiny), cmax - tiny);

  // voltage pieces at the last evaluation
  const parts = { ocv: 0, etaN: 0, etaP: 0, concentration: 0, electrolyteOhmic: 0, solidOhmic: 0, dOcvdT: 0 };
  const voltageOf = (y: Float64Array): number => {
    reactionWeights(y);
    const T = temperatureOf(y);
    const I = y[iCurrent]!;
    const i = I / area_m2;
    let sum = 0;
    let lnN = 0;
    let lnP = 0;
    for (let k = 0; k < N; k++) sum += width[k]! * Math.max(y[iCe + k]!, tiny);
    const cAv = sum / (Ln + Ls + Lp);
    for (let k = 0; k < Nn; k++) {
      const c = Math.max(y[iCe + k]!, tiny);
      lnN += width[k]! * Math.log(c / cAv);
    }
    for (let k = Nn + Ns; k < N; k++) {
      const c = Math.max(y[iCe + k]!, tiny);
      lnP += width[k]! * Math.log(c / cAv);
    }
    lnN /= Ln;
    lnP /= Lp;
    const rtf = (R * T) / F;
    const kappa = elyte.conductivity_S_per_m(cAv, T);
    const csN = clampC(surface(y, iN), neg.maximumConcentration_mol_per_m3);
    const csP = clampC(surface(y, iP), pos.maximumConcentration_mol_per_m3);
    const uN = ocpNegative(csN / neg.maximumConcentration_mol_per_m3, T);
    const uP = ocpPositive(csP / pos.maximumConcentration_mol_per_m3, T);
    const jN = i / (aN * Ln);
    const jP = -i / (aP * Lp);
    parts.ocv = uP - uN;
    // η = x-average of (2RT/F)·asinh(j̄ / 2j0(c_e(x), c_s,surf)) (PyBaMM's SPMe kinetics)
    let sumN = 0;
    for (let k = 0; k < Nn; k++) {
      sumN += Math.asinh(
        (jN * weight[k]!) / (2 * neg.exchangeCurrentDensity_A_per_m2(Math.max(y[iCe + k]!, tiny), csN, T)),
      );
    }
    let sumP = 0;
    for (let k = Nn + Ns; k < N; k++) {
      sumP += Math.asinh(
        (jP * weight[k]!) / (2 * pos.exchangeCurrentDensity_A_per_m2(Math.max(y[iCe + k]!, tiny), csP, T)),
      );
    }
    parts.etaN = (2 * rtf * sumN) / Nn;
    parts.etaP = (2 * rtf * sumP) / Np;
    parts.concentration = chi * rtf * (lnP - lnN);
    parts.electrolyteOhmic = -i * (Ln / (3 * kappa * torN) + Ls / (kappa * torS) + Lp / (3 * kappa * torP));
    parts.solidOhmic = -i * (Ln / (3 * sigmaN) + Lp / (3 * sigmaP));
    return (
      parts.ocv +
      parts.etaP -
      parts.etaN +
      parts.concentration +
      parts.electrolyteOhmic +
      parts.solidOhmic -
      parameters.cell.contactResistance_Ohm * I
    );
  };

  const evaluateEdges = (y: Float64Array, T: number): void => {
    let dL = tortuosity[0]! * electrolyteDiffusivity(Math.max(y[iCe]!, tiny), T);
    for (let k = 0; k < N - 1; k++) {
      const dR = tortuosity[k + 1]! * electrolyteDiffusivity(Math.max(y[iCe + k + 1]!, tiny), T);
      edgeDe[k] = harmonicEdgeMean(dL, dR, leftWeight[k]!);
      dL = dR;
    }
  };

  const particleRhs = (
    y: Float64Array,
    base: number,
    electrode: typeof neg,
    mesh: typeof meshN,
    j: number,
    T: number,
    out: Float64Array,
  ): void => {
    fillParticleDiffusivity(y, base, electrode, T);
    harmonicParticleDiffusionRhs(mesh, y, base, nodeD, 0, j / F, out, base);
  };

  const rhs = (t_s: number, y: Float64Array, control: CellControl, out: Float64Array): void => {
    const T = temperatureOf(y);
    const I = y[iCurrent]!;
    const V = voltageOf(y); // also sets the reaction weights
    evaluateEdges(y, T);
    let fluxLeft = 0;
    for (let k = 0; k < N; k++) {
      const fluxRight = k === N - 1 ? 0 : (-edgeDe[k]! * (y[iCe + k + 1]! - y[iCe + k]!)) / nodeDistance[k]!;
      out[iCe + k] = -(fluxRight - fluxLeft) / width[k]! + source[k]! * weight[k]! * I;
      fluxLeft = fluxRight;
    }
    const i = I / area_m2;
    particleRhs(y, iN, neg, meshN, i / (aN * Ln), T, out);
    particleRhs(y, iP, pos, meshP, -i / (aP * Lp), T, out);
    out[iCurrent] = controlResidual(control, t_s, I, V);
    if (isThermal) {
      const csN =
        clampC(surface(y, iN), neg.maximumConcentration_mol_per_m3) / neg.maximumConcentration_mol_per_m3;
      const csP =
        clampC(surface(y, iP), pos.maximumConcentration_mol_per_m3) / pos.maximumConcentration_mol_per_m3;
      const dOcvdT = pos.entropicChange_V_per_K(csP) - neg.entropicChange_V_per_K(csN);
      const heat_W = I * (parts.ocv - V) - I * T * dOcvdT;
      const cooling_W =
        -thermal.heatTransferCoefficient_W_per_m2_K * (T - ambient_K) * thermal.coolingArea_m2;
      out[iTemperature] =
        (heat_W + cooling_W) / thermal.cellVolume_m3 / thermal.volumetricHeatCapacity_J_per_m3_K;
    }
  };

  /** Iteration-matrix solver: block tridiagonal (electrolyte, two particles) bordered by I (and T). */
  const createSolver = (control: CellControl): IterationMatrixSolver => {
    const n = size;
    const lower = new Float64Array(n);
    const diag = new Float64Array(n);
    const upper = new Float64Array(n);
    const cPrime = new Float64Array(n);
    const invDen = new Float64Array(n);
    const column = new Float64Array(n); // ∂f/∂I for the differential rows, then B⁻¹ column
    const row = new Float64Array(n); // ∂(control residual)/∂y
    const fy = new Float64Array(n);
    const probe = new Float64Array(n);
    let rowCurrent = 1;
    let schur = 1;
    let tDiag = 1;
    let gammaSaved = 0;
    const tridiagonalSolve = (b: Float64Array): void => {
      // segments [0,N), [N,N+Nr), [N+Nr,N+2Nr) are independent (lower[start] = 0)
      let prev = 0;
      for (let k = 0; k < iCurrent; k++) {
        const d = (b[k]! - lower[k]! * prev) * invDen[k]!;
        b[k] = d;
        prev = d;
      }
      for (let k = iCurrent - 2; k >= 0; k--) b[k]! -= cPrime[k]! * b[k + 1]!;
    };
    return {
      factor(t_s, y, _fy, gamma) {
        gammaSaved = gamma;
        const T = temperatureOf(y);
        evaluateEdges(y, T);
        reactionWeights(y);
        const current = y[iCurrent]!;
        lower.fill(0);
        upper.fill(0);
        for (let k = 0; k < N; k++) {
          const left = k > 0 ? edgeDe[k - 1]! / (nodeDistance[k - 1]! * width[k]!) : 0;
          const right = k < N - 1 ? edgeDe[k]! / (nodeDistance[k]! * width[k]!) : 0;
          lower[k] = -gamma * left;
          upper[k] = -gamma * right;
          diag[k] = porosity[k]! + gamma * (left + right - source[k]! * current * weightSlope[k]!);
          column[k] = -gamma * source[k]! * weight[k]!;
        }
        for (const [base, electrode, mesh, sign, a, L] of [
          [iN, neg, meshN, 1, aN, Ln],
          [iP, pos, meshP, -1, aP, Lp],
        ] as const) {
          const h = mesh.spacing_m;
          fillParticleDiffusivity(y, base, electrode, T);
          for (let r = 0; r < Nr; r++) {
            const dL = r === 0 ? 0 : harmonicEdgeMean(nodeD[r - 1]!, nodeD[r]!, 0.5);
            const dR = r === Nr - 1 ? 0 : harmonicEdgeMean(nodeD[r]!, nodeD[r + 1]!, 0.5);
            const lo = (mesh.edgeAreaFactor_m2[r]! * dL * mesh.inverseShellVolumeFactor_per_m3[r]!) / h;
            const up = (mesh.edgeAreaFactor_m2[r + 1]! * dR * mesh.inverseShellVolumeFactor_per_m3[r]!) / h;
            lower[base + r] = r === 0 ? 0 : -gamma * lo;
            upper[base + r] = r === Nr - 1 ? 0 : -gamma * up;
            diag[base + r] = 1 + gamma * (lo + up);
            column[base + r] = 0;
          }
          // surface flux j/F = sign·I/(A·a·L·F): ∂f_last/∂I
          column[base + Nr - 1] =
            gamma *
            ((mesh.edgeAreaFactor_m2[Nr]! * mesh.inverseShellVolumeFactor_per_m3[Nr - 1]!) / F) *
            (sign / (area_m2 * a * L));
        }
        // Thomas factors
        let cp = 0;
        for (let k = 0; k < iCurrent; k++) {
          const den = 1 / (diag[k]! - lower[k]! * cp);
          invDen[k] = den;
          cp = upper[k]! * den;
          cPrime[k] = cp;
        }
        // control row derivatives
        row.fill(0);
        rowCurrent = 1;
        if (control.mode !== "current") {
          probe.set(y.subarray(0, size));
          const V0 = voltageOf(probe);
          const I = y[iCurrent]!;
          const dVd = (k: number): number => {
            const step = 1e-7 * Math.max(Math.abs(y[k]!), 1);
            probe[k] = y[k]! + step;
            const d = (voltageOf(probe) - V0) / step;
            probe[k] = y[k]!;
            return d;
          };
          const weight = control.mode === "voltage" ? 1 : I;
          for (let k = 0; k < N; k++) row[k] = -gamma * weight * dVd(k);
          for (const base of [iN, iP]) {
            row[base + Nr - 1] = -gamma * weight * dVd(base + Nr - 1);
            row[base + Nr - 2] = -gamma * weight * dVd(base + Nr - 2);
          }
          const dVdI = dVd(iCurrent);
          rowCurrent = control.mode === "voltage" ? dVdI : V0 + I * dVdI;
          if (isThermal) row[iTemperature] = -gamma * weight * dVd(iTemperature);
        }
        // Schur complement of the current: s = d − r·B⁻¹c
        tridiagonalSolve(column);
        let dot = 0;
        for (let k = 0; k < iCurrent; k++) dot += row[k]! * column[k]!;
        schur = -gamma * rowCurrent - dot;
        tDiag = isThermal
          ? 1 +
            (gamma * thermal.heatTransferCoefficient_W_per_m2_K * thermal.coolingArea_m2) /
              thermal.cellVolume_m3 /
              thermal.volumetricHeatCapacity_J_per_m3_K
          : 1;
        void t_s;
        void fy;
        return Number.isFinite(schur) && schur !== 0;
      },
      solve(b) {
        const dT = isThermal ? b[iTemperature]! / tDiag : 0;
        tridiagonalSolve(b);
        let dot = 0;
        for (let k = 0; k < iCurrent; k++) dot += row[k]! * b[k]!;
        const thermalTerm = isThermal ? row[iTemperature]! * dT : 0;
        const dI = (b[iCurrent]! - dot - thermalTerm) / schur;
        for (let k = 0; k < iCurrent; k++) b[k]! -= column[k]! * dI;
        b[iCurrent] = dI;
        if (isThermal) b[iTemperature] = dT;
        void gammaSaved;
      },
    };
  };

  const lithiumInventory_mol = (y: Float64Array): number => {
    let total = 0;
    for (let k = 0; k < N; k++) total += porosity[k]! * y[iCe + k]! * width[k]!;
    let avgN = 0;
    let avgP = 0;
    for (let r = 0; r < Nr; r++) {
      avgN += meshN.volumeFraction[r]! * y[iN + r]!;
      avgP += meshP.volumeFraction[r]! * y[iP + r]!;
    }
    total += neg.activeMaterialVolumeFraction * Ln * avgN + pos.activeMaterialVolumeFraction * Lp * avgP;
    return total * area_m2;
  };

  const initialState = (init?: InitialStateOptions): Float64Array => {
    const y = new Float64Array(size);
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
    for (let k = 0; k < N; k++) y[iCe + k] = elyte.initialConcentration_mol_per_m3;
    for (let r = 0; r < Nr; r++) {
      y[iN + r] = stoN * neg.maximumConcentration_mol_per_m3;
      y[iP + r] = stoP * pos.maximumConcentration_mol_per_m3;
    }
    if (isThermal) {
      y[iTemperature] = init?.temperature_K ?? parameters.cell.initialTemperature_K;
    }
    return y;
  };

  const makeAlgebraicConsistent = (control: CellControl, t_s: number, y: Float64Array): boolean => {
    if (control.mode === "current") {
      y[iCurrent] = control.value(t_s);
      return true;
    }
    const f = new Float64Array(size);
    for (let it = 0; it < 50; it++) {
      rhs(t_s, y, control, f);
      const r = f[iCurrent]!;
      const I = y[iCurrent]!;
      const step = 1e-6 * Math.max(Math.abs(I), 1e-3);
      y[iCurrent] = I + step;
      rhs(t_s, y, control, f);
      const slope = (f[iCurrent]! - r) / step;
      y[iCurrent] = I - r / slope;
      if (!Number.isFinite(y[iCurrent]!)) return false;
      if (Math.abs(r / slope) < 1e-12 * Math.max(1, Math.abs(I))) return true;
    }
    return false;
  };

  const scalarOutputs: ScalarOutput[] = [
    { name: "temperature_K", evaluate: (_t, y) => temperatureOf(y) },
    ...(
      [
        ["negativeReactionOverpotential_V", "etaN"],
        ["positiveReactionOverpotential_V", "etaP"],
        ["electrolyteConcentrationOverpotential_V", "concentration"],
        ["electrolyteOhmicLoss_V", "electrolyteOhmic"],
        ["solidOhmicLoss_V", "solidOhmic"],
      ] as const
    ).map(([name, key]) => ({
      name,
      evaluate: (_t: number, y: Float64Array) => {
        voltageOf(y);
        return parts[key];
      },
    })),
    {
      name: "negativeSurfaceStoichiometry",
      evaluate: (_t, y) => surface(y, iN) / neg.maximumConcentration_mol_per_m3,
    },
    {
      name: "positiveSurfaceStoichiometry",
      evaluate: (_t, y) => surface(y, iP) / pos.maximumConcentration_mol_per_m3,
    },
    { name: "lithiumInventory_mol", evaluate: (_t, y) => lithiumInventory_mol(y) },
  ];
  const profileOutputs: ProfileOutput[] = [
    {
      name: "electrolyteConcentration_mol_per_m3",
      grid_m: xc,
      evaluate: (y, out) => {
        for (let k = 0; k < N; k++) out[k] = y[iCe + k]!;
      },
    },
  ];

  return {
    name: "spme",
    size,
    mass,
    index: isThermal ? { current: iCurrent, temperature: iTemperature } : { current: iCurrent },
    initialState,
    rhs,
    createIterationMatrixSolver: createSolver,
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
        for (let k = 0; k < N; k++) minCe = Math.min(minCe, y[iCe + k]!);
        out[0] = minCe - 1e-3 * elyte.initialConcentration_mol_per_m3;
        const sN = surface(y, iN) / neg.maximumConcentration_mol_per_m3;
        const sP = surface(y, iP) / pos.maximumConcentration_mol_per_m3;
        out[1] = Math.min(sN, 1 - sN);
        out[2] = Math.min(sP, 1 - sP);
      },
    },
    lithiumInventory_mol,
    makeAlgebraicConsistent,
  };
}
