/**
 * Unsupervised models: PCA (eigen-decomposition of the covariance, scikit-learn's sign convention),
 * k-means (k-means++ seeding, Lloyd iterations, best of nInit) and isolation forest (anomaly scores).
 * @see https://doi.org/10.1145/1283383.1283494 (Arthur & Vassilvitskii 2007, k-means++)
 * @see https://doi.org/10.1109/ICDM.2008.17 (Liu, Ting, Zhou 2008, isolation forest)
 */
import { RandomStream } from "../math/random.js";
import { checkMatrix, checkParamKeys, checkSerialized, numberParam, optionalNumberParam } from "./data.js";
import { MlInputError } from "./errors.js";
import type { Matrix } from "./estimator.js";

function checkCols(X: Matrix, cols: number, kind: string): void {
  checkMatrix(X);
  if (cols === 0) throw new MlInputError(`${kind} is not fitted: call fit() first`);
  if (X.cols !== cols) throw new MlInputError(`${kind} was fitted on ${cols} columns but X has ${X.cols}`);
}

/** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations; eigenvalues descending. */
export function symmetricEigen(A: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n); // row k = eigenvector k
  order.forEach((i, k) => {
    for (let r = 0; r < n; r++) vectors[k * n + r] = v[r * n + i]!;
  });
  return { values, vectors };
}

/** Principal component analysis (default: all components). */
export class PCA {
  readonly kind = "pca";
  readonly components: number | null;
  mean: Float64Array = new Float64Array(0);
  /** Principal axes, nComponents × p row-major (unit vectors). */
  componentVectors: Float64Array = new Float64Array(0);
  explainedVariance: Float64Array = new Float64Array(0);
  explainedVarianceRatio: Float64Array = new Float64Array(0);
  private readonly params: Record<string, unknown>;
  constructor(params: Record<string, unknown> = {}) {
    checkParamKeys(params, ["components"], "pca");
    this.params = { ...params };
    this.components = optionalNumberParam(params, "components", { min: 1, integer: true });
  }
  fit(X: Matrix): this {
    checkMatrix(X);
    const { rows: n, cols: p } = X;
    if (n < 2) throw new MlInputError(`pca needs at least 2 rows, got ${n}`);
    const k = Math.min(this.components ?? p, p, n);
    const mean = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += X.data[i * p + j]! / n;
    const C = new Float64Array(p * p);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < p; a++) {
        const xa = X.data[i * p + a]! - mean[a]!;
        for (let b = 0; b <= a; b++) C[a * p + b] += xa * (X.data[i * p + b]! - mean[b]!);
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) C[b * p + a] = C[a * p + b]!;
    const { values, vectors } = symmetricEigen(C, p);
    let total = 0;
    for (let j = 0; j < p; j++) total += Math.max(values[j]!, 0);
    this.mean = mean;
    this.componentVectors = vectors.slice(0, k * p);
    this.explainedVariance = Float64Array.from(values.subarray(0, k), (v) => Math.max(v, 0) / (n - 1));
    this.explainedVarianceRatio = Float64Array.from(values.subarray(0, k), (v) => Math.max(v, 0) / total);
    // scikit-learn's svd_flip: the largest-|score| sample gets a positive score on each component
    for (let c = 0; c < k; c++) {
      let best = 0;
      let bestAbs = -1;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < p; j++) s += (X.data[i * p + j]! - mean[j]!) * this.componentVectors[c * p + j]!;
        if (Math.abs(s) > bestAbs) {
          bestAbs = Math.abs(s);
          best = s;
        }
      }
      if (best < 0)
        for (let j = 0; j < p; j++) this.componentVectors[c * p + j] = -this.componentVectors[c * p + j]!;
    }
    return this;
  }
  /** Scores (n × nComponents). */
  transform(X: Matrix): Matrix {
    checkCols(X, this.mean.length, "pca");
    const p = X.cols;
    const k = this.componentVectors.length / p;
    const out = new Float64Array(X.rows * k);
    for (let i = 0; i < X.rows; i++) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < p; j++)
          s += (X.data[i * p + j]! - this.mean[j]!) * this.componentVectors[c * p + j]!;
        out[i * k + c] = s;
      }
    }
    return { rows: X.rows, cols: k, data: out };
  }
  toJSON() {
    return {
      kind: this.kind,
      schemaVersion: 1,
      hyperparameters: this.params,
      state: {
        mean: Array.from(this.mean),
        componentVectors: Array.from(this.componentVectors),
        explainedVariance: Array.from(this.explainedVariance),
        explainedVarianceRatio: Array.from(this.explainedVarianceRatio),
      },
    };
  }
  /** Restores a fitted PCA. */
  static fromJSON(json: {
    kind: string;
    schemaVersion: number;
    hyperparameters: Record<string, unknown>;
    state: unknown;
  }): PCA {
    checkSerialized(json, "pca");
    const m = new PCA(json.hyperparameters);
    const s = json.state as Record<string, number[]>;
    m.mean = Float64Array.from(s.mean!);
    m.componentVectors = Float64Array.from(s.componentVectors!);
    m.explainedVariance = Float64Array.from(s.explainedVariance!);
    m.explainedVarianceRatio = Float64Array.from(s.explainedVarianceRatio!);
    return m;
  }
}

