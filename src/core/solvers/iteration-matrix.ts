/**
 * Default solvers for the iteration matrix `A = M − γ J` (J = df/dy) of the implicit integrators,
 * used when a problem does not bring its own `createIterationMatrixSolver()`.
 *
 * J comes from the problem's analytic `jacobian` if present, else from forward differences that
 * exploit `jacobianStructure`: dense (n evaluations of f), banded (lower + upper + 1 evaluations by
 * column grouping, Curtis–Powell–Reid) or bordered-banded (band groups + one evaluation per border
 * column + one per core column that couples into the border rows; that coupling pattern is detected
 * from one full difference Jacobian after each `resetStructure()`). J is kept between calls, so a
 * new γ costs only an assembly and a factorisation.
 * @see Curtis, Powell & Reid, J. Inst. Math. Appl. 13 (1974) 117 — column grouping for sparse Jacobians.
 */
import { bandedIndex, bandedLuFactor, bandedLuSolve, createBandedMatrix } from "../math/banded-lu.js";
import {
  borderedBandedLuFactor,
  borderedBandedLuSolve,
  createBorderedBandedMatrix,
} from "../math/bordered-banded-lu.js";
import { denseLuFactor, denseLuSolve } from "../math/dense-lu.js";
import type { DaeProblem, IterationMatrixSolver, JacobianStructure } from "./problem.js";

/** An iteration-matrix solver that also reports the f evaluations it spent on difference Jacobians. */
export interface DefaultIterationMatrixSolver extends IterationMatrixSolver {
  readonly rhsEvaluations: number;
  /** Forget any detected sparsity pattern (call when the problem's equations may have changed). */
  resetStructure(): void;
}

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/** Validates `problem.jacobianStructure` against `problem.size`, with a message naming the field. */
export function checkJacobianStructure(problem: DaeProblem): JacobianStructure {
  const s = problem.jacobianStructure ?? { kind: "dense" };
  const n = problem.size;
  const bad = (field: string, v: unknown) =>
    new RangeError(`jacobianStructure.${field} must be an integer in range for size ${n}, got ${String(v)}`);
  if (s.kind === "banded" || s.kind === "bordered-banded") {
    if (!Number.isInteger(s.lower) || s.lower < 0) throw bad("lower", s.lower);
    if (!Number.isInteger(s.upper) || s.upper < 0) throw bad("upper", s.upper);
  }
  if (s.kind === "bordered-banded" && (!Number.isInteger(s.border) || s.border < 0 || s.border > n)) {
    throw bad("border", s.border);
  }
  return s;
}

/**
 * Creates the default solver for `problem`. `perturbationFloor[i]` is the smallest magnitude used to
 * scale the difference increment of unknown i (typically atol_i / rtol).
 */
export function createDefaultIterationMatrixSolver(
  problem: DaeProblem,
  perturbationFloor: Float64Array,
): DefaultIterationMatrixSolver {
  const s = checkJacobianStructure(problem);
  if (s.kind === "banded") return createBandedSolver(problem, perturbationFloor, s.lower, s.upper);
  if (s.kind === "bordered-banded") {
    return createBorderedSolver(problem, perturbationFloor, s.lower, s.upper, s.border);
  }
  return createDenseSolver(problem, perturbationFloor);
}

function increment(y: number, floor: number): number {
  return SQRT_EPS * Math.max(Math.abs(y), floor, 1e-10);
}

/** Evaluates f at `yWork` with unknown j perturbed into `fWork` (yWork is restored); returns the increment. */
function perturbedRhs(
  problem: DaeProblem,
  t: number,
  yWork: Float64Array,
  j: number,
  floor: Float64Array,
  fWork: Float64Array,
): number {
  const yj = yWork[j];
  yWork[j] = yj + increment(yj, floor[j]);
  const h = yWork[j] - yj;
  problem.rhs(t, yWork, fWork);
  yWork[j] = yj;
  return h;
}

