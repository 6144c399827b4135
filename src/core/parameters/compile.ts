/**
 * Compiles a validated parameter set into plain numbers and closures for the model hot loops: no map
 * lookups, no allocation per call (Arrhenius factors cache the last temperature).
 */
import {
  compileDerivativeOfOneVariable,
  compileDerivativeOfVariableAndTemperature,
  compileExchangeCurrent,
  compileFunctionOfOneVariable,
  compileFunctionOfVariableAndTemperature,
} from "./functions.js";
import type { ElectrodeParameters, ParameterSet } from "./schema.js";

/** One porous electrode, ready for a model. */
export interface CompiledElectrode {
  readonly thickness_m: number;
  readonly particleRadius_m: number;
  readonly activeMaterialVolumeFraction: number;
  readonly porosity: number;
  readonly bruggemanElectrolyte: number;
  /** Bruggeman exponent of the solid phase: σ_eff = σ·(1 − porosity)^b (0 when the set has none). */
  readonly bruggemanElectrode: number;
  readonly conductivity_S_per_m: number;
  readonly maximumConcentration_mol_per_m3: number;
  readonly initialConcentration_mol_per_m3: number;
  /** a = 3 ε_s / R. */
  readonly surfaceAreaPerVolume_per_m: number;
  readonly chargeTransferCoefficient: number;
  /** U(sto) + (T − T_ref)·dU/dT(sto) (the entropic term only when the set has one). */
  openCircuitPotential_V(stoichiometry: number, temperature_K: number): number;
  /** dU/dT; 0 if the set has no entropic coefficient. */
  entropicChange_V_per_K(stoichiometry: number): number;
  particleDiffusivity_m2_per_s(stoichiometry: number, temperature_K: number): number;
  /** ∂U/∂stoichiometry (V per unit stoichiometry) of openCircuitPotential_V, for analytic Jacobians. */
  openCircuitPotentialDerivative_V(stoichiometry: number, temperature_K: number): number;
  /** ∂D/∂stoichiometry (m²/s per unit stoichiometry). */
  particleDiffusivityDerivative_m2_per_s(stoichiometry: number, temperature_K: number): number;
  /** Exponents (a, b, c) of j0 = k·c_e^a·c_s^b·(c_max − c_s)^c: ∂ln j0/∂c_e = a/c_e, ∂ln j0/∂c_s = b/c_s − c/(c_max − c_s). */
  readonly exchangeCurrentExponents: {
    readonly electrolyte: number;
    readonly surface: number;
    readonly vacancy: number;
  };
  exchangeCurrentDensity_A_per_m2(
    electrolyteConcentration_mol_per_m3: number,
    surfaceConcentration_mol_per_m3: number,
    temperature_K: number,
  ): number;
}

export type ThermalComponentName =
  | "negativeCurrentCollector"
  | "negativeElectrode"
  | "separator"
  | "positiveElectrode"
  | "positiveCurrentCollector";

export interface ThermalComponent {
  readonly thickness_m: number;
  readonly density_kg_per_m3: number;
  readonly specificHeatCapacity_J_per_kg_K: number;
  readonly thermalConductivity_W_per_m_K: number;
}

