/** Reads small numeric reference CSVs (fixtures) and compares series. */
import { readFileSync } from "node:fs";

/** Columns of a numeric CSV with a header row. */
export function readNumericCsv(path: string): Record<string, number[]> {
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const header = lines[0]!.split(",").map((h) => h.trim());
  const columns: Record<string, number[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    header.forEach((h, i) => {
      columns[h]!.push(Number(cells[i]));
    });
  }
  return columns;
}

/** Linear interpolation of (x, y) at `at` (x ascending; clamps outside). */
export function interpolateAt(x: readonly number[], y: readonly number[], at: number): number {
  if (at <= x[0]!) return y[0]!;
  const n = x.length;
  if (at >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= at) lo = mid;
    else hi = mid;
  }
  const w = (at - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + w * (y[hi]! - y[lo]!);
}

/** Root-mean-square difference of `ours` (interpolated) against reference samples at reference times. */
export function rmseAgainst(
  referenceTime_s: readonly number[],
  referenceValue: readonly number[],
  ourTime_s: readonly number[],
  ourValue: readonly number[],
  upTo_s = Number.POSITIVE_INFINITY,
): number {
  let sum = 0;
  let count = 0;
  const last = Math.min(upTo_s, ourTime_s[ourTime_s.length - 1]!);
  referenceTime_s.forEach((t, i) => {
    if (t > last) return;
    const d = interpolateAt(ourTime_s, ourValue, t) - referenceValue[i]!;
    sum += d * d;
    count++;
  });
  return Math.sqrt(sum / count);
}
