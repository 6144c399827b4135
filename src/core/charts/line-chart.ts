/**
 * Line charts as pure functions: data in, a self-contained SVG document out (no DOM, no fonts to load).
 * Used by the CLI to put a plot next to a simulation's CSV and by reports.
 */

/** One polyline of a chart. */
export interface LineSeries {
  readonly label: string;
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** CSS colour (default from a colour-blind-safe palette). */
  readonly color?: string;
  /** Draw as dots instead of a line (e.g. measured data). */
  readonly isScatter?: boolean;
}

/** Chart options; sizes in CSS pixels. */
export interface LineChartOptions {
  readonly title?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width_px?: number;
  readonly height_px?: number;
}

const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;

/** "Nice" tick values covering [min, max] with about `count` intervals (1, 2, 5 × 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const step = (fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  }
  return ticks;
}

function extent(series: readonly LineSeries[], axis: "x" | "y"): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    const values = s[axis];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (lo === Number.POSITIVE_INFINITY) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Renders series as an SVG line chart with axes, ticks, labels and a legend. */
export function renderLineChartSvg(series: readonly LineSeries[], options: LineChartOptions): string {
  const width = options.width_px ?? 720;
  const height = options.height_px ?? 440;
  const margin = { left: 70, right: 20, top: options.title ? 40 : 20, bottom: 55 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const [x0, x1] = extent(series, "x");
  const [y0raw, y1raw] = extent(series, "y");
  const pad = (y1raw - y0raw) * 0.04;
  const y0 = y0raw - pad;
  const y1 = y1raw + pad;
  const sx = (v: number) => margin.left + ((v - x0) / (x1 - x0)) * plotW;
  const sy = (v: number) => margin.top + (1 - (v - y0) / (y1 - y0)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  );
  if (options.title) {
    parts.push(
      `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`,
    );
  }
  for (const t of niceTicks(x0, x1)) {
    const x = sx(t).toFixed(1);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#e5e5e5"/>`,
      `<text x="${x}" y="${margin.top + plotH + 18}" text-anchor="middle">${t}</text>`,
    );
  }
  for (const t of niceTicks(y0, y1)) {
    const y = sy(t).toFixed(1);
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${margin.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${t}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`,
    `<text x="${margin.left + plotW / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(18 ${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    const n = Math.min(s.x.length, s.y.length);
    if (s.isScatter) {
      for (let i = 0; i < n; i++) {
        if (Number.isFinite(s.x[i]!) && Number.isFinite(s.y[i]!)) {
          parts.push(
            `<circle cx="${sx(s.x[i]!).toFixed(1)}" cy="${sy(s.y[i]!).toFixed(1)}" r="1.8" fill="${color}"/>`,
          );
        }
      }
    } else {
      const points: string[] = [];
      for (let i = 0; i < n; i++) {
        if (Number.isFinite(s.x[i]!) && Number.isFinite(s.y[i]!)) {
          points.push(`${sx(s.x[i]!).toFixed(2)},${sy(s.y[i]!).toFixed(2)}`);
        }
      }
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(" ")}"/>`);
    }
    const ly = margin.top + 16 + 18 * k;
    parts.push(
      `<line x1="${margin.left + plotW - 150}" x2="${margin.left + plotW - 128}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="3"/>`,
      `<text x="${margin.left + plotW - 122}" y="${ly}" dominant-baseline="middle">${escapeXml(s.label)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
