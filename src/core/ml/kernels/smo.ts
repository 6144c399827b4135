/**
 * Sequential minimal optimisation for the SVM dual (the libsvm solver, without shrinking):
 *   min_α ½ αᵀQα + pᵀα   s.t.  yᵀα = 0,  0 ≤ α_t ≤ C,   Q_ts = y_t y_s K_ts,
 * with second-order working-set selection WSS2 (Fan, Chen & Lin 2005) and libsvm's bias ρ.
 * @see https://www.jmlr.org/papers/v6/fan05a.html
 * @see https://www.csie.ntu.edu.tw/~cjlin/papers/libsvm.pdf
 */

/** Rows K(i, ·) of the kernel matrix over the `size` base points, computed on demand and cached. */
export class KernelRowCache {
  private readonly rows = new Map<number, Float64Array>();
  private readonly order: number[] = [];
  private readonly capacity: number;

  constructor(
    readonly size: number,
    private readonly compute: (i: number, out: Float64Array) => void,
    cacheSize_MB = 200,
  ) {
    this.capacity = Math.max(2, Math.floor((cacheSize_MB * 1e6) / (8 * Math.max(1, size))));
  }

  row(i: number): Float64Array {
    let r = this.rows.get(i);
    if (r) return r;
    if (this.order.length >= this.capacity) {
      const evicted = this.order.shift()!;
      r = this.rows.get(evicted)!;
      this.rows.delete(evicted);
    } else r = new Float64Array(this.size);
    this.compute(i, r);
    this.rows.set(i, r);
    this.order.push(i);
    return r;
  }
}

export interface SmoProblem {
  /** Number of dual variables (l for classification, 2l for ε-SVR). */
  readonly size: number;
  /** ±1 per variable. */
  readonly y: Int8Array;
  /** Linear term p. */
  readonly p: Float64Array;
  /** Upper bound C per variable. */
  readonly upper: Float64Array;
  /** Base kernel row index of variable t (t for SVC, t mod l for SVR). */
  readonly base: Int32Array;
  readonly cache: KernelRowCache;
  /** Diagonal K(base t, base t). */
  readonly diagonal: Float64Array;
}

export interface SmoResult {
  readonly alpha: Float64Array;
  readonly rho: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const TAU = 1e-12;

export function solveSmo(problem: SmoProblem, tol: number, maxIter: number): SmoResult {
  const { size: l, y, p, upper, base, cache, diagonal } = problem;
  const alpha = new Float64Array(l);
  const G = Float64Array.from(p);
  let iter = 0;
  let converged = false;
  while (iter < maxIter) {
    // WSS2: i maximises −y_t ∇f_t over I_up; j minimises the second-order decrease over I_low.
    let gMax = Number.NEGATIVE_INFINITY;
    let i = -1;
    for (let t = 0; t < l; t++) {
      if (y[t] === 1) {
        if (alpha[t] < upper[t] && -G[t] >= gMax) {
          gMax = -G[t];
          i = t;
        }
      } else if (alpha[t] > 0 && G[t] >= gMax) {
        gMax = G[t];
        i = t;
      }
    }
    if (i < 0) {
      converged = true;
      break;
    }
    const Ki = cache.row(base[i]);
    const yi = y[i];
    let gMax2 = Number.NEGATIVE_INFINITY;
    let j = -1;
    let objMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < l; t++) {
      const qit = yi * y[t] * Ki[base[t]];
      if (y[t] === 1) {
        if (alpha[t] > 0) {
          const gradDiff = gMax + G[t];
          if (G[t] >= gMax2) gMax2 = G[t];
          if (gradDiff > 0) {
            let quad = diagonal[i] + diagonal[t] - 2 * yi * qit;
            if (quad <= 0) quad = TAU;
            const obj = -(gradDiff * gradDiff) / quad;
            if (obj <= objMin) {
              objMin = obj;
              j = t;
            }
          }
        }
      } else if (alpha[t] < upper[t]) {
        const gradDiff = gMax - G[t];
        if (-G[t] >= gMax2) gMax2 = -G[t];
        if (gradDiff > 0) {
          let quad = diagonal[i] + diagonal[t] + 2 * yi * qit;
          if (quad <= 0) quad = TAU;
          const obj = -(gradDiff * gradDiff) / quad;
          if (obj <= objMin) {
            objMin = obj;
            j = t;
          }
        }
      }
    }
    if (gMax + gMax2 < tol || j < 0) {
      converged = true;
      break;
    }
    iter++;
    const Kj = cache.row(base[j]);
    const Ci = upper[i];
    const Cj = upper[j];
    const qij = yi * y[j] * Ki[base[j]];
    const oldAi = alpha[i];
    const oldAj = alpha[j];
    if (yi !== y[j]) {
      let quad = diagonal[i] + diagonal[j] + 2 * qij;
      if (quad <= 0) quad = TAU;
      const delta = (-G[i] - G[j]) / quad;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > Ci - Cj) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = Ci - diff;
        }
      } else if (alpha[j] > Cj) {
        alpha[j] = Cj;
        alpha[i] = Cj + diff;
      }
    } else {
      let quad = diagonal[i] + diagonal[j] - 2 * qij;
      if (quad <= 0) quad = TAU;
      const delta = (G[i] - G[j]) / quad;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > Ci) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = sum - Ci;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > Cj) {
        if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = sum - Cj;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
    const dAi = (alpha[i] - oldAi) * yi;
    const dAj = (alpha[j] - oldAj) * y[j];
    for (let t = 0; t < l; t++) {
      const bt = base[t];
      G[t] += y[t] * (Ki[bt] * dAi + Kj[bt] * dAj);
    }
  }
  // ρ: mean of y∇f over free variables, else the midpoint of the feasible interval (libsvm).
  let ub = Number.POSITIVE_INFINITY;
  let lb = Number.NEGATIVE_INFINITY;
  let sumFree = 0;
  let nFree = 0;
  for (let t = 0; t < l; t++) {
    const yG = y[t] * G[t];
    if (alpha[t] >= upper[t]) {
      if (y[t] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (alpha[t] <= 0) {
      if (y[t] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nFree++;
      sumFree += yG;
    }
  }
  const rho = nFree > 0 ? sumFree / nFree : (ub + lb) / 2;
  return { alpha, rho, iterations: iter, converged };
}