/** A parameter set compiled for simulation. */
export interface CompiledParameterSet {
  readonly name: string;
  readonly source: ParameterSet;
  readonly negative: CompiledElectrode;
  readonly positive: CompiledElectrode;
  readonly separator: {
    readonly thickness_m: number;
    readonly porosity: number;
    readonly bruggemanElectrolyte: number;
  };
  readonly electrolyte: {
    readonly initialConcentration_mol_per_m3: number;
    readonly cationTransferenceNumber: number;
    readonly thermodynamicFactor: number;
    diffusivity_m2_per_s(concentration_mol_per_m3: number, temperature_K: number): number;
    conductivity_S_per_m(concentration_mol_per_m3: number, temperature_K: number): number;
    /** ∂D_e/∂c_e, (m²/s)/(mol/m³). */
    diffusivityDerivative_m5_per_mol_s(concentration_mol_per_m3: number, temperature_K: number): number;
    /** ∂κ/∂c_e, (S/m)/(mol/m³). */
    conductivityDerivative_S_m2_per_mol(concentration_mol_per_m3: number, temperature_K: number): number;
  };
  readonly cell: {
    /** height · width · electrodes in parallel (as PyBaMM). */
    readonly electrodeArea_m2: number;
    readonly nominalCapacity_Ah: number;
    readonly lowerVoltageCutoff_V: number;
    readonly upperVoltageCutoff_V: number;
    readonly referenceTemperature_K: number;
    readonly ambientTemperature_K: number;
    readonly initialTemperature_K: number;
    readonly contactResistance_Ohm: number;
  };
  readonly thermal: {
    readonly cellVolume_m3: number;
    readonly coolingSurfaceArea_m2: number;
    readonly heatTransferCoefficient_W_per_m2_K: number;
    readonly components: Readonly<Record<ThermalComponentName, ThermalComponent>>;
  };
}

function isZeroFunction(f: ElectrodeParameters["entropicChange_V_per_K"]): boolean {
  if (f === undefined) return true;
  if (typeof f === "number") return f === 0;
  return f.kind === "constant" && f.value === 0;
}

function compileElectrode(e: ElectrodeParameters, referenceTemperature_K: number): CompiledElectrode {
  const ocp = compileFunctionOfOneVariable(e.openCircuitPotential_V);
  const hasEntropic = !isZeroFunction(e.entropicChange_V_per_K);
  const entropic =
    e.entropicChange_V_per_K !== undefined && hasEntropic
      ? compileFunctionOfOneVariable(e.entropicChange_V_per_K)
      : () => 0;
  const Tref = referenceTemperature_K;
  const ocpDerivative = compileDerivativeOfOneVariable(e.openCircuitPotential_V);
  const entropicDerivative =
    e.entropicChange_V_per_K !== undefined && hasEntropic
      ? compileDerivativeOfOneVariable(e.entropicChange_V_per_K)
      : () => 0;
  const j = e.exchangeCurrentDensity_A_per_m2;
  return {
    thickness_m: e.thickness_m,
    particleRadius_m: e.particleRadius_m,
    activeMaterialVolumeFraction: e.activeMaterialVolumeFraction,
    porosity: e.porosity,
    bruggemanElectrolyte: e.bruggemanElectrolyte,
    bruggemanElectrode: e.bruggemanElectrode ?? 0,
    conductivity_S_per_m: e.conductivity_S_per_m,
    maximumConcentration_mol_per_m3: e.maximumConcentration_mol_per_m3,
    initialConcentration_mol_per_m3: e.initialConcentration_mol_per_m3,
    surfaceAreaPerVolume_per_m: (3 * e.activeMaterialVolumeFraction) / e.particleRadius_m,
    chargeTransferCoefficient: e.chargeTransferCoefficient,
    openCircuitPotential_V: hasEntropic
      ? (sto: number, temperature_K: number) =>
          temperature_K === Tref ? ocp(sto) : ocp(sto) + (temperature_K - Tref) * entropic(sto)
      : (sto: number) => ocp(sto),
    entropicChange_V_per_K: entropic,
    particleDiffusivity_m2_per_s: compileFunctionOfVariableAndTemperature(e.particleDiffusivity_m2_per_s),
    openCircuitPotentialDerivative_V: hasEntropic
      ? (sto: number, temperature_K: number) =>
          temperature_K === Tref
            ? ocpDerivative(sto)
            : ocpDerivative(sto) + (temperature_K - Tref) * entropicDerivative(sto)
      : (sto: number) => ocpDerivative(sto),
    particleDiffusivityDerivative_m2_per_s: compileDerivativeOfVariableAndTemperature(
      e.particleDiffusivity_m2_per_s,
    ),
    exchangeCurrentExponents: {
      electrolyte: j.electrolyteExponent,
      surface: j.surfaceExponent,
      vacancy: j.vacancyExponent,
    },
    exchangeCurrentDensity_A_per_m2: compileExchangeCurrent(
      e.exchangeCurrentDensity_A_per_m2,
      e.maximumConcentration_mol_per_m3,
    ),
  };
}

