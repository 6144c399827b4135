export { createDfnModel, type DfnModel } from "./dfn-model.js";
export type { ElectrochemicalModelOptions, ModelParameters } from "./model-parameters.js";
