/** The cell models `simulate` can build, by id, from a compiled parameter set. */
import type { CellModel } from "../models/cell-model.js";
import { createDfnModel } from "../models/dfn/index.js";
import { createSpmModel } from "../models/spm/spm.js";
import { createSpmeModel } from "../models/spme/index.js";
import type { CompiledParameterSet } from "../parameters/index.js";
import { SimulationInputError } from "./errors.js";

export const thermalOptions = ["isothermal", "lumped", "x-full"] as const;
export type ThermalOption = (typeof thermalOptions)[number];

/** Options shared by every model factory. */
export interface CellModelBuildOptions {
  /** Finite-volume points per electrode, separator and particle. */
  readonly meshPoints: number;
  readonly thermal: ThermalOption;
  readonly ambientTemperature_K: number;
}

type CellModelFactory = (parameters: CompiledParameterSet, options: CellModelBuildOptions) => CellModel;

const factories: Record<string, CellModelFactory> = {
  spm: (parameters, options) => {
    if (options.thermal !== "isothermal") {
      throw new SimulationInputError(
        `thermal "${options.thermal}" is not available for the spm model: use spme or dfn`,
      );
    }
    return createSpmModel(
      {
        negative: parameters.negative,
        positive: parameters.positive,
        electrodeArea_m2: parameters.cell.electrodeArea_m2,
        electrolyteConcentration_mol_per_m3: parameters.electrolyte.initialConcentration_mol_per_m3,
        temperature_K: options.ambientTemperature_K,
      },
      { particlePoints: options.meshPoints },
    );
  },
  spme: (parameters, options) => electrochemical(createSpmeModel, parameters, options),
  dfn: (parameters, options) => electrochemical(createDfnModel, parameters, options),
};

function electrochemical(
  create: typeof createDfnModel | typeof createSpmeModel,
  parameters: CompiledParameterSet,
  options: CellModelBuildOptions,
): CellModel {
  const n = options.meshPoints;
  try {
    return create(parameters, {
      mesh: { negative: n, separator: n, positive: n, particle: n },
      thermal: options.thermal,
      ambientTemperature_K: options.ambientTemperature_K,
    });
  } catch (error) {
    // The factories check their inputs with RangeError; to the caller that is bad input.
    if (error instanceof RangeError) throw new SimulationInputError(error.message);
    throw error;
  }
}

/** Ids of the models `buildCellModel` knows. */
export const cellModelIds: readonly string[] = Object.keys(factories);

export function buildCellModel(
  id: string,
  parameters: CompiledParameterSet,
  options: CellModelBuildOptions,
): CellModel {
  const factory = factories[id];
  if (!factory) throw new SimulationInputError(`model "${id}": expected one of ${cellModelIds.join(", ")}`);
  return factory(parameters, options);
}