/** Compiles a validated set (see parseParameterSet) into numbers and closures. */
export function compileParameterSet(set: ParameterSet): CompiledParameterSet {
  const Tref = set.temperatures.reference_K;
  const component = (
    thickness_m: number,
    c: {
      density_kg_per_m3: number;
      specificHeatCapacity_J_per_kg_K: number;
      thermalConductivity_W_per_m_K: number;
    },
  ): ThermalComponent => ({
    thickness_m,
    density_kg_per_m3: c.density_kg_per_m3,
    specificHeatCapacity_J_per_kg_K: c.specificHeatCapacity_J_per_kg_K,
    thermalConductivity_W_per_m_K: c.thermalConductivity_W_per_m_K,
  });
  return {
    name: set.name,
    source: set,
    negative: compileElectrode(set.negative, Tref),
    positive: compileElectrode(set.positive, Tref),
    separator: {
      thickness_m: set.separator.thickness_m,
      porosity: set.separator.porosity,
      bruggemanElectrolyte: set.separator.bruggemanElectrolyte,
    },
    electrolyte: {
      initialConcentration_mol_per_m3: set.electrolyte.initialConcentration_mol_per_m3,
      cationTransferenceNumber: set.electrolyte.cationTransferenceNumber,
      thermodynamicFactor: set.electrolyte.thermodynamicFactor ?? 1,
      diffusivity_m2_per_s: compileFunctionOfVariableAndTemperature(set.electrolyte.diffusivity_m2_per_s),
      conductivity_S_per_m: compileFunctionOfVariableAndTemperature(set.electrolyte.conductivity_S_per_m),
      diffusivityDerivative_m5_per_mol_s: compileDerivativeOfVariableAndTemperature(
        set.electrolyte.diffusivity_m2_per_s,
      ),
      conductivityDerivative_S_m2_per_mol: compileDerivativeOfVariableAndTemperature(
        set.electrolyte.conductivity_S_per_m,
      ),
    },
    cell: {
      electrodeArea_m2:
        set.cell.electrodeHeight_m * set.cell.electrodeWidth_m * set.cell.electrodesInParallel,
      nominalCapacity_Ah: set.cell.nominalCapacity_Ah,
      lowerVoltageCutoff_V: set.cell.lowerVoltageCutoff_V,
      upperVoltageCutoff_V: set.cell.upperVoltageCutoff_V,
      referenceTemperature_K: Tref,
      ambientTemperature_K: set.temperatures.ambient_K,
      initialTemperature_K: set.temperatures.initial_K,
      contactResistance_Ohm: set.cell.contactResistance_Ohm,
    },
    thermal: {
      cellVolume_m3: set.thermal.cellVolume_m3,
      coolingSurfaceArea_m2: set.thermal.coolingSurfaceArea_m2,
      heatTransferCoefficient_W_per_m2_K: set.thermal.heatTransferCoefficient_W_per_m2_K,
      components: {
        negativeCurrentCollector: component(
          set.negativeCurrentCollector.thickness_m,
          set.negativeCurrentCollector,
        ),
        negativeElectrode: component(set.negative.thickness_m, set.negative),
        separator: component(set.separator.thickness_m, set.separator),
        positiveElectrode: component(set.positive.thickness_m, set.positive),
        positiveCurrentCollector: component(
          set.positiveCurrentCollector.thickness_m,
          set.positiveCurrentCollector,
        ),
      },
    },
  };
}
