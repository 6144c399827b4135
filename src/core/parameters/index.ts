/** Parameter sets as data: schema, built-in sets, overrides, compilation and initial stoichiometries. */

export {
  type BpxDocument,
  type FromBpxOptions,
  fromBpx,
  parseBpxDocument,
  type ToBpxOptions,
  toBpx,
} from "./bpx/index.js";
export {
  type CompiledElectrode,
  type CompiledParameterSet,
  compileParameterSet,
  type ThermalComponent,
  type ThermalComponentName,
} from "./compile.js";
export { ParameterSetError } from "./errors.js";
export type { Arrhenius, ExchangeCurrent, ScalarFunction, SeriesTerm } from "./functions.js";
export { applyParameterOverrides } from "./overrides.js";
export { getParameterSet, listParameterSets, parameterSetNames, parseParameterSet } from "./registry.js";
export {
  type ElectrodeParameters,
  type ParameterSet,
  type ParameterSetInput,
  parameterSetSchema,
} from "./schema.js";
export { initialStoichiometries, type StoichiometryWindow, stoichiometryWindow } from "./stoichiometry.js";
