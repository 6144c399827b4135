import { describe, expect, it } from "vitest";
import { RandomStream } from "./random.js";

describe("RandomStream", () => {
  it("is reproducible for equal seeds and differs for different seeds", () => {
    const a = new RandomStream(42);
    const b = new RandomStream(42);
    const c = new RandomStream(43);
    const da = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(da);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(da);
  });

  it("has the moments of U(0,1) and N(0,1)", () => {
    const r = new RandomStream(7);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      su += u;
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
  });

  it("split streams do not overlap and are uncorrelated", () => {
    const [s1, s2] = new RandomStream(1).split(2);
    const x = Array.from({ length: 10_000 }, () => s1!.uniform() - 0.5);
    const y = Array.from({ length: 10_000 }, () => s2!.uniform() - 0.5);
    const corr = x.reduce((acc, xi, i) => acc + xi * y[i]!, 0) / (10_000 / 12);
    expect(Math.abs(corr)).toBeLessThan(0.05);
    expect(x[0]).not.toBe(y[0]);
  });

  it("integer(n) is unbiased over small ranges", () => {
    const r = new RandomStream(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.integer(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });
});
