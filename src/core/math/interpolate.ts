/**
 * One-dimensional interpolation on a strictly increasing grid: piecewise linear, PCHIP (monotone
 * piecewise-cubic Hermite, Fritsch–Carlson with Fritsch–Butland weighted-harmonic-mean slopes and the
 * three-point one-sided end slopes, as SciPy's `PchipInterpolator`) and the natural cubic spline
 * (second derivative zero at both ends) or with not-a-knot ends (third derivative continuous at the
 * second and second-to-last nodes, SciPy's `CubicSpline` default).
 *
 * Every method is stored as one cubic per interval, y = y_i + t·(c1 + t·(c2 + t·c3)) with t = x − x_i,
 * so evaluation is the same for all three. Lookup is a binary search that first tries the interval of
 * the previous call (and its neighbours): the access pattern of solvers, which sweep x slowly.
 * Evaluation allocates nothing.
 * @see Fritsch & Carlson, SIAM J. Numer. Anal. 17 (1980) 238, doi:10.1137/0717021
 * @see Fritsch & Butland, SIAM J. Sci. Stat. Comput. 5 (1984) 300, doi:10.1137/0905021
 */

/**
 * Interpolation method: piecewise linear, monotone cubic (PCHIP), natural cubic spline, or cubic spline
 * with not-a-knot ends (SciPy's `CubicSpline` default, which PyBaMM uses for its OCP data).
 */
export type InterpolationMethod = "linear" | "pchip" | "cubic-spline" | "cubic-spline-not-a-knot";

/**
 * What happens outside [x_0, x_last]: "clamp" holds the end value, "linear" continues along the end
 * tangent of the interpolant, "error" throws a RangeError naming x and the grid range.
 */
export type ExtrapolationMode = "clamp" | "linear" | "error";

export const interpolationMethods: readonly InterpolationMethod[] = [
  "linear",
  "pchip",
  "cubic-spline",
  "cubic-spline-not-a-knot",
];
export const extrapolationModes: readonly ExtrapolationMode[] = ["clamp", "linear", "error"];

/** Checks a grid and its values; returns a message describing the first problem, or undefined. */
export function checkInterpolationData(x: ArrayLike<number>, y: ArrayLike<number>): string | undefined {
  if (x.length !== y.length) return `x has ${x.length} points but y has ${y.length}`;
  if (x.length < 2) return `needs at least 2 points, got ${x.length}`;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    if (!Number.isFinite(xi)) return `x[${i}] = ${xi} is not a finite number`;
    if (!Number.isFinite(yi)) return `y[${i}] = ${yi} is not a finite number`;
    if (i > 0 && !(xi > (x[i - 1] as number))) {
      return `x must be strictly increasing, but x[${i - 1}] = ${x[i - 1]} and x[${i}] = ${xi}`;
    }
  }
  return undefined;
}

/** Slopes d_i of the PCHIP interpolant at every node (SciPy's PchipInterpolator convention). */
export function pchipSlopes(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const d = new Float64Array(n);
  const h = new Float64Array(n - 1);
  const m = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = (x[i + 1] as number) - (x[i] as number);
    m[i] = ((y[i + 1] as number) - (y[i] as number)) / h[i]!;
  }
  if (n === 2) {
    d[0] = m[0]!;
    d[1] = m[0]!;
    return d;
  }
  for (let k = 1; k < n - 1; k++) {
    const m0 = m[k - 1]!;
    const m1 = m[k]!;
    if (m0 === 0 || m1 === 0 || Math.sign(m0) !== Math.sign(m1)) {
      d[k] = 0;
    } else {
      // Weighted harmonic mean (Fritsch–Butland), weights from the neighbouring interval widths.
      const w1 = 2 * h[k]! + h[k - 1]!;
      const w2 = h[k]! + 2 * h[k - 1]!;
      d[k] = (w1 + w2) / (w1 / m0 + w2 / m1);
    }
  }
  d[0] = pchipEndSlope(h[0]!, h[1]!, m[0]!, m[1]!);
  d[n - 1] = pchipEndSlope(h[n - 2]!, h[n - 3]!, m[n - 2]!, m[n - 3]!);
  return d;
}

