/**
 * Histogram-based gradient boosting (LightGBM-style, as scikit-learn's HistGradientBoosting*):
 * features binned into ≤ 255 quantile bins, trees grown leaf-wise (best gain first) on float32
 * gradients/hessians with histogram subtraction, leaf value −G/(H + l2) times the learning rate.
 * Losses: half squared error (regression), binomial and multinomial log loss (classification).
 * Defaults as scikit-learn's: learningRate 0.1, maxIter 100, maxLeafNodes 31, minSamplesLeaf 20,
 * l2Regularization 0, maxBins 255, no early stopping. Missing values are not supported (X must be finite).
 * @see https://papers.nips.cc/paper/6907 (Ke et al. 2017, LightGBM)
 */

import {
  argmax,
  checkParamKeys,
  checkPredictInput,
  checkSerialized,
  encodeLabels,
  numberParam,
  optionalNumberParam,
  prepareFit,
} from "../data.js";
import { MlInputError } from "../errors.js";
import type { Classifier, FitOptions, Matrix, Regressor, SerializedModel } from "../estimator.js";

const MIN_HESSIAN_TO_SPLIT = 1e-3;

/** Bin edges per feature: value x falls in the first bin b with x ≤ thresholds[b]. */
export function findBinThresholds(X: Matrix, maxBins: number): Float64Array[] {
  const out: Float64Array[] = [];
  const col = new Float64Array(X.rows);
  for (let j = 0; j < X.cols; j++) {
    for (let i = 0; i < X.rows; i++) col[i] = X.data[i * X.cols + j]!;
    const sorted = Float64Array.from(col).sort();
    const distinct: number[] = [];
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
    if (distinct.length <= maxBins) {
      const t = new Float64Array(Math.max(0, distinct.length - 1));
      for (let k = 0; k < t.length; k++) t[k] = (distinct[k]! + distinct[k + 1]!) * 0.5;
      out.push(t);
    } else {
      // numpy.percentile(col, linspace(0, 100, maxBins + 1)[1:-1], method="midpoint")
      const n = sorted.length;
      const t = new Float64Array(maxBins - 1);
      const step = 100 / maxBins;
      for (let k = 1; k < maxBins; k++) {
        const q = (k * step) / 100;
        const lo = Math.floor((n - 1) * q);
        const hi = Math.ceil((n - 1) * q);
        const a = sorted[lo]!;
        const b = sorted[hi]!;
        t[k - 1] = lo === hi ? a : b - (b - a) * 0.5;
      }
      out.push(t);
    }
  }
  return out;
}

