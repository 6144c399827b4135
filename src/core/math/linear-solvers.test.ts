import { describe, expect, it } from "vitest";
import { bandedIndex, bandedLuFactor, bandedLuSolve, createBandedMatrix } from "./banded-lu.js";
import {
  borderedBandedLuFactor,
  borderedBandedLuSolve,
  createBorderedBandedMatrix,
  setBorderedBandedEntry,
} from "./bordered-banded-lu.js";
import { denseLuFactor, denseLuSolve } from "./dense-lu.js";
import { RandomStream } from "./random.js";

function matVec(a: Float64Array, n: number, x: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    out[i] = s;
  }
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Random banded matrix (dense row-major) with entries in [-1, 1]; diagonal deliberately small so pivoting matters. */
function randomBanded(rng: RandomStream, n: number, kl: number, ku: number, border = 0): Float64Array {
  const a = new Float64Array(n * n);
  const core = n - border;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const inBand = i < core && j < core ? i - j <= kl && j - i <= ku : true;
      if (inBand) a[i * n + j] = rng.uniformIn(-1, 1) * (i === j ? 0.01 : 1);
    }
  }
  return a;
}

describe("dense LU", () => {
  it("solves a system with a known solution (needs pivoting: zero leading entry)", () => {
    // A = [[0, 2, 1], [1, 1, 1], [2, 1, 3]], x = [1, -2, 3] → b = A x = [-1, 2, 9]
    const a = Float64Array.from([0, 2, 1, 1, 1, 1, 2, 1, 3]);
    const b = Float64Array.from([-1, 2, 9]);
    const piv = new Int32Array(3);
    expect(denseLuFactor(a, 3, piv)).toBe(true);
    denseLuSolve(a, 3, piv, b);
    expect(maxDiff(b, [1, -2, 3])).toBeLessThan(1e-14);
  });

  it("solves random 30×30 systems to backward-stable accuracy and can be re-factored in place", () => {
    const rng = new RandomStream(1);
    const n = 30;
    const piv = new Int32Array(n);
    const lu = new Float64Array(n * n);
    for (let trial = 0; trial < 5; trial++) {
      const a = Float64Array.from({ length: n * n }, () => rng.uniformIn(-1, 1));
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const b = matVec(a, n, x);
      lu.set(a);
      expect(denseLuFactor(lu, n, piv)).toBe(true);
      denseLuSolve(lu, n, piv, b);
      expect(maxDiff(b, x)).toBeLessThan(1e-10);
    }
  });

  it("reports a singular matrix", () => {
    const a = Float64Array.from([1, 2, 2, 4]);
    expect(denseLuFactor(a, 2, new Int32Array(2))).toBe(false);
  });
});

describe("banded LU", () => {
  for (const [kl, ku] of [
    [1, 1],
    [2, 1],
    [0, 3],
    [3, 0],
    [4, 2],
  ] as const) {
    it(`matches dense LU on random 40×40 matrices with lower=${kl}, upper=${ku}`, () => {
      const rng = new RandomStream(10 + kl * 7 + ku);
      const n = 40;
      const dense = randomBanded(rng, n, kl, ku);
      // Triangular bands cannot pivot: keep them well conditioned. Otherwise the tiny diagonal forces row swaps.
      if (kl === 0 || ku === 0) for (let i = 0; i < n; i++) dense[i * n + i] += 3;
      const m = createBandedMatrix(n, kl, ku);
      for (let i = 0; i < n; i++) {
        for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++)
          m.data[bandedIndex(m, i, j)] = dense[i * n + j];
      }
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const b = matVec(dense, n, x);
      const b2 = Float64Array.from(b);
      expect(bandedLuFactor(m)).toBe(true);
      bandedLuSolve(m, b);
      const piv = new Int32Array(n);
      expect(denseLuFactor(dense, n, piv)).toBe(true);
      denseLuSolve(dense, n, piv, b2);
      expect(maxDiff(b, x)).toBeLessThan(1e-9);
      expect(maxDiff(b, b2)).toBeLessThan(1e-9);
    });
  }

  it("solves the 1-D Laplacian with the known solution", () => {
    // -u'' = 2 on (0,1), u(0)=u(1)=0 → u = x(1-x); second differences are exact for quadratics.
    const n = 49;
    const h = 1 / (n + 1);
    const m = createBandedMatrix(n, 1, 1);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      m.data[bandedIndex(m, i, i)] = 2 / (h * h);
      if (i > 0) m.data[bandedIndex(m, i, i - 1)] = -1 / (h * h);
      if (i < n - 1) m.data[bandedIndex(m, i, i + 1)] = -1 / (h * h);
      b[i] = 2;
    }
    expect(bandedLuFactor(m)).toBe(true);
    bandedLuSolve(m, b);
    for (let i = 0; i < n; i++) {
      const xi = (i + 1) * h;
      expect(b[i]).toBeCloseTo(xi * (1 - xi), 12);
    }
  });
});

describe("bordered-banded LU", () => {
  it("matches dense LU on random 42×42 matrices (40 banded + 2 border)", () => {
    const rng = new RandomStream(99);
    const n = 42;
    const border = 2;
    for (const [kl, ku] of [
      [1, 1],
      [2, 3],
    ] as const) {
      const dense = randomBanded(rng, n, kl, ku, border);
      // keep the banded block comfortably non-singular
      for (let i = 0; i < n - border; i++) dense[i * n + i] += 4;
      const m = createBorderedBandedMatrix(n, kl, ku, border);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = dense[i * n + j];
          if (v !== 0) setBorderedBandedEntry(m, i, j, v);
        }
      }
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const b = matVec(dense, n, x);
      expect(borderedBandedLuFactor(m)).toBe(true);
      borderedBandedLuSolve(m, b);
      expect(maxDiff(b, x)).toBeLessThan(1e-9);
    }
  });

  it("handles a zero corner block (algebraic border unknown without self-dependence)", () => {
    // [[2, 0, 1], [0, 2, 1], [1, 1, 0]] x = [3, 1, 2] → x = [1.5, 0.5, 0]... check via residual
    const m = createBorderedBandedMatrix(3, 0, 0, 1);
    const dense = Float64Array.from([2, 0, 1, 0, 2, 1, 1, 1, 0]);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        if (dense[i * 3 + j] !== 0) setBorderedBandedEntry(m, i, j, dense[i * 3 + j]);
    const x = Float64Array.from([0.3, -1.2, 2.5]);
    const b = matVec(dense, 3, x);
    expect(borderedBandedLuFactor(m)).toBe(true);
    borderedBandedLuSolve(m, b);
    expect(maxDiff(b, x)).toBeLessThan(1e-14);
  });
});