/** One-sided three-point end slope, limited so the interpolant stays shape-preserving. */
function pchipEndSlope(h0: number, h1: number, m0: number, m1: number): number {
  const d = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1);
  if (Math.sign(d) !== Math.sign(m0)) return 0;
  if (Math.sign(m0) !== Math.sign(m1) && Math.abs(d) > Math.abs(3 * m0)) return 3 * m0;
  return d;
}

/** Slopes of the natural cubic spline at every node (tridiagonal solve for the second derivatives). */
export function naturalSplineSlopes(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const d = new Float64Array(n);
  if (n === 2) {
    const s = ((y[1] as number) - (y[0] as number)) / ((x[1] as number) - (x[0] as number));
    d[0] = s;
    d[1] = s;
    return d;
  }
  const h = new Float64Array(n - 1);
  const m = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = (x[i + 1] as number) - (x[i] as number);
    m[i] = ((y[i + 1] as number) - (y[i] as number)) / h[i]!;
  }
  // Unknowns M_1..M_{n-2} (M_0 = M_{n-1} = 0); Thomas algorithm on the symmetric tridiagonal system.
  const second = new Float64Array(n);
  const cPrime = new Float64Array(n);
  const dPrime = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const a = h[i - 1]!;
    const b = 2 * (h[i - 1]! + h[i]!);
    const c = h[i]!;
    const r = 6 * (m[i]! - m[i - 1]!);
    const denom = b - (i > 1 ? a * cPrime[i - 1]! : 0);
    cPrime[i] = c / denom;
    dPrime[i] = (r - (i > 1 ? a * dPrime[i - 1]! : 0)) / denom;
  }
  for (let i = n - 2; i >= 1; i--) second[i] = dPrime[i]! - (i < n - 2 ? cPrime[i]! * second[i + 1]! : 0);
  for (let i = 0; i < n - 1; i++) d[i] = m[i]! - (h[i]! * (2 * second[i]! + second[i + 1]!)) / 6;
  d[n - 1] = m[n - 2]! + (h[n - 2]! * (second[n - 2]! + 2 * second[n - 1]!)) / 6;
  return d;
}

/**
 * Slopes of the not-a-knot cubic spline (SciPy `CubicSpline(bc_type="not-a-knot")`): the slope
 * equations of the C² spline with the third derivative continuous at x_1 and x_{n-2}. Two points give
 * the line, three the parabola through them.
 */
export function notAKnotSplineSlopes(x: ArrayLike<number>, y: ArrayLike<number>): Float64Array {
  const n = x.length;
  const h = new Float64Array(n - 1);
  const m = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = (x[i + 1] as number) - (x[i] as number);
    m[i] = ((y[i + 1] as number) - (y[i] as number)) / h[i]!;
  }
  const s = new Float64Array(n);
  if (n === 2) {
    s[0] = m[0]!;
    s[1] = m[0]!;
    return s;
  }
  if (n === 3) {
    // The parabola through the three points.
    const curvature = (m[1]! - m[0]!) / (h[0]! + h[1]!);
    s[0] = m[0]! - curvature * h[0]!;
    s[1] = m[0]! + curvature * h[0]!;
    s[2] = m[1]! + curvature * h[1]!;
    return s;
  }
  // Tridiagonal system: lower[i]·s[i-1] + diagonal[i]·s[i] + upper[i]·s[i+1] = rhs[i].
  const lower = new Float64Array(n);
  const diagonal = new Float64Array(n);
  const upper = new Float64Array(n);
  const rhs = new Float64Array(n);
  const d0 = h[0]! + h[1]!;
  diagonal[0] = h[1]!;
  upper[0] = d0;
  rhs[0] = ((h[0]! + 2 * d0) * h[1]! * m[0]! + h[0]! * h[0]! * m[1]!) / d0;
  for (let i = 1; i < n - 1; i++) {
    lower[i] = h[i]!;
    diagonal[i] = 2 * (h[i - 1]! + h[i]!);
    upper[i] = h[i - 1]!;
    rhs[i] = 3 * (h[i]! * m[i - 1]! + h[i - 1]! * m[i]!);
  }
  const dn = h[n - 2]! + h[n - 3]!;
  lower[n - 1] = dn;
  diagonal[n - 1] = h[n - 3]!;
  rhs[n - 1] = (h[n - 2]! * h[n - 2]! * m[n - 3]! + (2 * dn + h[n - 2]!) * h[n - 3]! * m[n - 2]!) / dn;
  solveTridiagonal(lower, diagonal, upper, rhs, s);
  return s;
}

