/** Techno-economics: design → bill of materials → cost; manufacturing energy; GWP; recycling. */
export { coatingProperties } from "./coating.js";
export { estimateCost, overheadMultipliers, packPriceClosedForm } from "./cost.js";
export * from "./cost-types.js";
export { designCell } from "./design.js";
export {
  cellFormatOf,
  chemistryById,
  defaultCellFormat,
  designSpecKind,
  parseDesignSpec,
} from "./design-spec.js";
export * from "./design-types.js";
export {
  defaultEnergyOptions,
  dryingEnergyPerKgSolvent,
  type EnergyOptions,
  type EnergyResult,
  estimateManufacturingEnergy,
} from "./energy.js";
export { DesignInputError } from "./errors.js";
export {
  compareProcessingRoutes,
  type EvaluationOptions,
  type EvaluationResult,
  type EvaluationSummary,
  evaluateDesign,
  type ProcessingRoute,
  withProcessingRoute,
} from "./evaluate.js";
export {
  estimateGwp,
  type GridRegion,
  type GwpOptions,
  type GwpResult,
  gridEmissionFactors_kgCO2e_per_kWh,
} from "./gwp.js";
export { baselineDrivers, batpac5ProcessSteps, type ProcessStep } from "./process-table.js";
export {
  packContents,
  type RecyclingInput,
  type RecyclingResult,
  recyclingRoutes,
  simulateRecycling,
} from "./recycling.js";
