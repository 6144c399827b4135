/**
 * Load profiles (drive cycles, measured loads) from CSV text: time and current (A) or power (W),
 * positive = discharge. Accepted layouts:
 * - a header row `time_s,current_A` or `time_s,power_W` (also `time [s]`, `current [A]`, `power [W]`,
 *   `power [kW]`, `power_kW`), then numbers;
 * - PyBaMM's drive-cycle files: `#` comment lines, the last of which names the columns
 *   (`# Time [s], Current [A]`), then numbers;
 * - bare two-column numbers (read as time_s, current_A).
 * Time must be finite and strictly increasing; values finite.
 */
import { InputError } from "../errors.js";

/** A parsed load profile. */
export type LoadProfile =
  | { quantity: "current"; time_s: Float64Array; current_A: Float64Array }
  | { quantity: "power"; time_s: Float64Array; power_W: Float64Array };

/** Bad profile text; the message names the line, the column and the expected layout. */
export class LoadProfileError extends InputError {
  override name = "LoadProfileError";
}

const LAYOUT =
  'expected columns "time_s,current_A" or "time_s,power_W" (PyBaMM "# Time [s], Current [A]" also accepted)';

type Column =
  | { kind: "time"; scale: number }
  | { kind: "current"; scale: number }
  | { kind: "power"; scale: number };

function columnOf(name: string): Column | undefined {
  const n = name.trim().toLowerCase().replace(/\s+/g, " ");
  if (/^time(_s| \[s\]| \(s\))?$/.test(n)) return { kind: "time", scale: 1 };
  if (/^current(_a| \[a\]| \(a\))?$/.test(n)) return { kind: "current", scale: 1 };
  if (/^power(_w| \[w\]| \(w\))?$/.test(n)) return { kind: "power", scale: 1 };
  if (/^power(_kw| \[kw\]| \(kw\))$/.test(n)) return { kind: "power", scale: 1000 };
  return undefined;
}

function headerOf(line: string): Column[] | undefined {
  const cells = line
    .split(/[,;\t]/)
    .map((c) => c.trim())
    .filter((c) => c !== "");
  if (cells.length < 2) return undefined;
  const columns = cells.map(columnOf);
  return columns.every((c) => c !== undefined) ? (columns as Column[]) : undefined;
}

/** Parses profile text into time and current or power (see the module comment for layouts). */
export function parseLoadProfileCsv(text: string): LoadProfile {
  const lines = text.split(/\r?\n/);
  let header: Column[] | undefined;
  let lastComment: string | undefined;
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === "") continue;
    if (raw.startsWith("#")) {
      lastComment = raw.slice(1);
      continue;
    }
    if (header === undefined && times.length === 0 && /[A-Za-z]/.test(raw.replace(/e[-+]?\d/gi, ""))) {
      header = headerOf(raw);
      if (header === undefined)
        throw new LoadProfileError(`load profile line ${i + 1} "${raw}": unknown header; ${LAYOUT}`);
      continue;
    }
    if (header === undefined && times.length === 0) {
      header = (lastComment !== undefined ? headerOf(lastComment) : undefined) ?? [
        { kind: "time", scale: 1 },
        { kind: "current", scale: 1 },
      ];
    }
    const cells = raw.split(/[,;\t]/).map((c) => c.trim());
    const timeColumn = header!.findIndex((c) => c.kind === "time");
    const valueColumn = header!.findIndex((c) => c.kind !== "time");
    if (timeColumn < 0 || valueColumn < 0) throw new LoadProfileError(`load profile: ${LAYOUT}`);
    const time = Number(cells[timeColumn]);
    const value = Number(cells[valueColumn]) * header![valueColumn]!.scale;
    if (cells[timeColumn] === undefined || cells[timeColumn] === "" || !Number.isFinite(time)) {
      throw new LoadProfileError(
        `load profile line ${i + 1}: time "${cells[timeColumn] ?? ""}" (s) is not a finite number`,
      );
    }
    if (cells[valueColumn] === undefined || cells[valueColumn] === "" || !Number.isFinite(value)) {
      const unit = header![valueColumn]!.kind === "current" ? "A" : "W";
      throw new LoadProfileError(
        `load profile line ${i + 1}: ${header![valueColumn]!.kind} "${cells[valueColumn] ?? ""}" (${unit}) is not a finite number`,
      );
    }
    if (times.length > 0 && !(time > times[times.length - 1]!)) {
      throw new LoadProfileError(
        `load profile line ${i + 1}: time ${time} s is not after the previous time ${times[times.length - 1]} s (time must increase strictly)`,
      );
    }
    times.push(time);
    values.push(value);
  }
  if (times.length < 2)
    throw new LoadProfileError(
      `load profile: needs at least 2 rows of numbers, got ${times.length}; ${LAYOUT}`,
    );
  const kind = header!.find((c) => c.kind !== "time")!.kind;
  const time_s = Float64Array.from(times);
  return kind === "power"
    ? { quantity: "power", time_s, power_W: Float64Array.from(values) }
    : { quantity: "current", time_s, current_A: Float64Array.from(values) };
}

/** Parses a current profile (time_s, current_A; positive = discharge); rejects power profiles. */
export function parseCurrentProfileCsv(text: string): { time_s: Float64Array; current_A: Float64Array } {
  const profile = parseLoadProfileCsv(text);
  if (profile.quantity !== "current") {
    throw new LoadProfileError(
      "load profile holds power, not current: use it as a power profile (Run power profile <name>)",
    );
  }
  return { time_s: profile.time_s, current_A: profile.current_A };
}

/** Plain-array form for an experiment step (`Run current profile <name>`). */
export function loadProfileData(
  profile: LoadProfile,
): { time_s: number[]; current_A: number[] } | { time_s: number[]; power_W: number[] } {
  return profile.quantity === "current"
    ? { time_s: Array.from(profile.time_s), current_A: Array.from(profile.current_A) }
    : { time_s: Array.from(profile.time_s), power_W: Array.from(profile.power_W) };
}
