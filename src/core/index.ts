/** cellforge public library API (pure core: no I/O). */
export type {
  DaeProblem,
  EventFunctions,
  IterationMatrixSolver,
  JacobianStructure,
} from "./solvers/problem.js";
