/**
 * Adaptive variable-order (1–5), quasi-constant step-size NDF/BDF integrator for semi-explicit
 * index-1 DAEs `M y' = f(t, y)` with diagonal, possibly singular M.
 *
 * Method: the numerical differentiation formulas of Klopfenstein/Shampine (ode15s; `kappa` below,
 * kappa = 0 at order 5 gives BDF5) in backward-difference form on a quasi-constant step: the
 * difference array D is rescaled when h changes (Shampine & Reichelt 1997, the scheme of SciPy's
 * `BDF`). Each step solves `M (psi + d) = c f(t_new, y_pred + d)` (c = h / alpha_k) by a simplified
 * Newton iteration with the iteration matrix `M − c J`, whose factorisation is reused across steps
 * until c drifts by > 30 % (CVODE's rule) or Newton converges poorly; J is re-evaluated only when
 * Newton fails with a stale J. Errors are estimated from the corrector difference and measured in a
 * weighted RMS norm with weights atol_i + rtol·|y_i| (algebraic unknowns included by default).
 * See docs/solvers/bdf.md and docs/decisions/0001-bdf-integrator.md.
 * @see Shampine & Reichelt, SIAM J. Sci. Comput. 18 (1997) 1–22, doi:10.1137/S1064827594276424
 * @see Hindmarsh et al., ACM TOMS 31 (2005) 363–396 (CVODE/IDA), doi:10.1145/1089014.1089020
 */
import { createDefaultIterationMatrixSolver, type DefaultIterationMatrixSolver } from "./iteration-matrix.js";
import type { DaeProblem, IterationMatrixSolver } from "./problem.js";

export interface BdfOptions {
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** Absolute tolerance, scalar or per unknown, in the unknowns' units (default 1e-8). */
  atol?: number | Float64Array;
  /** Highest order used (default 5). */
  maxOrder?: 1 | 2 | 3 | 4 | 5;
  /** Largest step, s (default unlimited). */
  maxStep_s?: number;
  /** First step after a reset, s (default: estimated from f). */
  initialStep_s?: number;
  /** Steps allowed per `advanceTo` call before it fails (default 100000). */
  maxSteps?: number;
  /** Whether algebraic unknowns enter the local error test (default true, as ode15s and IDA). */
  algebraicErrorControl?: boolean;
}

export interface AdvanceResult {
  status: "reached" | "event" | "failed";
  t_s: number;
  /** Index of the event function that stopped the integration, -1 if none. */
  eventIndex: number;
  message: string;
}

export interface BdfStats {
  steps: number;
  rejectedSteps: number;
  rhsEvaluations: number;
  jacobianEvaluations: number;
  factorizations: number;
  newtonIterations: number;
}

export interface AdvanceOptions {
  /** Ascending times at which `onOutput` receives the dense-output state. */
  outputTimes?: ArrayLike<number>;
  onOutput?: (t_s: number, y: Float64Array) => void;
  /** Called after every accepted step (y is the integrator's state: do not modify). */
  onStep?: (t_s: number, y: Float64Array) => void;
}

export interface BdfIntegrator {
  /** Current state (a view; copy it if you keep it). */
  readonly y: Float64Array;
  readonly t_s: number;
  /** Current order and step size (diagnostics). */
  readonly order: number;
  readonly stepSize_s: number;
  readonly stats: BdfStats;
  /** Restart at (t, y): makes algebraic rows consistent (Newton on algebraic unknowns with differential ones fixed), resets history to order 1. */
  reset(t_s: number, y: ArrayLike<number>): { ok: boolean; message: string };
  /**
   * Integrates to tEnd (may be Infinity when an event ends the run; maxSteps still bounds it) or the first
   * terminal event (located to < 1e-9 relative in t, state interpolated at the root); calls onOutput at
   * each outputTimes entry passed (dense output) and at the end.
   */
  advanceTo(tEnd_s: number, options?: AdvanceOptions): AdvanceResult;
}

const MAX_ORDER = 5;
// Indices into the integrator's scalar state.
const TIME = 0;
const STEP = 1;
const FACTOR_GAMMA = 2;
const RATE = 3;
const NEWTON_MAX_ITERATIONS = 4;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 10;
/** Refactor when c = h/alpha changed by more than this fraction since the last factorisation (CVODE's DGMAX). */
const GAMMA_CHANGE_LIMIT = 0.3;
/** gamma of the quasi-Newton iteration used for consistent initialisation (see reset). */
const INIT_GAMMA = 1e-8;

