import { describe, expect, it } from "vitest";
import { niceTicks, renderLineChartSvg } from "./line-chart.js";

describe("line chart", () => {
  it("chooses 1-2-5 ticks inside the range", () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(2.5, 4.2)).toEqual([2.5, 3, 3.5, 4]);
    const t = niceTicks(-0.013, 0.041);
    expect(t[0]).toBeGreaterThanOrEqual(-0.013);
    expect(t.at(-1)).toBeLessThanOrEqual(0.041);
  });

  it("renders every finite point of each series and escapes labels", () => {
    const svg = renderLineChartSvg(
      [
        { label: "model <SPM>", x: [0, 1, 2, Number.NaN], y: [4, 3.9, 3.7, 3] },
        { label: "data", x: [0, 1], y: [4, 3.8], isScatter: true },
      ],
      { xLabel: "time / s", yLabel: "voltage / V", title: "t & V" },
    );
    expect(svg.startsWith("<svg")).toBe(true);
    const polyline = svg.match(/points="([^"]*)"/)?.[1] ?? "";
    expect(polyline.split(" ")).toHaveLength(3);
    expect(svg.match(/<circle/g)).toHaveLength(2);
    expect(svg).toContain("model &lt;SPM&gt;");
    expect(svg).toContain("t &amp; V");
  });
});
