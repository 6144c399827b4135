import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createInterpolant, createInterpolantDerivative, type InterpolationMethod } from "./interpolate.js";

interface ScipyCase {
  name: string;
  x: number[];
  y: number[];
  query: number[];
  pchip: number[];
  pchipDerivativeAtNodes: number[];
  naturalCubicSpline: number[];
  notAKnotCubicSpline: number[];
}
const scipy = JSON.parse(readFileSync("fixtures/interpolation/scipy-reference.json", "utf8")) as {
  cases: ScipyCase[];
};

const methods: InterpolationMethod[] = ["linear", "pchip", "cubic-spline", "cubic-spline-not-a-knot"];

describe("createInterpolant", () => {
  it.each(scipy.cases)(
    "matches SciPy PchipInterpolator and CubicSpline (natural, not-a-knot) on $name",
    (c) => {
      const pchip = createInterpolant(c.x, c.y, "pchip");
      const spline = createInterpolant(c.x, c.y, "cubic-spline");
      const notAKnot = createInterpolant(c.x, c.y, "cubic-spline-not-a-knot");
      c.query.forEach((q, i) => {
        expect(pchip(q)).toBeCloseTo(c.pchip[i]!, 12);
        expect(spline(q)).toBeCloseTo(c.naturalCubicSpline[i]!, 12);
        expect(notAKnot(q)).toBeCloseTo(c.notAKnotCubicSpline[i]!, 11);
      });
      // PCHIP node slopes via a central difference of our interpolant just inside each interval.
      const h = 1e-9;
      for (let k = 1; k < c.x.length - 1; k++) {
        const slope = (pchip(c.x[k]! + h) - pchip(c.x[k]! - h)) / (2 * h);
        const reference = c.pchipDerivativeAtNodes[k]!;
        expect(Math.abs(slope - reference)).toBeLessThan(1e-4 * Math.max(1, Math.abs(reference)));
      }
    },
  );

  it.each(methods)("%s reproduces linear data exactly, inside and (linear mode) outside", (method) => {
    const x = [0, 0.1, 0.5, 0.7, 2, 3.5];
    const f = (t: number) => 3 - 2.5 * t;
    const g = createInterpolant(
      x,
      x.map((t) => f(t)),
      method,
      "linear",
    );
    for (let t = -1; t <= 4.5; t += 0.037) expect(g(t)).toBeCloseTo(f(t), 12);
  });

  it("linear interpolation hits the chord between nodes", () => {
    const g = createInterpolant([0, 1, 3], [0, 1, 9], "linear");
    expect(g(0.5)).toBe(0.5);
    expect(g(2)).toBe(5);
    expect(g(3)).toBe(9);
  });

  it("the natural spline approximates sin(3x) closely and has zero end curvature", () => {
    const n = 81;
    const x = Array.from({ length: n }, (_, i) => i / (n - 1));
    const g = createInterpolant(
      x,
      x.map((t) => Math.sin(3 * t)),
      "cubic-spline",
    );
    for (let t = 0.1; t < 0.9; t += 0.013) expect(Math.abs(g(t) - Math.sin(3 * t))).toBeLessThan(1e-6);
    const h = 1e-4;
    const curvature = (g(2 * h) - 2 * g(h) + g(0)) / (h * h);
    expect(Math.abs(curvature)).toBeLessThan(1e-2);
  });

  it("PCHIP preserves monotonicity where the natural spline overshoots", () => {
    const x = [0, 1, 2, 3, 4, 5, 6];
    const y = [0, 0, 0, 1, 1, 1, 1];
    const pchip = createInterpolant(x, y, "pchip");
    const spline = createInterpolant(x, y, "cubic-spline");
    let previous = -Infinity;
    let splineOvershoots = false;
    for (let t = 0; t <= 6; t += 0.01) {
      const v = pchip(t);
      expect(v).toBeGreaterThanOrEqual(previous - 1e-15);
      expect(v).toBeGreaterThanOrEqual(-1e-15);
      expect(v).toBeLessThanOrEqual(1 + 1e-15);
      previous = v;
      const s = spline(t);
      if (s > 1 + 1e-6 || s < -1e-6) splineOvershoots = true;
    }
    expect(splineOvershoots).toBe(true);
  });

  it("the not-a-knot spline reproduces a cubic exactly", () => {
    const f = (t: number) => 1 - 2 * t + 0.5 * t * t - 0.3 * t * t * t;
    const x = [0, 0.3, 0.35, 1, 1.8, 2.2, 3];
    const g = createInterpolant(
      x,
      x.map((t) => f(t)),
      "cubic-spline-not-a-knot",
    );
    for (let t = 0; t <= 3; t += 0.01) expect(g(t)).toBeCloseTo(f(t), 12);
  });

  it("derivatives: exact for a cubic (not-a-knot), end slopes when extrapolating, 0 when clamped", () => {
    const f = (t: number) => 1 - 2 * t + 0.5 * t * t - 0.3 * t * t * t;
    const df = (t: number) => -2 + t - 0.9 * t * t;
    const x = [0, 0.3, 0.35, 1, 1.8, 2.2, 3];
    const y = x.map((t) => f(t));
    const g = createInterpolantDerivative(x, y, "cubic-spline-not-a-knot");
    for (let t = 0; t <= 3; t += 0.01) expect(g(t)).toBeCloseTo(df(t), 10);
    expect(g(4)).toBeCloseTo(df(3), 10);
    expect(createInterpolantDerivative(x, y, "pchip", "clamp")(-1)).toBe(0);
    const line = createInterpolantDerivative([0, 1, 3], [0, 1, 9], "linear");
    expect([line(0.5), line(2), line(5)]).toEqual([1, 4, 4]);
  });

  it("PCHIP converges on a smooth function (error falls ~h^3 or faster)", () => {
    const err = (n: number) => {
      const x = Array.from({ length: n }, (_, i) => (2 * i) / (n - 1));
      const g = createInterpolant(
        x,
        x.map((t) => Math.exp(t)),
        "pchip",
      );
      let e = 0;
      for (let t = 0; t <= 2; t += 0.001) e = Math.max(e, Math.abs(g(t) - Math.exp(t)));
      return e;
    };
    const ratio = err(21) / err(41);
    expect(ratio).toBeGreaterThan(6);
  });

  it("gives the same answer whatever the order of queries (interval cache)", () => {
    const x = Array.from({ length: 50 }, (_, i) => i * i * 0.01);
    const y = x.map((t) => Math.cos(t));
    const a = createInterpolant(x, y, "pchip");
    const b = createInterpolant(x, y, "pchip");
    const queries = [23.9, 0.001, 12.2, 12.3, 12.25, 0.5, 24.01, 3.3, 3.31, 0];
    const forward = queries.map((q) => a(q));
    const backward = [...queries].reverse().map((q) => b(q));
    expect(backward.reverse()).toEqual(forward);
  });

  it("extrapolation: clamp holds end values, linear follows the end tangent, error throws", () => {
    const x = [0, 1, 2];
    const y = [1, 2, 4];
    expect(createInterpolant(x, y, "linear", "clamp")(-5)).toBe(1);
    expect(createInterpolant(x, y, "linear", "clamp")(9)).toBe(4);
    expect(createInterpolant(x, y, "linear", "linear")(3)).toBe(6);
    expect(createInterpolant(x, y, "linear", "linear")(-1)).toBe(0);
    expect(() => createInterpolant(x, y, "pchip", "error")(2.5)).toThrow(/x = 2.5 is above the table range/);
  });

  it("rejects bad tables with a message naming the point", () => {
    expect(() => createInterpolant([0, 1, 1], [0, 1, 2], "linear")).toThrow(
      /strictly increasing.*x\[2\] = 1/,
    );
    expect(() => createInterpolant([0, 1], [0, Number.NaN], "linear")).toThrow(/y\[1\] = NaN/);
    expect(() => createInterpolant([0], [0], "linear")).toThrow(/at least 2 points/);
    expect(() => createInterpolant([0, 1], [0, 1, 2], "linear")).toThrow(/x has 2 points but y has 3/);
    expect(() => createInterpolant([0, 1], [0, 1], "cubic" as InterpolationMethod)).toThrow(
      /expected one of/,
    );
  });

  it("returns NaN for a NaN query instead of hanging", () => {
    expect(createInterpolant([0, 1, 2], [0, 1, 4], "pchip")(Number.NaN)).toBeNaN();
  });
});