function createDenseSolver(problem: DaeProblem, floor: Float64Array): DefaultIterationMatrixSolver {
  const n = problem.size;
  const mass = problem.mass;
  const jac = new Float64Array(n * n);
  const lu = new Float64Array(n * n);
  const pivots = new Int32Array(n);
  const yWork = new Float64Array(n);
  const fWork = new Float64Array(n);
  let hasJacobian = false;
  const solver = {
    rhsEvaluations: 0,
    resetStructure() {},
    factor(t: number, y: Float64Array, fy: Float64Array, gamma: number, refresh: boolean): boolean {
      if (refresh || !hasJacobian) {
        if (problem.jacobian) problem.jacobian(t, y, jac);
        else {
          yWork.set(y);
          for (let j = 0; j < n; j++) {
            const h = perturbedRhs(problem, t, yWork, j, floor, fWork);
            for (let i = 0; i < n; i++) jac[i * n + j] = (fWork[i] - fy[i]) / h;
          }
          solver.rhsEvaluations += n;
        }
        hasJacobian = true;
      }
      for (let k = 0; k < n * n; k++) lu[k] = -gamma * jac[k];
      for (let i = 0; i < n; i++) lu[i * n + i] += mass[i];
      return denseLuFactor(lu, n, pivots);
    },
    solve(b: Float64Array): void {
      denseLuSolve(lu, n, pivots, b);
    },
  };
  return solver;
}

function createBandedSolver(
  problem: DaeProblem,
  floor: Float64Array,
  kl: number,
  ku: number,
): DefaultIterationMatrixSolver {
  const n = problem.size;
  const mass = problem.mass;
  const width = kl + ku + 1;
  // J's band in compact storage: J(i, j) at (ku + i − j) + j·width.
  const band = new Float64Array(width * n);
  const matrix = createBandedMatrix(n, kl, ku);
  const denseJac = problem.jacobian ? new Float64Array(n * n) : undefined;
  const yWork = new Float64Array(n);
  const fWork = new Float64Array(n);
  const steps = new Float64Array(n);
  let hasJacobian = false;
  const solver = {
    rhsEvaluations: 0,
    resetStructure() {},
    factor(t: number, y: Float64Array, fy: Float64Array, gamma: number, refresh: boolean): boolean {
      if (refresh || !hasJacobian) {
        if (denseJac && problem.jacobian) {
          problem.jacobian(t, y, denseJac);
          for (let j = 0; j < n; j++) {
            for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) {
              band[ku + i - j + j * width] = denseJac[i * n + j];
            }
          }
        } else {
          yWork.set(y);
          const groups = Math.min(width, n);
          for (let g = 0; g < groups; g++) {
            for (let j = g; j < n; j += width) {
              const yj = yWork[j];
              yWork[j] = yj + increment(yj, floor[j]);
              steps[j] = yWork[j] - yj;
            }
            problem.rhs(t, yWork, fWork);
            for (let j = g; j < n; j += width) {
              yWork[j] = y[j];
              const inv = 1 / steps[j];
              for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) {
                band[ku + i - j + j * width] = (fWork[i] - fy[i]) * inv;
              }
            }
          }
          solver.rhsEvaluations += groups;
        }
        hasJacobian = true;
      }
      const data = matrix.data;
      for (let j = 0; j < n; j++) {
        for (let i = Math.max(0, j - ku); i <= Math.min(n - 1, j + kl); i++) {
          data[bandedIndex(matrix, i, j)] = -gamma * band[ku + i - j + j * width];
        }
        data[bandedIndex(matrix, j, j)] += mass[j];
      }
      return bandedLuFactor(matrix);
    },
    solve(b: Float64Array): void {
      bandedLuSolve(matrix, b);
    },
  };
  return solver;
}