// NDF coefficients (Shampine & Reichelt 1997, Table 1; kappa_5 = 0 → BDF5).
const KAPPA = [0, -0.185, -1 / 9, -0.0823, -0.0415, 0];
const GAMMA_K = new Float64Array(MAX_ORDER + 2);
const ALPHA = new Float64Array(MAX_ORDER + 2);
const ERROR_CONST = new Float64Array(MAX_ORDER + 2);
for (let k = 1; k <= MAX_ORDER + 1; k++) GAMMA_K[k] = GAMMA_K[k - 1] + 1 / k;
for (let k = 0; k <= MAX_ORDER + 1; k++) {
  const kappa = KAPPA[k] ?? 0;
  ALPHA[k] = (1 - kappa) * GAMMA_K[k];
  ERROR_CONST[k] = kappa * GAMMA_K[k] + 1 / (k + 1);
}

function checkPositive(name: string, v: number, unit: string): void {
  if (!(Number.isFinite(v) && v > 0))
    throw new RangeError(`BDF option ${name} must be a positive finite number${unit}, got ${v}`);
}

/** Creates an integrator for `problem`; call `reset(t0, y0)` before `advanceTo`. */
export function createBdfIntegrator(problem: DaeProblem, options: BdfOptions = {}): BdfIntegrator {
  const n = problem.size;
  if (!Number.isInteger(n) || n <= 0)
    throw new RangeError(`DaeProblem.size must be a positive integer, got ${n}`);
  const mass = problem.mass;
  if (!mass || mass.length !== n)
    throw new RangeError(`DaeProblem.mass must have length size=${n}, got ${mass?.length}`);
  for (let i = 0; i < n; i++) {
    if (!(mass[i] >= 0) || !Number.isFinite(mass[i]))
      throw new RangeError(`DaeProblem.mass[${i}] must be finite and ≥ 0, got ${mass[i]}`);
  }
  const rtol = options.rtol ?? 1e-6;
  checkPositive("rtol", rtol, "");
  const atol = new Float64Array(n);
  if (options.atol instanceof Float64Array) {
    if (options.atol.length !== n)
      throw new RangeError(`BDF option atol must have length ${n}, got ${options.atol.length}`);
    atol.set(options.atol);
  } else atol.fill(options.atol ?? 1e-8);
  for (let i = 0; i < n; i++) checkPositive(`atol[${i}]`, atol[i], " (units of the unknown)");
  const maxOrder = options.maxOrder ?? 5;
  if (![1, 2, 3, 4, 5].includes(maxOrder))
    throw new RangeError(`BDF option maxOrder must be 1..5, got ${maxOrder}`);
  const maxStep = options.maxStep_s ?? Number.POSITIVE_INFINITY;
  if (!(maxStep > 0)) throw new RangeError(`BDF option maxStep_s must be > 0 s, got ${maxStep}`);
  const initialStep = options.initialStep_s;
  if (initialStep !== undefined) checkPositive("initialStep_s", initialStep, " s");
  const maxSteps = options.maxSteps ?? 100000;
  if (!Number.isInteger(maxSteps) || maxSteps <= 0)
    throw new RangeError(`BDF option maxSteps must be a positive integer, got ${maxSteps}`);
  const algebraicErrorControl = options.algebraicErrorControl ?? true;

  const isAlgebraic = new Uint8Array(n);
  let algebraicCount = 0;
  for (let i = 0; i < n; i++) {
    if (mass[i] === 0) {
      isAlgebraic[i] = 1;
      algebraicCount++;
    }
  }
  const errorWeightCount = algebraicErrorControl ? n : n - algebraicCount;
  const errorMask = new Float64Array(n);
  for (let i = 0; i < n; i++) errorMask[i] = isAlgebraic[i] && !algebraicErrorControl ? 0 : 1;

  const floor = new Float64Array(n);
  for (let i = 0; i < n; i++) floor[i] = atol[i] / rtol;
  let defaultSolver: DefaultIterationMatrixSolver | undefined;
  let solver: IterationMatrixSolver;
  if (problem.createIterationMatrixSolver) solver = problem.createIterationMatrixSolver();
  else {
    defaultSolver = createDefaultIterationMatrixSolver(problem, floor);
    solver = defaultSolver;
  }

  const events = problem.events;
  const eventCount = events?.count ?? 0;
  const gOld = new Float64Array(eventCount);
  const gNew = new Float64Array(eventCount);
  const gTmp = new Float64Array(eventCount);

  // D rows 0..MAX_ORDER+2: backward differences of y (row 0 = y_n).
  const D = new Float64Array((MAX_ORDER + 3) * n);
  const yView = D.subarray(0, n);
  const work = new Float64Array((MAX_ORDER + 1) * n);
  const yPred = new Float64Array(n);
  const psi = new Float64Array(n);
  const dCorr = new Float64Array(n);
  const yNew = new Float64Array(n);
  const f = new Float64Array(n);
  const dy = new Float64Array(n);
  const scale = new Float64Array(n);
  const yp0 = new Float64Array(n);
  const yOut = new Float64Array(n);
  const rMat = new Float64Array((MAX_ORDER + 1) * (MAX_ORDER + 1));
  const uMat = new Float64Array((MAX_ORDER + 1) * (MAX_ORDER + 1));
  const ruMat = new Float64Array((MAX_ORDER + 1) * (MAX_ORDER + 1));

  const stats: BdfStats = {
    steps: 0,
    rejectedSteps: 0,
    rhsEvaluations: 0,
    jacobianEvaluations: 0,
    factorizations: 0,
    newtonIterations: 0,
  };
  let ownRhs = 0;

  // Scalar state in a typed array: doubles in closure variables would be boxed (an allocation per update).
  const scalars = new Float64Array(4);
  scalars[RATE] = 1;
  let order = 1;
  let nEqualSteps = 0;
  let isInitialised = false;
  let needsStart = true;
  let hasFactor = false;
  let jacobianIsCurrent = false; // J evaluated during the current step attempt
  let jacobianIsStale = true; // force a refresh at the next factorisation
  let lastMessage = "";
  let initialJacobianAvailable = false;

  const rhs = (time: number, y: Float64Array, out: Float64Array) => {
    ownRhs++;
    problem.rhs(time, y, out);
  };

  /** Weighted RMS norm ‖v / scale‖; the error test may skip algebraic unknowns (mask 0). */
  const weightedRms = (v: Float64Array, errorTest: boolean): number => {
    let s = 0;
    if (errorTest && !algebraicErrorControl) {
      for (let i = 0; i < n; i++) {
        const r = (v[i] / scale[i]) * errorMask[i];
        s += r * r;
      }
      return errorWeightCount > 0 ? Math.sqrt(s / errorWeightCount) : 0;
    }
    for (let i = 0; i < n; i++) {
      const r = v[i] / scale[i];
      s += r * r;
    }
    return Math.sqrt(s / n);
  };

  /** R(order, factor) of Shampine & Reichelt: R[i][j] = prod_{k=1..i} (k − 1 − factor·j) / k. */
  const computeR = (k: number, factor: number, out: Float64Array) => {
    const m = k + 1;
    for (let j = 0; j < m; j++) out[j] = 1;
    for (let i = 1; i < m; i++) {
      out[i * m] = 0;
      for (let j = 1; j < m; j++) out[i * m + j] = (out[(i - 1) * m + j] * (i - 1 - factor * j)) / i;
    }
  };

  /** Re-expresses the difference array for a step size multiplied by `factor` (same polynomial). */
  const changeD = (factor: number) => {
    const m = order + 1;
    computeR(order, factor, rMat);
    computeR(order, 1, uMat);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += rMat[i * m + k] * uMat[k * m + j];
        ruMat[i * m + j] = s;
      }
    }
    // D_new[j] = sum_k RU[k][j] D[k]
    for (let j = 0; j < m; j++) {
      const row = j * n;
      for (let x = 0; x < n; x++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += ruMat[k * m + j] * D[k * n + x];
        work[row + x] = s;
      }
    }
    for (let x = 0; x < m * n; x++) D[x] = work[x];
  };

  /** Evaluates the interpolating polynomial of the current step at tq into `out`. */
  const interpolate = (tq: number, out: Float64Array) => {
    for (let x = 0; x < n; x++) out[x] = D[x];
    let p = 1;
    for (let j = 1; j <= order; j++) {
      p *= (tq - scalars[TIME] + (j - 1) * scalars[STEP]) / (j * scalars[STEP]);
      const row = j * n;
      for (let x = 0; x < n; x++) out[x] += p * D[row + x];
    }
  };

  const factorize = (tFactor: number, yFactor: Float64Array, c: number, refresh: boolean): boolean => {
    if (refresh) {
      rhs(tFactor, yFactor, f);
      stats.jacobianEvaluations++;
    }
    stats.factorizations++;
    const ok = solver.factor(tFactor, yFactor, f, c, refresh);
    hasFactor = ok;
    scalars[FACTOR_GAMMA] = c;
    scalars[RATE] = 1;
    if (refresh) {
      jacobianIsCurrent = true;
      jacobianIsStale = false;
    }
    return ok;
  };

  // Newton stops when the next correction is predicted below 0.05 in the weighted norm, i.e. 5 % of
  // what the error test allows per unknown (CVODE uses 0.1 of its error-test scale, SciPy's BDF
  // min(0.03, sqrt(rtol)), ode15s about 0.5·rtol relative). Tighter values only add iterations.
  const newtonTolerance = 0.05;

  /** Simplified Newton for M(psi + d) = c f(tNew, yPred + d); returns iterations used, or -1 on failure. */
  const solveCorrector = (tNew: number, c: number): number => {
    yNew.set(yPred);
    dCorr.fill(0);
    let previousNorm = -1;
    for (let k = 0; k < NEWTON_MAX_ITERATIONS; k++) {
      rhs(tNew, yNew, f);
      stats.newtonIterations++;
      for (let i = 0; i < n; i++) dy[i] = c * f[i] - mass[i] * (psi[i] + dCorr[i]);
      solver.solve(dy);
      const norm = weightedRms(dy, false);
      if (!Number.isFinite(norm)) return -1;
      if (previousNorm >= 0) {
        const rate = norm / previousNorm;
        if (rate >= 1) return -1;
        scalars[RATE] = Math.max(0.3 * scalars[RATE], rate);
        if ((rate ** (NEWTON_MAX_ITERATIONS - k) / (1 - rate)) * norm > newtonTolerance) return -1;
      }
      for (let i = 0; i < n; i++) {
        yNew[i] += dy[i];
        dCorr[i] += dy[i];
      }
      if (norm === 0 || norm * Math.min(1, scalars[RATE]) < newtonTolerance * (previousNorm >= 0 ? 1 : 0.5)) {
        return k + 1;
      }
      previousNorm = norm;
    }
    return -1;
  };

  const selectInitialStep = (tEnd: number): number => {
    const span = tEnd - scalars[TIME];
    if (initialStep !== undefined) return Math.min(initialStep, span, maxStep);
    for (let i = 0; i < n; i++) scale[i] = atol[i] + rtol * Math.abs(D[i]);
    for (let i = 0; i < n; i++) dy[i] = D[i];
    const d0 = weightedRms(dy, false);
    const d1 = weightedRms(yp0, false);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    h0 = Math.min(h0, span);
    for (let i = 0; i < n; i++) yNew[i] = D[i] + h0 * yp0[i];
    rhs(scalars[TIME] + h0, yNew, f);
    for (let i = 0; i < n; i++) dy[i] = isAlgebraic[i] ? 0 : (f[i] / mass[i] - yp0[i]) / h0;
    const d2 = weightedRms(dy, false);
    const h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.sqrt(0.01 / Math.max(d1, d2));
    return Math.min(100 * h0, h1, span, maxStep);
  };

  const startHistory = (h: number) => {
    scalars[STEP] = h;
    order = 1;
    nEqualSteps = 0;
    for (let i = 0; i < n; i++) D[n + i] = h * yp0[i];
    D.fill(0, 2 * n);
    hasFactor = false;
    needsStart = false;
  };

  /** One accepted step towards tEnd; returns false (with lastMessage) on failure. */
  const step = (tEnd: number): boolean => {
    const minStep = 16 * Number.EPSILON * Math.abs(scalars[TIME]) + 1e-300;
    if (scalars[STEP] > maxStep) {
      changeD(maxStep / scalars[STEP]);
      scalars[STEP] = maxStep;
      nEqualSteps = 0;
    }
    jacobianIsCurrent = false;
    let consecutiveErrorFailures = 0;
    for (;;) {
      if (scalars[STEP] < minStep) {
        lastMessage = `step size too small at t=${scalars[TIME]} s (h=${scalars[STEP].toExponential(3)} s): ${lastMessage || "error test failures"}`;
        return false;
      }
      let tNew = scalars[TIME] + scalars[STEP];
      if (tNew >= tEnd || tNew + 0.05 * scalars[STEP] >= tEnd) {
        tNew = tEnd;
        const factor = (tEnd - scalars[TIME]) / scalars[STEP];
        if (factor !== 1) {
          changeD(factor);
          scalars[STEP] = tEnd - scalars[TIME];
          nEqualSteps = 0;
        }
      }
      const h = tNew - scalars[TIME];
      // Predictor y_pred = Σ_{j≤k} D_j and psi = Σ_{1≤j≤k} γ_j D_j / α_k, row by row (contiguous).
      for (let i = 0; i < n; i++) {
        yPred[i] = D[i];
        psi[i] = 0;
      }
      for (let j = 1; j <= order; j++) {
        const row = j * n;
        const g = GAMMA_K[j] / ALPHA[order];
        for (let i = 0; i < n; i++) {
          const v = D[row + i];
          yPred[i] += v;
          psi[i] += g * v;
        }
      }
      for (let i = 0; i < n; i++) scale[i] = atol[i] + rtol * Math.abs(yPred[i]);
      const c = h / ALPHA[order];
      let iterations = -1;
      for (;;) {
        const needRefresh = jacobianIsStale;
        if (needRefresh || !hasFactor || Math.abs(c / scalars[FACTOR_GAMMA] - 1) > GAMMA_CHANGE_LIMIT) {
          if (!factorize(tNew, yPred, c, needRefresh)) {
            if (!jacobianIsCurrent) {
              jacobianIsStale = true;
              continue;
            }
            lastMessage = `singular iteration matrix at t=${scalars[TIME]} s (h=${h.toExponential(3)} s)`;
            break;
          }
        }
        iterations = solveCorrector(tNew, c);
        if (iterations > 0) break;
        if (jacobianIsCurrent) {
          // A difference Jacobian with a stale sparsity pattern can also be the cause: re-detect it next time.
          defaultSolver?.resetStructure();
          lastMessage = `Newton iteration failed to converge at t=${scalars[TIME]} s (h=${h.toExponential(3)} s)`;
          break;
        }
        jacobianIsStale = true;
      }
      if (iterations < 0) {
        stats.rejectedSteps++;
        changeD(0.25);
        scalars[STEP] *= 0.25;
        nEqualSteps = 0;
        continue;
      }
      const safety = (0.9 * (2 * NEWTON_MAX_ITERATIONS + 1)) / (2 * NEWTON_MAX_ITERATIONS + iterations);
      for (let i = 0; i < n; i++) {
        scale[i] = atol[i] + rtol * Math.abs(yNew[i]);
        dy[i] = ERROR_CONST[order] * dCorr[i];
      }
      const errorNorm = weightedRms(dy, true);
      if (!(errorNorm <= 1)) {
        stats.rejectedSteps++;
        consecutiveErrorFailures++;
        lastMessage = "";
        const factor = Math.max(
          MIN_FACTOR,
          safety * (Number.isFinite(errorNorm) ? errorNorm ** (-1 / (order + 1)) : 0),
        );
        changeD(factor);
        scalars[STEP] *= factor;
        nEqualSteps = 0;
        if (consecutiveErrorFailures >= 3 && order > 1) order--;
        continue;
      }
      // Accept.
      stats.steps++;
      nEqualSteps++;
      scalars[TIME] = tNew;
      if (iterations >= NEWTON_MAX_ITERATIONS && !jacobianIsCurrent) jacobianIsStale = true;
      const base = (order + 2) * n;
      for (let i = 0; i < n; i++) {
        D[base + i] = dCorr[i] - D[base - n + i];
        D[base - n + i] = dCorr[i];
      }
      for (let j = order; j >= 0; j--) {
        const row = j * n;
        for (let i = 0; i < n; i++) D[row + i] += D[row + n + i];
      }
      if (nEqualSteps < order + 1) return true;
      // Order and step-size selection (Shampine & Reichelt 1997, §3.2).
      let errorMinus = Number.POSITIVE_INFINITY;
      let errorPlus = Number.POSITIVE_INFINITY;
      if (order > 1) {
        for (let i = 0; i < n; i++) dy[i] = ERROR_CONST[order - 1] * D[order * n + i];
        errorMinus = weightedRms(dy, true);
      }
      if (order < maxOrder) {
        for (let i = 0; i < n; i++) dy[i] = ERROR_CONST[order + 1] * D[(order + 2) * n + i];
        errorPlus = weightedRms(dy, true);
      }
      const fMinus = errorMinus ** (-1 / order);
      const fSame = errorNorm ** (-1 / (order + 1));
      const fPlus = errorPlus ** (-1 / (order + 2));
      let best = fSame;
      let delta = 0;
      if (fMinus > best) {
        best = fMinus;
        delta = -1;
      }
      if (fPlus > best) {
        best = fPlus;
        delta = 1;
      }
      order += delta;
      const factor = Math.min(MAX_FACTOR, safety * best);
      if (delta !== 0 || factor < 1 || factor > 1.2) {
        changeD(factor);
        scalars[STEP] *= factor;
      }
      nEqualSteps = 0;
      return true;
    }
  };

  /** Moves the history so that the current point becomes tStop (inside the last step), same h and order. */
  const rewindTo = (tStop: number) => {
    const m = order + 1;
    for (let k = 0; k < m; k++) interpolate(tStop - k * scalars[STEP], work.subarray(k * n, (k + 1) * n));
    // backward differences in place: after pass j, row k (k ≥ j) holds ∇^j y at point k−j... compute ∇ table
    for (let j = 1; j < m; j++) {
      for (let k = m - 1; k >= j; k--) {
        const row = k * n;
        for (let x = 0; x < n; x++) work[row + x] = work[row - n + x] - work[row + x];
      }
    }
    // work row j now holds ∇^j y evaluated at tStop
    D.fill(0);
    D.set(work.subarray(0, m * n));
    scalars[TIME] = tStop;
    nEqualSteps = 0;
  };

  const locateRoot = (k: number, tLo: number, gLo: number, tHi: number, gHi: number): number => {
    const tolerance = 1e-10 * Math.max(Math.abs(tHi), tHi - tLo);
    let side = 0;
    for (let iter = 0; iter < 200 && tHi - tLo > tolerance; iter++) {
      let tm = tHi - (gHi * (tHi - tLo)) / (gHi - gLo);
      if (!(tm > tLo && tm < tHi)) tm = 0.5 * (tLo + tHi);
      interpolate(tm, yOut);
      events!.evaluate(tm, yOut, gTmp);
      const gm = gTmp[k];
      if (gm === 0) return tm;
      if (gm > 0 === gHi > 0) {
        tHi = tm;
        gHi = gm;
        if (side === -1) gLo *= 0.5;
        side = -1;
      } else {
        tLo = tm;
        gLo = gm;
        if (side === 1) gHi *= 0.5;
        side = 1;
      }
    }
    return tHi;
  };

  const crossed = (k: number, a: number, b: number): boolean => {
    const direction = events?.direction?.[k] ?? 0;
    const rising = a < 0 && b >= 0;
    const falling = a > 0 && b <= 0;
    return (rising && direction >= 0) || (falling && direction <= 0);
  };

  /** Weighted RMS over the algebraic unknowns (weights in `scale`). */
  const algebraicNorm = (v: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (!isAlgebraic[i]) continue;
      const r = v[i] / scale[i];
      sum += r * r;
    }
    return Math.sqrt(sum / algebraicCount);
  };

  /**
   * Newton on the algebraic rows with the differential unknowns fixed, through the iteration matrix at a
   * tiny gamma: (M − γJ) z = [0; γ f_a] gives z_a = −(J_aa + γ J_ad M⁻¹ J_da)⁻¹ f_a (z_d = O(γ), discarded),
   * so a model's own solver serves here too. Damping by Deuflhard's natural monotonicity test (the next
   * simplified-Newton correction must shrink), which is invariant to the scaling of the equations — an
   * exponential Butler–Volmer row and a current row in amperes can sit side by side.
   * @see P. Deuflhard, Newton Methods for Nonlinear Problems, Springer 2004, §3.3 (NLEQ-ERR).
   */
  const consistentInitialisation = (t0: number): { ok: boolean; message: string } => {
    if (algebraicCount === 0) return { ok: true, message: "no algebraic unknowns" };
    for (let i = 0; i < n; i++) scale[i] = atol[i] + rtol * Math.abs(yView[i]);
    let gamma = INIT_GAMMA;
    const fail = (why: string) => ({
      ok: false,
      message: `consistent initialisation failed at t=${t0} s: ${why}`,
    });
    /** Factors at the current y and computes the correction z (in dy); returns its norm, or NaN. */
    const freshCorrection = (): number => {
      rhs(t0, yView, f);
      stats.jacobianEvaluations++;
      stats.factorizations++;
      initialJacobianAvailable = true;
      if (!solver.factor(t0, yView, f, gamma, true)) return Number.NaN;
      for (let i = 0; i < n; i++) dy[i] = isAlgebraic[i] ? gamma * f[i] : 0;
      solver.solve(dy);
      return algebraicNorm(dy);
    };
    rhs(t0, yView, f);
    let residual = 0;
    for (let i = 0; i < n; i++) if (isAlgebraic[i]) residual = Math.max(residual, Math.abs(f[i]));
    if (!Number.isFinite(residual)) return fail("f(t, y) is not finite at the initial state");
    if (residual === 0) return { ok: true, message: "consistent" };
    let correction = freshCorrection();
    if (Number.isNaN(correction)) return fail("singular iteration matrix (algebraic Jacobian)");
    let isFresh = true;
    for (let iter = 0; iter < 60; iter++) {
      if (correction <= 1e-6) return { ok: true, message: "consistent" };
      let lambda = 1;
      let trialCorrection = Number.POSITIVE_INFINITY;
      for (let ls = 0; ls < 16; ls++) {
        yNew.set(yView);
        for (let i = 0; i < n; i++) if (isAlgebraic[i]) yNew[i] += lambda * dy[i];
        rhs(t0, yNew, yOut);
        for (let i = 0; i < n; i++) yPred[i] = isAlgebraic[i] ? gamma * yOut[i] : 0;
        solver.solve(yPred);
        trialCorrection = algebraicNorm(yPred);
        if (trialCorrection <= (1 - lambda / 4) * correction) break;
        lambda *= 0.5;
        trialCorrection = Number.POSITIVE_INFINITY;
      }
      if (!Number.isFinite(trialCorrection)) {
        // Retry with a fresh Jacobian, then with a smaller gamma (the O(γ) coupling term can dominate when
        // J_aa is small compared with J_ad·J_da).
        if (!isFresh) {
          correction = freshCorrection();
        } else if (gamma > 1e-20) {
          gamma *= 1e-4;
          correction = freshCorrection();
        } else {
          return fail(
            `Newton on the algebraic equations does not converge (correction norm ${correction.toExponential(3)})`,
          );
        }
        if (Number.isNaN(correction)) return fail("singular iteration matrix (algebraic Jacobian)");
        isFresh = true;
        continue;
      }
      yView.set(yNew);
      if (lambda < 1 || trialCorrection > 0.25 * correction) {
        correction = freshCorrection();
        if (Number.isNaN(correction)) return fail("singular iteration matrix (algebraic Jacobian)");
        isFresh = true;
      } else {
        dy.set(yPred);
        correction = trialCorrection;
        isFresh = false;
      }
    }
    return fail(`no convergence in 60 Newton iterations (correction norm ${correction.toExponential(3)})`);
  };

  const integrator: BdfIntegrator = {
    get y() {
      return yView;
    },
    get t_s() {
      return scalars[TIME];
    },
    get order() {
      return order;
    },
    get stepSize_s() {
      return scalars[STEP];
    },
    get stats() {
      stats.rhsEvaluations = ownRhs + (defaultSolver?.rhsEvaluations ?? 0);
      return stats;
    },
    reset(t0: number, y0: ArrayLike<number>) {
      if (!Number.isFinite(t0)) return { ok: false, message: `reset: t_s must be finite, got ${t0}` };
      if (y0.length !== n)
        return { ok: false, message: `reset: y has length ${y0.length}, problem size is ${n}` };
      for (let i = 0; i < n; i++) {
        const v = y0[i]!;
        if (!Number.isFinite(v)) return { ok: false, message: `reset: y[${i}] must be finite, got ${v}` };
        yView[i] = v;
      }
      scalars[TIME] = t0;
      isInitialised = false;
      jacobianIsStale = true;
      hasFactor = false;
      initialJacobianAvailable = false;
      const result = consistentInitialisation(t0);
      if (!result.ok) return result;
      rhs(t0, yView, f);
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(f[i]))
          return { ok: false, message: `reset: f[${i}](t=${t0} s, y) is not finite` };
        yp0[i] = isAlgebraic[i] ? 0 : f[i] / mass[i];
      }
      order = 1;
      nEqualSteps = 0;
      needsStart = true;
      // The Jacobian of the last initialisation iterate is close enough to start with (only γ changes).
      jacobianIsStale = !initialJacobianAvailable;
      isInitialised = true;
      return result;
    },
    advanceTo(tEnd: number, advanceOptions: AdvanceOptions = {}): AdvanceResult {
      if (!isInitialised) {
        return {
          status: "failed",
          t_s: scalars[TIME],
          eventIndex: -1,
          message: "advanceTo: call reset(t, y) successfully first",
        };
      }
      if (!(tEnd >= scalars[TIME])) {
        return {
          status: "failed",
          t_s: scalars[TIME],
          eventIndex: -1,
          message: `advanceTo: tEnd_s must be ≥ current t=${scalars[TIME]} s (Infinity allowed: stop by an event), got ${tEnd}`,
        };
      }
      const { outputTimes, onOutput, onStep } = advanceOptions;
      const outputCount = outputTimes?.length ?? 0;
      let nextOutput = 0;
      let lastEmitted = Number.NEGATIVE_INFINITY;
      while (nextOutput < outputCount && outputTimes![nextOutput]! < scalars[TIME]) nextOutput++;
      const emitUpTo = (tLimit: number) => {
        while (nextOutput < outputCount) {
          const tq = outputTimes![nextOutput]!;
          if (tq > tLimit) break;
          nextOutput++;
          if (tq <= lastEmitted) continue;
          if (tq === scalars[TIME]) yOut.set(yView);
          else interpolate(tq, yOut);
          lastEmitted = tq;
          onOutput?.(tq, yOut);
        }
      };
      const finish = (
        status: AdvanceResult["status"],
        eventIndex: number,
        message: string,
      ): AdvanceResult => {
        if (status !== "failed") {
          emitUpTo(scalars[TIME]);
          if (onOutput && lastEmitted !== scalars[TIME]) {
            yOut.set(yView);
            onOutput(scalars[TIME], yOut);
          }
        }
        return { status, t_s: scalars[TIME], eventIndex, message };
      };
      if (eventCount > 0) events!.evaluate(scalars[TIME], yView, gOld);
      if (tEnd === scalars[TIME]) return finish("reached", -1, "reached tEnd");
      if (needsStart) startHistory(selectInitialStep(tEnd));
      let stepsThisCall = 0;
      while (scalars[TIME] < tEnd) {
        if (stepsThisCall >= maxSteps) {
          return finish(
            "failed",
            -1,
            `maxSteps (${maxSteps}) reached at t=${scalars[TIME]} s before tEnd=${tEnd} s`,
          );
        }
        const tOld = scalars[TIME];
        lastMessage = "";
        if (!step(tEnd)) return finish("failed", -1, lastMessage);
        stepsThisCall++;
        if (eventCount > 0) {
          events!.evaluate(scalars[TIME], yView, gNew);
          let first = -1;
          let tFirst = Number.POSITIVE_INFINITY;
          for (let k = 0; k < eventCount; k++) {
            if (!crossed(k, gOld[k], gNew[k])) continue;
            if (events!.terminal && !events!.terminal[k]) continue;
            const root = locateRoot(k, tOld, gOld[k], scalars[TIME], gNew[k]);
            if (root < tFirst) {
              tFirst = root;
              first = k;
            }
          }
          if (first >= 0) {
            emitUpTo(tFirst);
            if (tFirst < scalars[TIME]) rewindTo(tFirst);
            return finish("event", first, `event ${first} at t=${scalars[TIME]} s`);
          }
          gOld.set(gNew);
        }
        emitUpTo(scalars[TIME]);
        onStep?.(scalars[TIME], yView);
      }
      return finish("reached", -1, "reached tEnd");
    },
  };
  return integrator;
}