function binColumn(value: number, thresholds: Float64Array): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (value <= thresholds[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One boosted tree: internal nodes split on `x[feature] ≤ threshold`; leaves carry `value`. */
export interface HistTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  sumG: number;
  sumH: number;
  value: number;
  hist: Float64Array | null;
  gain: number;
  feature: number;
  bin: number;
  valueLeft: number;
  valueRight: number;
  sumGLeft: number;
  sumHLeft: number;
}

interface GrowOptions {
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
}

/** Scratch arrays of `growHistTree`, n entries each, reused across the trees of one fit. */
interface GrowWorkspace {
  partition: Int32Array;
  buffer: Int32Array;
  orderedG: Float32Array;
  orderedH: Float32Array;
}

/** Grows one tree leaf-wise on binned data (column-major, n × p) with float32 gradients/hessians. */
function growHistTree(
  binned: Uint8Array,
  n: number,
  p: number,
  binCounts: Int32Array,
  thresholds: Float64Array[],
  g: Float32Array,
  h: Float32Array | null,
  options: GrowOptions,
  pool: Float64Array[],
  /** Training raw scores (stride K, column k) updated in place from the leaves' sample ranges. */
  raw: Float64Array,
  K: number,
  k: number,
  /** Per-fit scratch (allocated once: per-tree typed arrays would trigger major GCs). */
  work: GrowWorkspace,
): HistTree {
  const B = 256;
  const { partition, buffer, orderedG, orderedH } = work;
  for (let i = 0; i < n; i++) partition[i] = i;
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const newNode = (): number => {
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    return feature.length - 1;
  };
  const take = (): Float64Array => pool.pop() ?? new Float64Array(p * B * 3);
  const release = (node: GrowNode): void => {
    if (node.hist) pool.push(node.hist);
    node.hist = null;
  };
  // Gradients (and hessians) of a node's samples gathered into partition order once, so the
  // per-feature passes read them sequentially (scikit-learn's "ordered gradients").
  const histogram = (start: number, end: number): Float64Array => {
    const hist = take();
    hist.fill(0);
    const m = end - start;
    for (let r = 0; r < m; r++) orderedG[r] = g[partition[start + r]!]!;
    if (h) for (let r = 0; r < m; r++) orderedH[r] = h[partition[start + r]!]!;
    for (let f = 0; f < p; f++) {
      const col = f * n;
      const base = f * B * 3;
      if (h) {
        for (let r = 0; r < m; r++) {
          const k = base + binned[col + partition[start + r]!]! * 3;
          hist[k] += orderedG[r]!;
          hist[k + 1] += orderedH[r]!;
          hist[k + 2] += 1;
        }
      } else {
        // Constant hessian 1: accumulate gradient and count, then hessian = count.
        for (let r = 0; r < m; r++) {
          const k = base + binned[col + partition[start + r]!]! * 3;
          hist[k] += orderedG[r]!;
          hist[k + 2] += 1;
        }
        const end3 = base + binCounts[f]! * 3;
        for (let k = base; k < end3; k += 3) hist[k + 1] = hist[k + 2]!;
      }
    }
    return hist;
  };
  const nodeValue = (sumG: number, sumH: number): number => -sumG / (sumH + options.l2 + 1e-15);
  const findSplit = (node: GrowNode): void => {
    const hist = node.hist!;
    const count = node.end - node.start;
    const lossCurrent = node.sumG * node.value;
    node.gain = -1;
    for (let f = 0; f < p; f++) {
      const base = f * B * 3;
      let gL = 0;
      let hL = 0;
      let nL = 0;
      let bestGain = -1;
      let bestBin = -1;
      let bestGL = 0;
      let bestHL = 0;
      for (let b = 0; b < binCounts[f]! - 1; b++) {
        const cnt = hist[base + b * 3 + 2]!;
        // An empty bin repeats the previous candidate's partition (same gain, never strictly better).
        if (cnt === 0) continue;
        gL += hist[base + b * 3]!;
        hL += hist[base + b * 3 + 1]!;
        nL += cnt;
        const nR = count - nL;
        const hR = node.sumH - hL;
        if (nL < options.minSamplesLeaf) continue;
        if (nR < options.minSamplesLeaf) break;
        if (hL < MIN_HESSIAN_TO_SPLIT) continue;
        if (hR < MIN_HESSIAN_TO_SPLIT) break;
        const gR = node.sumG - gL;
        const gain = lossCurrent - gL * nodeValue(gL, hL) - gR * nodeValue(gR, hR);
        if (gain > bestGain && gain > 0) {
          bestGain = gain;
          bestBin = b;
          bestGL = gL;
          bestHL = hL;
        }
      }
      if (bestBin >= 0 && bestGain > node.gain) {
        node.gain = bestGain;
        node.feature = f;
        node.bin = bestBin;
        node.sumGLeft = bestGL;
        node.sumHLeft = bestHL;
        node.valueLeft = nodeValue(bestGL, bestHL);
        node.valueRight = nodeValue(node.sumG - bestGL, node.sumH - bestHL);
      }
    }
  };
  let sumG = 0;
  let sumH = 0;
  for (let i = 0; i < n; i++) {
    sumG += g[i]!;
    sumH += h ? h[i]! : 1;
  }
  const root: GrowNode = {
    id: newNode(),
    start: 0,
    end: n,
    depth: 0,
    sumG,
    sumH,
    value: 0,
    hist: null,
    gain: -1,
    feature: -1,
    bin: -1,
    valueLeft: 0,
    valueRight: 0,
    sumGLeft: 0,
    sumHLeft: 0,
  };
  const splittable: GrowNode[] = [];
  let leaves = 0;
  const finalize = (node: GrowNode): void => {
    const v = node.value * options.learningRate;
    value[node.id] = v;
    for (let r = node.start; r < node.end; r++) raw[partition[r]! * K + k] += v;
    release(node);
    leaves++;
  };
  const consider = (node: GrowNode): void => {
    findSplit(node);
    if (node.gain <= 0) finalize(node);
    else splittable.push(node);
  };
  if (n < 2 * options.minSamplesLeaf || sumH < MIN_HESSIAN_TO_SPLIT) finalize(root);
  else {
    root.hist = histogram(0, n);
    consider(root);
  }
  while (splittable.length > 0) {
    let best = 0;
    for (let k = 1; k < splittable.length; k++) if (splittable[k]!.gain > splittable[best]!.gain) best = k;
    const node = splittable.splice(best, 1)[0]!;
    // Stable partition of the node's samples.
    const col = node.feature * n;
    let l = node.start;
    let r = 0;
    for (let k = node.start; k < node.end; k++) {
      const i = partition[k]!;
      if (binned[col + i]! <= node.bin) partition[l++] = i;
      else buffer[r++] = i;
    }
    partition.set(buffer.subarray(0, r), l);
    feature[node.id] = node.feature;
    threshold[node.id] = thresholds[node.feature]![node.bin]!;
    const depth = node.depth + 1;
    const make = (start: number, end: number, sg: number, sh: number, v: number): GrowNode => ({
      id: newNode(),
      start,
      end,
      depth,
      sumG: sg,
      sumH: sh,
      value: v,
      hist: null,
      gain: -1,
      feature: -1,
      bin: -1,
      valueLeft: 0,
      valueRight: 0,
      sumGLeft: 0,
      sumHLeft: 0,
    });
    const lc = make(node.start, l, node.sumGLeft, node.sumHLeft, node.valueLeft);
    const rc = make(l, node.end, node.sumG - node.sumGLeft, node.sumH - node.sumHLeft, node.valueRight);
    left[node.id] = lc.id;
    right[node.id] = rc.id;
    const nLeaves = leaves + splittable.length + 2;
    if (nLeaves >= options.maxLeafNodes) {
      finalize(lc);
      finalize(rc);
      for (const s of splittable) finalize(s);
      splittable.length = 0;
      release(node);
      break;
    }
    if (depth >= options.maxDepth) {
      finalize(lc);
      finalize(rc);
      release(node);
      continue;
    }
    const splitL = lc.end - lc.start >= 2 * options.minSamplesLeaf;
    const splitR = rc.end - rc.start >= 2 * options.minSamplesLeaf;
    if (!splitL) finalize(lc);
    if (!splitR) finalize(rc);
    if (splitL || splitR) {
      const [small, large] = lc.end - lc.start < rc.end - rc.start ? [lc, rc] : [rc, lc];
      small.hist = histogram(small.start, small.end);
      // Histogram subtraction in place: the parent's histogram becomes the larger child's.
      const parent = node.hist!;
      const sh = small.hist;
      for (let f = 0; f < p; f++) {
        const base = f * B * 3;
        const end3 = base + binCounts[f]! * 3;
        for (let k = base; k < end3; k++) parent[k] = parent[k]! - sh[k]!;
      }
      large.hist = parent;
      node.hist = null;
      if (splitL) consider(lc);
      if (splitR) consider(rc);
    }
    release(node);
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

function predictTree(tree: HistTree, data: Float64Array, offset: number): number {
  let node = 0;
  while (tree.left[node]! >= 0) {
    node =
      data[offset + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

const PARAM_KEYS = [
  "learningRate",
  "maxIter",
  "maxLeafNodes",
  "maxDepth",
  "minSamplesLeaf",
  "l2Regularization",
  "maxBins",
];

/** Shared boosting loop; `K` raw scores per sample (1 for regression and binary problems). */
abstract class HistGradientBoosting {
  readonly kind = "gradient-boosting";
  featureNames: string[] = [];
  /** trees[iteration][k] */
  trees: HistTree[][] = [];
  baseline: Float64Array = new Float64Array(1);
  readonly learningRate: number;
  readonly maxIter: number;
  readonly maxBins: number;
  protected readonly grow: GrowOptions;
  protected readonly params: Record<string, unknown>;

  constructor(params: Record<string, unknown>) {
    checkParamKeys(params, PARAM_KEYS, "gradient-boosting");
    this.params = { ...params };
    this.learningRate = numberParam(params, "learningRate", 0.1, { min: 0, exclusiveMin: true });
    this.maxIter = numberParam(params, "maxIter", 100, { min: 1, integer: true });
    this.maxBins = numberParam(params, "maxBins", 255, { min: 2, max: 255, integer: true });
    this.grow = {
      maxLeafNodes: numberParam(params, "maxLeafNodes", 31, { min: 2, integer: true }),
      maxDepth:
        optionalNumberParam(params, "maxDepth", { min: 1, integer: true }) ?? Number.POSITIVE_INFINITY,
      minSamplesLeaf: numberParam(params, "minSamplesLeaf", 20, { min: 1, integer: true }),
      l2: numberParam(params, "l2Regularization", 0, { min: 0 }),
      learningRate: this.learningRate,
    };
  }

  /** Boosts `K` score columns; `gradients` fills g/h (n × K, sample-major) from raw scores. */
  protected boost(
    X: Matrix,
    K: number,
    baseline: Float64Array,
    gradients: (raw: Float64Array, g: Float32Array, h: Float32Array | null) => void,
    constantHessian: boolean,
  ): void {
    const { rows: n, cols: p } = X;
    const thresholds = findBinThresholds(X, this.maxBins);
    const binCounts = Int32Array.from(thresholds, (t) => t.length + 1);
    const binned = new Uint8Array(n * p);
    for (let j = 0; j < p; j++) {
      const t = thresholds[j]!;
      for (let i = 0; i < n; i++) binned[j * n + i] = binColumn(X.data[i * p + j]!, t);
    }
    const raw = new Float64Array(n * K);
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) raw[i * K + k] = baseline[k]!;
    const gAll = new Float32Array(n * K);
    const hAll = constantHessian ? null : new Float32Array(n * K);
    const g = new Float32Array(n);
    const h = constantHessian ? null : new Float32Array(n);
    this.trees = [];
    this.baseline = baseline;
    const pool: Float64Array[] = [];
    const work: GrowWorkspace = {
      partition: new Int32Array(n),
      buffer: new Int32Array(n),
      orderedG: new Float32Array(n),
      orderedH: new Float32Array(n),
    };
    for (let it = 0; it < this.maxIter; it++) {
      gradients(raw, gAll, hAll);
      const round: HistTree[] = [];
      for (let k = 0; k < K; k++) {
        for (let i = 0; i < n; i++) {
          g[i] = gAll[i * K + k]!;
          if (h) h[i] = hAll![i * K + k]!;
        }
        round.push(growHistTree(binned, n, p, binCounts, thresholds, g, h, this.grow, pool, raw, K, k, work));
      }
      this.trees.push(round);
    }
  }

  /** Raw scores (n × K). */
  protected rawPredict(X: Matrix): Float64Array {
    checkPredictInput(X, this.featureNames, this.kind);
    const K = this.baseline.length;
    const out = new Float64Array(X.rows * K);
    for (let i = 0; i < X.rows; i++) for (let k = 0; k < K; k++) out[i * K + k] = this.baseline[k]!;
    for (const round of this.trees) {
      for (let k = 0; k < K; k++) {
        const tree = round[k]!;
        for (let i = 0; i < X.rows; i++) out[i * K + k] += predictTree(tree, X.data, i * X.cols);
      }
    }
    return out;
  }

  protected serialize(extra: Record<string, unknown>): SerializedModel {
    return {
      kind: this.kind,
      schemaVersion: 1,
      featureNames: this.featureNames,
      hyperparameters: this.params,
      state: {
        ...extra,
        baseline: Array.from(this.baseline),
        trees: this.trees.map((round) =>
          round.map((t) => ({
            feature: Array.from(t.feature),
            threshold: Array.from(t.threshold),
            left: Array.from(t.left),
            right: Array.from(t.right),
            value: Array.from(t.value),
          })),
        ),
      },
    };
  }

  protected restore(json: SerializedModel): Record<string, unknown> {
    checkSerialized(json, this.kind);
    const s = json.state as { baseline: number[]; trees: Record<string, number[]>[][] } & Record<
      string,
      unknown
    >;
    this.baseline = Float64Array.from(s.baseline);
    this.trees = s.trees.map((round) =>
      round.map((t) => ({
        feature: Int32Array.from(t.feature!),
        threshold: Float64Array.from(t.threshold!),
        left: Int32Array.from(t.left!),
        right: Int32Array.from(t.right!),
        value: Float64Array.from(t.value!),
      })),
    );
    this.featureNames = [...json.featureNames];
    return s;
  }
}

/** Histogram gradient boosting for regression (half squared error, baseline = weighted mean). */
export class HistGradientBoostingRegressor extends HistGradientBoosting implements Regressor {
  readonly task = "regression" as const;
  constructor(params: Record<string, unknown> = {}) {
    super(params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options, 2);
    const w = prep.sampleWeight;
    let sw = 0;
    let mean = 0;
    for (let i = 0; i < y.length; i++) {
      sw += w[i]!;
      mean += w[i]! * y[i]!;
    }
    mean /= sw;
    this.featureNames = prep.featureNames;
    this.boost(
      X,
      1,
      Float64Array.of(mean),
      (raw, g, h) => {
        for (let i = 0; i < y.length; i++) {
          g[i] = w[i]! * (raw[i]! - y[i]!);
          if (h) h[i] = w[i]!;
        }
      },
      !prep.hasSampleWeight,
    );
    return this;
  }

  predict(X: Matrix): Float64Array {
    return this.rawPredict(X);
  }

  toJSON(): SerializedModel {
    return this.serialize({});
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): HistGradientBoostingRegressor {
    const m = new HistGradientBoostingRegressor(json.hyperparameters);
    m.restore(json);
    return m;
  }
}

/** Histogram gradient boosting for classification (binomial or multinomial log loss). */
export class HistGradientBoostingClassifier extends HistGradientBoosting implements Classifier {
  readonly task = "classification" as const;
  classes: Float64Array = new Float64Array(0);
  constructor(params: Record<string, unknown> = {}) {
    super(params);
  }

  fit(X: Matrix, y: Float64Array, options?: FitOptions): this {
    const prep = prepareFit(X, y, options, 2);
    const { classes, encoded } = encodeLabels(y);
    if (classes.length < 2)
      throw new MlInputError(`gradient-boosting needs ≥ 2 classes in y, got ${classes.length}`);
    this.classes = classes;
    this.featureNames = prep.featureNames;
    const w = prep.sampleWeight;
    const n = y.length;
    let sw = 0;
    const prior = new Float64Array(classes.length);
    for (let i = 0; i < n; i++) {
      sw += w[i]!;
      prior[encoded[i]!] += w[i]!;
    }
    const eps = 2.220446049250313e-16;
    if (classes.length === 2) {
      const p = Math.min(Math.max(prior[1]! / sw, eps), 1 - eps);
      this.boost(
        X,
        1,
        Float64Array.of(Math.log(p / (1 - p))),
        (raw, g, h) => {
          for (let i = 0; i < n; i++) {
            const pi = 1 / (1 + Math.exp(-raw[i]!));
            g[i] = w[i]! * (pi - encoded[i]!);
            h![i] = w[i]! * pi * (1 - pi);
          }
        },
        false,
      );
      return this;
    }
    const K = classes.length;
    const base = new Float64Array(K);
    let meanLog = 0;
    for (let k = 0; k < K; k++) {
      base[k] = Math.log(Math.min(Math.max(prior[k]! / sw, eps), 1 - eps));
      meanLog += base[k]! / K;
    }
    for (let k = 0; k < K; k++) base[k] = base[k]! - meanLog;
    const prob = new Float64Array(K);
    this.boost(
      X,
      K,
      base,
      (raw, g, h) => {
        for (let i = 0; i < n; i++) {
          let mx = Number.NEGATIVE_INFINITY;
          for (let k = 0; k < K; k++) mx = Math.max(mx, raw[i * K + k]!);
          let s = 0;
          for (let k = 0; k < K; k++) s += prob[k] = Math.exp(raw[i * K + k]! - mx);
          for (let k = 0; k < K; k++) {
            const pk = prob[k]! / s;
            g[i * K + k] = w[i]! * (pk - (encoded[i] === k ? 1 : 0));
            h![i * K + k] = w[i]! * pk * (1 - pk);
          }
        }
      },
      false,
    );
    return this;
  }

  predictProba(X: Matrix): Matrix {
    const raw = this.rawPredict(X);
    const K = this.classes.length;
    const out = new Float64Array(X.rows * K);
    for (let i = 0; i < X.rows; i++) {
      if (K === 2) {
        const p1 = 1 / (1 + Math.exp(-raw[i]!));
        out[2 * i] = 1 - p1;
        out[2 * i + 1] = p1;
      } else {
        let mx = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < K; k++) mx = Math.max(mx, raw[i * K + k]!);
        let s = 0;
        for (let k = 0; k < K; k++) s += out[i * K + k] = Math.exp(raw[i * K + k]! - mx);
        for (let k = 0; k < K; k++) out[i * K + k] = out[i * K + k]! / s;
      }
    }
    return { rows: X.rows, cols: K, data: out };
  }

  predict(X: Matrix): Float64Array {
    const p = this.predictProba(X);
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = this.classes[argmax(p.data, i * p.cols, p.cols)]!;
    return out;
  }

  toJSON(): SerializedModel {
    return this.serialize({ classes: Array.from(this.classes) });
  }

  /** Restores a fitted model from `toJSON()` output. */
  static fromJSON(json: SerializedModel): HistGradientBoostingClassifier {
    const m = new HistGradientBoostingClassifier(json.hyperparameters);
    const s = m.restore(json);
    m.classes = Float64Array.from(s.classes as number[]);
    return m;
  }
}
