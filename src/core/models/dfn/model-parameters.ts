/**
 * The part of the compiled parameter set (the `CompiledParameterSet` contract of core/parameters) that the
 * SPMe and DFN models read. Declared structurally here so the models compile against the contract while
 * the parameters module evolves; any `CompiledParameterSet` is assignable to it.
 */

export interface ModelElectrode {
  readonly thickness_m: number;
  readonly particleRadius_m: number;
  readonly activeMaterialVolumeFraction: number;
  readonly porosity: number;
  readonly bruggemanElectrolyte: number;
  /** Bruggeman exponent of the solid phase: σ_eff = σ·(1 − porosity)^b. */
  readonly bruggemanElectrode: number;
  readonly conductivity_S_per_m: number;
  readonly maximumConcentration_mol_per_m3: number;
  readonly initialConcentration_mol_per_m3: number;
  readonly surfaceAreaPerVolume_per_m: number;
  readonly chargeTransferCoefficient: number;
  openCircuitPotential_V(stoichiometry: number, temperature_K: number): number;
  entropicChange_V_per_K(stoichiometry: number): number;
  particleDiffusivity_m2_per_s(stoichiometry: number, temperature_K: number): number;
  exchangeCurrentDensity_A_per_m2(
    electrolyteConcentration_mol_per_m3: number,
    surfaceConcentration_mol_per_m3: number,
    temperature_K: number,
  ): number;
}

export interface ModelThermalComponent {
  readonly thickness_m: number;
  readonly density_kg_per_m3: number;
  readonly specificHeatCapacity_J_per_kg_K: number;
  readonly thermalConductivity_W_per_m_K: number;
}

export interface ModelParameters {
  readonly name: string;
  readonly negative: ModelElectrode;
  readonly positive: ModelElectrode;
  readonly separator: {
    readonly thickness_m: number;
    readonly porosity: number;
    readonly bruggemanElectrolyte: number;
  };
  readonly electrolyte: {
    readonly initialConcentration_mol_per_m3: number;
    readonly cationTransferenceNumber: number;
    readonly thermodynamicFactor: number;
    diffusivity_m2_per_s(c_mol_per_m3: number, T_K: number): number;
    conductivity_S_per_m(c_mol_per_m3: number, T_K: number): number;
  };
  readonly cell: {
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
    readonly components: Readonly<
      Record<
        | "negativeCurrentCollector"
        | "negativeElectrode"
        | "separator"
        | "positiveElectrode"
        | "positiveCurrentCollector",
        ModelThermalComponent
      >
    >;
  };
}

/** Options shared by the SPMe and DFN factories. */
export interface ElectrochemicalModelOptions {
  /** Finite-volume cells per domain (default 20 each, PyBaMM's default). */
  readonly mesh?: {
    readonly negative?: number;
    readonly separator?: number;
    readonly positive?: number;
    readonly particle?: number;
  };
  readonly thermal?: "isothermal" | "lumped" | "x-full";
  /** Ambient temperature (K); default the set's. */
  readonly ambientTemperature_K?: number;
}

function requirePositive(field: string, value: number, unit: string): void {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${field} = ${value} ${unit}: must be a positive finite number`);
  }
}

function requireFraction(field: string, value: number): void {
  if (!(value > 0 && value < 1))
    throw new RangeError(`${field} = ${value}: must lie strictly between 0 and 1`);
}

function requireMeshPoints(field: string, value: number | undefined, minimum: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < minimum || value > 10000) {
    throw new RangeError(`mesh.${field} = ${value} cells: must be an integer between ${minimum} and 10000`);
  }
}

/** Checks the geometry, transport and mesh inputs of the electrochemical models; throws naming the field. */
export function validateModelInputs(parameters: ModelParameters, options: ElectrochemicalModelOptions): void {
  for (const side of ["negative", "positive"] as const) {
    const e = parameters[side];
    requirePositive(`${side}.thickness_m`, e.thickness_m, "m");
    requirePositive(`${side}.particleRadius_m`, e.particleRadius_m, "m");
    requireFraction(`${side}.porosity`, e.porosity);
    requireFraction(`${side}.activeMaterialVolumeFraction`, e.activeMaterialVolumeFraction);
    requirePositive(`${side}.conductivity_S_per_m`, e.conductivity_S_per_m, "S/m");
    requirePositive(`${side}.maximumConcentration_mol_per_m3`, e.maximumConcentration_mol_per_m3, "mol/m³");
    requirePositive(`${side}.surfaceAreaPerVolume_per_m`, e.surfaceAreaPerVolume_per_m, "1/m");
  }
  requirePositive("separator.thickness_m", parameters.separator.thickness_m, "m");
  const separatorPorosity = parameters.separator.porosity;
  if (!(separatorPorosity > 0 && separatorPorosity <= 1)) {
    throw new RangeError(`separator.porosity = ${separatorPorosity}: must lie in (0, 1]`);
  }
  requirePositive(
    "electrolyte.initialConcentration_mol_per_m3",
    parameters.electrolyte.initialConcentration_mol_per_m3,
    "mol/m³",
  );
  const tPlus = parameters.electrolyte.cationTransferenceNumber;
  if (!(tPlus >= 0 && tPlus < 1)) {
    throw new RangeError(`electrolyte.cationTransferenceNumber = ${tPlus}: must lie in [0, 1)`);
  }
  requirePositive("cell.electrodeArea_m2", parameters.cell.electrodeArea_m2, "m²");
  if (options.ambientTemperature_K !== undefined) {
    requirePositive("ambientTemperature_K", options.ambientTemperature_K, "K");
  }
  requireMeshPoints("negative", options.mesh?.negative, 2);
  requireMeshPoints("separator", options.mesh?.separator, 1);
  requireMeshPoints("positive", options.mesh?.positive, 2);
  requireMeshPoints("particle", options.mesh?.particle, 2);
}