/** Solves a tridiagonal system by Gaussian elimination with partial pivoting (the ends need not be diagonally dominant). */
function solveTridiagonal(
  lower: Float64Array,
  diagonal: Float64Array,
  upper: Float64Array,
  rhs: Float64Array,
  out: Float64Array,
): void {
  const n = diagonal.length;
  // Dense band rows: a[i] = [col i, col i+1, col i+2] after a possible row swap (fill-in in col i+2).
  const a0 = Float64Array.from(diagonal);
  const a1 = Float64Array.from(upper);
  const a2 = new Float64Array(n);
  const b = Float64Array.from(rhs);
  const sub = Float64Array.from(lower);
  for (let i = 0; i < n - 1; i++) {
    // Row i has (a0, a1, a2) in columns i, i+1, i+2; row i+1 has (sub, diagonal, upper) in columns i, i+1, i+2.
    let r0 = sub[i + 1]!;
    let r1 = a0[i + 1]!;
    let r2 = i + 2 < n ? a1[i + 1]! : 0;
    let rb = b[i + 1]!;
    if (Math.abs(r0) > Math.abs(a0[i]!)) {
      [r0, a0[i]] = [a0[i]!, r0];
      [r1, a1[i]] = [a1[i]!, r1];
      [r2, a2[i]] = [a2[i]!, r2];
      [rb, b[i]] = [b[i]!, rb];
    }
    const factor = r0 / a0[i]!;
    a0[i + 1] = r1 - factor * a1[i]!;
    a1[i + 1] = r2 - factor * a2[i]!;
    b[i + 1] = rb - factor * b[i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let value = b[i]!;
    if (i + 1 < n) value -= a1[i]! * out[i + 1]!;
    if (i + 2 < n) value -= a2[i]! * out[i + 2]!;
    out[i] = value / a0[i]!;
  }
}

interface PiecewiseCubic {
  xs: Float64Array;
  ys: Float64Array;
  c1: Float64Array;
  c2: Float64Array;
  c3: Float64Array;
  slopeFirst: number;
  slopeLast: number;
}

function buildPiecewiseCubic(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: InterpolationMethod,
  extrapolation: ExtrapolationMode,
): PiecewiseCubic {
  const problem = checkInterpolationData(x, y);
  if (problem !== undefined) throw new RangeError(`interpolation table: ${problem}`);
  if (!interpolationMethods.includes(method)) {
    throw new RangeError(
      `interpolation method "${method}": expected one of ${interpolationMethods.join(", ")}`,
    );
  }
  if (!extrapolationModes.includes(extrapolation)) {
    throw new RangeError(
      `extrapolation mode "${extrapolation}": expected one of ${extrapolationModes.join(", ")}`,
    );
  }
  const n = x.length;
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const c1 = new Float64Array(n - 1);
  const c2 = new Float64Array(n - 1);
  const c3 = new Float64Array(n - 1);
  if (method === "linear") {
    for (let i = 0; i < n - 1; i++) c1[i] = (ys[i + 1]! - ys[i]!) / (xs[i + 1]! - xs[i]!);
    return { xs, ys, c1, c2, c3, slopeFirst: c1[0]!, slopeLast: c1[n - 2]! };
  }
  const d =
    method === "pchip"
      ? pchipSlopes(xs, ys)
      : method === "cubic-spline"
        ? naturalSplineSlopes(xs, ys)
        : notAKnotSplineSlopes(xs, ys);
  for (let i = 0; i < n - 1; i++) {
    const h = xs[i + 1]! - xs[i]!;
    const s = (ys[i + 1]! - ys[i]!) / h;
    c1[i] = d[i]!;
    c2[i] = (3 * s - 2 * d[i]! - d[i + 1]!) / h;
    c3[i] = (d[i]! + d[i + 1]! - 2 * s) / (h * h);
  }
  return { xs, ys, c1, c2, c3, slopeFirst: d[0]!, slopeLast: d[n - 1]! };
}

/** Interval lookup with a cache of the last interval (solvers sweep x slowly). */
function createLocator(xs: Float64Array): (at: number) => number {
  const lastInterval = xs.length - 2;
  let cached = 0;
  return (at: number): number => {
    let i = cached;
    if (at < xs[i]!) {
      if (i > 0 && at >= xs[i - 1]!) i -= 1;
      else i = search(xs, at, 0, i);
    } else if (at > xs[i + 1]!) {
      if (i < lastInterval && at <= xs[i + 2]!) i += 1;
      else i = search(xs, at, i + 1, lastInterval);
    }
    cached = i;
    return i;
  };
}

function outOfRange(at: number, x0: number, xLast: number): RangeError {
  const side = at < x0 ? "below" : "above";
  return new RangeError(`interpolation: x = ${at} is ${side} the table range [${x0}, ${xLast}]`);
}

/**
 * Builds y(x) from tabulated points. x must be strictly increasing (≥ 2 points, all finite);
 * otherwise a RangeError says which point is wrong. Default extrapolation: "linear".
 */
export function createInterpolant(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: InterpolationMethod,
  extrapolation: ExtrapolationMode = "linear",
): (x: number) => number {
  const { xs, ys, c1, c2, c3, slopeFirst, slopeLast } = buildPiecewiseCubic(x, y, method, extrapolation);
  const x0 = xs[0]!;
  const xLast = xs[xs.length - 1]!;
  const y0 = ys[0]!;
  const yLast = ys[ys.length - 1]!;
  const locate = createLocator(xs);
  return (at: number): number => {
    if (at < x0) {
      if (extrapolation === "clamp") return y0;
      if (extrapolation === "linear") return y0 + slopeFirst * (at - x0);
      throw outOfRange(at, x0, xLast);
    }
    if (at > xLast) {
      if (extrapolation === "clamp") return yLast;
      if (extrapolation === "linear") return yLast + slopeLast * (at - xLast);
      throw outOfRange(at, x0, xLast);
    }
    if (Number.isNaN(at)) return Number.NaN;
    const i = locate(at);
    const t = at - xs[i]!;
    return ys[i]! + t * (c1[i]! + t * (c2[i]! + t * c3[i]!));
  };
}

/** dy/dx of the interpolant createInterpolant builds with the same arguments (0 where it clamps). */
export function createInterpolantDerivative(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  method: InterpolationMethod,
  extrapolation: ExtrapolationMode = "linear",
): (x: number) => number {
  const { xs, c1, c2, c3, slopeFirst, slopeLast } = buildPiecewiseCubic(x, y, method, extrapolation);
  const x0 = xs[0]!;
  const xLast = xs[xs.length - 1]!;
  const locate = createLocator(xs);
  return (at: number): number => {
    if (at < x0 || at > xLast) {
      if (extrapolation === "clamp") return 0;
      if (extrapolation === "linear") return at < x0 ? slopeFirst : slopeLast;
      throw outOfRange(at, x0, xLast);
    }
    if (Number.isNaN(at)) return Number.NaN;
    const i = locate(at);
    const t = at - xs[i]!;
    return c1[i]! + t * (2 * c2[i]! + 3 * t * c3[i]!);
  };
}

/** Largest i in [lo, hi] with xs[i] <= at (xs[lo] <= at is assumed, at <= xs[hi + 1]). */
function search(xs: Float64Array, at: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (xs[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
