/** cellforge public library API (pure core: no I/O). Subsystems are also importable from their own folders. */

export * from "./economics/index.js";
export { InputError } from "./errors.js";
export * from "./materials/index.js";
export { createInterpolant } from "./math/interpolate.js";
export { RandomStream } from "./math/random.js";
export { createDefaultModelRegistry } from "./ml/default-registry.js";
export type { Classifier, Matrix, Regressor, SerializedModel } from "./ml/estimator.js";
export { matrixFromRows } from "./ml/estimator.js";
export { classicModelEntries, createModelRegistry, type ModelRegistry } from "./ml/registry.js";
export type { CellControl, CellModel } from "./models/cell-model.js";
export { createDfnModel, type DfnModel } from "./models/dfn/index.js";
export { createSpmModel, type SpmModel } from "./models/spm/spm.js";
export { createSpmeModel, type SpmeModel } from "./models/spme/index.js";
export {
  applyParameterOverrides,
  type CompiledParameterSet,
  compileParameterSet,
  getParameterSet,
  initialStoichiometries,
  listParameterSets,
  type ParameterSet,
  ParameterSetError,
  parseParameterSet,
} from "./parameters/index.js";
export {
  type Experiment,
  type ExperimentStep,
  formatExperiment,
  parseExperiment,
  resolveStep,
} from "./protocols/index.js";
export { SimulationInputError } from "./simulation/errors.js";
export { cellModelIds } from "./simulation/models.js";
export {
  type CellSimulationRequest,
  type CurrentProfile,
  type PreparedCellSimulation,
  prepareCellSimulation,
} from "./simulation/prepare.js";
export { type SimulateOptions, simulate } from "./simulation/simulate.js";
export type { Solution } from "./simulation/solution.js";
export { createBdfIntegrator, solveDae } from "./solvers/index.js";
export type {
  DaeProblem,
  EventFunctions,
  IterationMatrixSolver,
  JacobianStructure,
} from "./solvers/problem.js";
