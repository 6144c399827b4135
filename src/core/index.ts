/** cellforge public library API (pure core: no I/O). */

export * from "./economics/index.js";
export * from "./materials/index.js";
export type {
  DaeProblem,
  EventFunctions,
  IterationMatrixSolver,
  JacobianStructure,
} from "./solvers/problem.js";