function createBorderedSolver(
  problem: DaeProblem,
  floor: Float64Array,
  kl: number,
  ku: number,
  border: number,
): DefaultIterationMatrixSolver {
  const n = problem.size;
  const mass = problem.mass;
  const core = n - border;
  const width = kl + ku + 1;
  const band = new Float64Array(width * core);
  const right = new Float64Array(core * border); // J(i, core + c) at c·core + i
  const bottom = new Float64Array(border * core); // J(core + r, j) at r·core + j
  const corner = new Float64Array(border * border);
  const matrix = createBorderedBandedMatrix(n, kl, ku, border);
  const denseJac = problem.jacobian ? new Float64Array(n * n) : undefined;
  const yWork = new Float64Array(n);
  const fWork = new Float64Array(n);
  const steps = new Float64Array(n);
  const coupled = new Uint8Array(core);
  let structureKnown = false;
  let hasJacobian = false;

  /** Stores column j of J from (fWork − fy)/h; `rowsBand` limits core rows to the band of column j. */
  const storeColumn = (j: number, fy: Float64Array, h: number, detect: boolean) => {
    const inv = 1 / h;
    if (j < core) {
      for (let i = Math.max(0, j - ku); i <= Math.min(core - 1, j + kl); i++) {
        band[ku + i - j + j * width] = (fWork[i] - fy[i]) * inv;
      }
      let any = false;
      for (let r = 0; r < border; r++) {
        const d = fWork[core + r] - fy[core + r];
        if (d !== 0) any = true;
        bottom[r * core + j] = d * inv;
      }
      if (detect) coupled[j] = any ? 1 : 0;
    } else {
      const c = j - core;
      for (let i = 0; i < core; i++) right[c * core + i] = (fWork[i] - fy[i]) * inv;
      for (let r = 0; r < border; r++) corner[r * border + c] = (fWork[core + r] - fy[core + r]) * inv;
    }
  };

  const solver = {
    rhsEvaluations: 0,
    resetStructure() {
      structureKnown = false;
    },
    factor(t: number, y: Float64Array, fy: Float64Array, gamma: number, refresh: boolean): boolean {
      if (refresh || !hasJacobian) {
        if (denseJac && problem.jacobian) {
          problem.jacobian(t, y, denseJac);
          for (let j = 0; j < core; j++) {
            for (let i = Math.max(0, j - ku); i <= Math.min(core - 1, j + kl); i++) {
              band[ku + i - j + j * width] = denseJac[i * n + j];
            }
            for (let r = 0; r < border; r++) bottom[r * core + j] = denseJac[(core + r) * n + j];
          }
          for (let c = 0; c < border; c++) {
            for (let i = 0; i < core; i++) right[c * core + i] = denseJac[i * n + core + c];
            for (let r = 0; r < border; r++) corner[r * border + c] = denseJac[(core + r) * n + core + c];
          }
        } else {
          yWork.set(y);
          if (!structureKnown) {
            for (let j = 0; j < core; j++) {
              storeColumn(j, fy, perturbedRhs(problem, t, yWork, j, floor, fWork), true);
            }
            solver.rhsEvaluations += core;
            structureKnown = true;
          } else {
            const groups = Math.min(width, core);
            for (let g = 0; g < groups; g++) {
              let any = false;
              for (let j = g; j < core; j += width) {
                if (coupled[j]) continue;
                const yj = yWork[j];
                yWork[j] = yj + increment(yj, floor[j]);
                steps[j] = yWork[j] - yj;
                any = true;
              }
              if (!any) continue;
              problem.rhs(t, yWork, fWork);
              solver.rhsEvaluations++;
              for (let j = g; j < core; j += width) {
                if (coupled[j]) continue;
                yWork[j] = y[j];
                const inv = 1 / steps[j];
                for (let i = Math.max(0, j - ku); i <= Math.min(core - 1, j + kl); i++) {
                  band[ku + i - j + j * width] = (fWork[i] - fy[i]) * inv;
                }
              }
            }
            for (let j = 0; j < core; j++) {
              if (!coupled[j]) continue;
              storeColumn(j, fy, perturbedRhs(problem, t, yWork, j, floor, fWork), false);
              solver.rhsEvaluations++;
            }
          }
          for (let j = core; j < n; j++)
            storeColumn(j, fy, perturbedRhs(problem, t, yWork, j, floor, fWork), false);
          solver.rhsEvaluations += border;
        }
        hasJacobian = true;
      }
      const bandData = matrix.band.data;
      for (let j = 0; j < core; j++) {
        for (let i = Math.max(0, j - ku); i <= Math.min(core - 1, j + kl); i++) {
          bandData[bandedIndex(matrix.band, i, j)] = -gamma * band[ku + i - j + j * width];
        }
        bandData[bandedIndex(matrix.band, j, j)] += mass[j];
      }
      for (let k = 0; k < right.length; k++) matrix.right[k] = -gamma * right[k];
      for (let k = 0; k < bottom.length; k++) matrix.bottom[k] = -gamma * bottom[k];
      for (let k = 0; k < corner.length; k++) matrix.corner[k] = -gamma * corner[k];
      for (let r = 0; r < border; r++) matrix.corner[r * border + r] += mass[core + r];
      return borderedBandedLuFactor(matrix);
    },
    solve(b: Float64Array): void {
      borderedBandedLuSolve(matrix, b);
    },
  };
  return solver;
}