function squaredDistance(X: Float64Array, i: number, C: Float64Array, c: number, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += (X[i * p + j]! - C[c * p + j]!) ** 2;
  return s;
}

/** k-means clustering (defaults: 8 clusters, nInit 10, maxIter 300, tol 1e-4 relative to the data variance). */
export class KMeans {
  readonly kind = "k-means";
  readonly clusters: number;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  centers: Float64Array = new Float64Array(0);
  inertia = Number.NaN;
  labels: Int32Array = new Int32Array(0);
  private cols = 0;
  private readonly params: Record<string, unknown>;
  constructor(params: Record<string, unknown> = {}) {
    checkParamKeys(params, ["clusters", "nInit", "maxIter", "tol"], "k-means");
    this.params = { ...params };
    this.clusters = numberParam(params, "clusters", 8, { min: 1, integer: true });
    this.nInit = numberParam(params, "nInit", 10, { min: 1, integer: true });
    this.maxIter = numberParam(params, "maxIter", 300, { min: 1, integer: true });
    this.tol = numberParam(params, "tol", 1e-4, { min: 0 });
  }
  fit(X: Matrix, options: { seed?: number } = {}): this {
    checkMatrix(X);
    const { rows: n, cols: p } = X;
    const k = this.clusters;
    if (n < k) throw new MlInputError(`k-means needs at least clusters=${k} rows, got ${n}`);
    const rng = new RandomStream(options.seed ?? 0);
    let variance = 0;
    for (let j = 0; j < p; j++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += X.data[i * p + j]! / n;
      for (let i = 0; i < n; i++) variance += (X.data[i * p + j]! - m) ** 2 / n;
    }
    const tol = (this.tol * variance) / p;
    let bestInertia = Number.POSITIVE_INFINITY;
    const d2 = new Float64Array(n);
    const labels = new Int32Array(n);
    for (let run = 0; run < this.nInit; run++) {
      // greedy k-means++ (2 + ln k local trials, as scikit-learn)
      const C = new Float64Array(k * p);
      const first = rng.integer(n);
      C.set(X.data.subarray(first * p, first * p + p), 0);
      let pot = 0;
      for (let i = 0; i < n; i++) pot += d2[i] = squaredDistance(X.data, i, C, 0, p);
      const trials = 2 + Math.floor(Math.log(k));
      for (let c = 1; c < k; c++) {
        let bestCand = -1;
        let bestPot = Number.POSITIVE_INFINITY;
        for (let t = 0; t < trials; t++) {
          let r = rng.uniform() * pot;
          let cand = n - 1;
          for (let i = 0; i < n; i++) {
            r -= d2[i]!;
            if (r < 0) {
              cand = i;
              break;
            }
          }
          let candPot = 0;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < p; j++) s += (X.data[i * p + j]! - X.data[cand * p + j]!) ** 2;
            candPot += Math.min(d2[i]!, s);
          }
          if (candPot < bestPot) {
            bestPot = candPot;
            bestCand = cand;
          }
        }
        C.set(X.data.subarray(bestCand * p, bestCand * p + p), c * p);
        pot = 0;
        for (let i = 0; i < n; i++) pot += d2[i] = Math.min(d2[i]!, squaredDistance(X.data, i, C, c, p));
      }
      // Lloyd iterations
      let inertia = 0;
      for (let it = 0; it < this.maxIter; it++) {
        inertia = 0;
        for (let i = 0; i < n; i++) {
          let best = 0;
          let bd = Number.POSITIVE_INFINITY;
          for (let c = 0; c < k; c++) {
            const dd = squaredDistance(X.data, i, C, c, p);
            if (dd < bd) {
              bd = dd;
              best = c;
            }
          }
          labels[i] = best;
          inertia += bd;
        }
        const next = new Float64Array(k * p);
        const count = new Float64Array(k);
        for (let i = 0; i < n; i++) {
          count[labels[i]!]++;
          for (let j = 0; j < p; j++) next[labels[i]! * p + j] += X.data[i * p + j]!;
        }
        let shift = 0;
        for (let c = 0; c < k; c++) {
          for (let j = 0; j < p; j++) {
            const v = count[c]! > 0 ? next[c * p + j]! / count[c]! : C[c * p + j]!;
            shift += (v - C[c * p + j]!) ** 2;
            C[c * p + j] = v;
          }
        }
        if (shift <= tol) break;
      }
      inertia = 0;
      for (let i = 0; i < n; i++) {
        let bd = Number.POSITIVE_INFINITY;
        let best = 0;
        for (let c = 0; c < k; c++) {
          const dd = squaredDistance(X.data, i, C, c, p);
          if (dd < bd) {
            bd = dd;
            best = c;
          }
        }
        labels[i] = best;
        inertia += bd;
      }
      if (inertia < bestInertia) {
        bestInertia = inertia;
        this.centers = C;
        this.labels = labels.slice();
      }
    }
    this.inertia = bestInertia;
    this.cols = p;
    return this;
  }
  /** Index of the nearest centre for each row. */
  predict(X: Matrix): Int32Array {
    checkCols(X, this.cols, "k-means");
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let bd = Number.POSITIVE_INFINITY;
      for (let c = 0; c < this.clusters; c++) {
        const dd = squaredDistance(X.data, i, this.centers, c, X.cols);
        if (dd < bd) {
          bd = dd;
          out[i] = c;
        }
      }
    }
    return out;
  }
  toJSON() {
    return {
      kind: this.kind,
      schemaVersion: 1,
      hyperparameters: this.params,
      state: { centers: Array.from(this.centers), cols: this.cols, inertia: this.inertia },
    };
  }
  /** Restores fitted centres. */
  static fromJSON(json: {
    kind: string;
    schemaVersion: number;
    hyperparameters: Record<string, unknown>;
    state: unknown;
  }): KMeans {
    checkSerialized(json, "k-means");
    const m = new KMeans(json.hyperparameters);
    const s = json.state as { centers: number[]; cols: number; inertia: number };
    m.centers = Float64Array.from(s.centers);
    m.cols = s.cols;
    m.inertia = s.inertia;
    return m;
  }
}

/** Average path length of an unsuccessful BST search among n points, c(n) of Liu et al. */
function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + 0.5772156649015329) - (2 * (n - 1)) / n;
}

interface IsolationTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Depth plus c(size) at leaves. */
  pathLength: Float64Array;
}

/** Isolation forest (defaults: 100 trees, maxSamples min(256, n)); higher scoreSamples = more normal. */
export class IsolationForest {
  readonly kind = "isolation-forest";
  readonly nEstimators: number;
  readonly maxSamples: number | null;
  trees: IsolationTree[] = [];
  private sampleSize = 0;
  private cols = 0;
  private readonly params: Record<string, unknown>;
  constructor(params: Record<string, unknown> = {}) {
    checkParamKeys(params, ["nEstimators", "maxSamples"], "isolation-forest");
    this.params = { ...params };
    this.nEstimators = numberParam(params, "nEstimators", 100, { min: 1, integer: true });
    this.maxSamples = optionalNumberParam(params, "maxSamples", { min: 2, integer: true });
  }
  fit(X: Matrix, options: { seed?: number } = {}): this {
    checkMatrix(X);
    const { rows: n, cols: p } = X;
    if (n < 2) throw new MlInputError(`isolation-forest needs at least 2 rows, got ${n}`);
    const psi = Math.min(this.maxSamples ?? 256, n);
    const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));
    const rng = new RandomStream(options.seed ?? 0);
    this.trees = [];
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let t = 0; t < this.nEstimators; t++) {
      const perm = all.slice();
      for (let k = 0; k < psi; k++) {
        const j = k + rng.integer(n - k);
        const tmp = perm[k]!;
        perm[k] = perm[j]!;
        perm[j] = tmp;
      }
      const feature: number[] = [];
      const threshold: number[] = [];
      const left: number[] = [];
      const right: number[] = [];
      const path: number[] = [];
      const build = (idx: Int32Array, depth: number): number => {
        const id = feature.length;
        feature.push(-1);
        threshold.push(0);
        left.push(-1);
        right.push(-1);
        path.push(0);
        if (depth >= maxDepth || idx.length <= 1) {
          path[id] = depth + averagePathLength(idx.length);
          return id;
        }
        // random feature among the non-constant ones, random threshold in its range
        const order = Int32Array.from({ length: p }, (_, j) => j);
        rng.shuffle(order);
        for (const f of order) {
          let lo = Number.POSITIVE_INFINITY;
          let hi = Number.NEGATIVE_INFINITY;
          for (const i of idx) {
            const v = X.data[i * p + f]!;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
          }
          if (hi <= lo) continue;
          const thr = rng.uniformIn(lo, hi);
          const l = idx.filter((i) => X.data[i * p + f]! < thr);
          const r = idx.filter((i) => X.data[i * p + f]! >= thr);
          feature[id] = f;
          threshold[id] = thr;
          left[id] = build(l, depth + 1);
          right[id] = build(r, depth + 1);
          return id;
        }
        path[id] = depth + averagePathLength(idx.length);
        return id;
      };
      build(perm.slice(0, psi), 0);
      this.trees.push({
        feature: Int32Array.from(feature),
        threshold: Float64Array.from(threshold),
        left: Int32Array.from(left),
        right: Int32Array.from(right),
        pathLength: Float64Array.from(path),
      });
    }
    this.sampleSize = psi;
    this.cols = p;
    return this;
  }
  /** −2^(−E[h(x)]/c(ψ)) as scikit-learn's score_samples: in [−1, 0], lower = more anomalous. */
  scoreSamples(X: Matrix): Float64Array {
    checkCols(X, this.cols, "isolation-forest");
    const out = new Float64Array(X.rows);
    const c = averagePathLength(this.sampleSize);
    for (let i = 0; i < X.rows; i++) {
      let h = 0;
      for (const t of this.trees) {
        let node = 0;
        while (t.left[node]! >= 0)
          node = X.data[i * X.cols + t.feature[node]!]! < t.threshold[node]! ? t.left[node]! : t.right[node]!;
        h += t.pathLength[node]!;
      }
      out[i] = -(2 ** (-(h / this.trees.length) / c));
    }
    return out;
  }
  /** −1 for anomalies (score below −0.5, scikit-learn's contamination "auto"), 1 for inliers. */
  predict(X: Matrix): Int32Array {
    return Int32Array.from(this.scoreSamples(X), (s) => (s < -0.5 ? -1 : 1));
  }
  toJSON() {
    return {
      kind: this.kind,
      schemaVersion: 1,
      hyperparameters: this.params,
      state: {
        sampleSize: this.sampleSize,
        cols: this.cols,
        trees: this.trees.map((t) => ({
          feature: Array.from(t.feature),
          threshold: Array.from(t.threshold),
          left: Array.from(t.left),
          right: Array.from(t.right),
          pathLength: Array.from(t.pathLength),
        })),
      },
    };
  }
  /** Restores a fitted forest. */
  static fromJSON(json: {
    kind: string;
    schemaVersion: number;
    hyperparameters: Record<string, unknown>;
    state: unknown;
  }): IsolationForest {
    checkSerialized(json, "isolation-forest");
    const m = new IsolationForest(json.hyperparameters);
    const s = json.state as { sampleSize: number; cols: number; trees: Record<string, number[]>[] };
    m.sampleSize = s.sampleSize;
    m.cols = s.cols;
    m.trees = s.trees.map((t) => ({
      feature: Int32Array.from(t.feature!),
      threshold: Float64Array.from(t.threshold!),
      left: Int32Array.from(t.left!),
      right: Int32Array.from(t.right!),
      pathLength: Float64Array.from(t.pathLength!),
    }));
    return m;
  }
}
