/** Errors for invalid parameter sets: every message names the field path, the value and its unit. */

import type { z } from "zod";
import { InputError } from "../errors.js";

/** An invalid parameter set or override; `path` is dotted ("positive.particleRadius_m"). */
export class ParameterSetError extends InputError {
  override name = "ParameterSetError";
  constructor(
    message: string,
    readonly path: string,
    readonly value: unknown,
    readonly unit: string,
  ) {
    super(message);
  }
}

/**
 * Unit of a field from its name suffix: `thickness_m` → "m", `diffusivity_m2_per_s` → "m2/s",
 * `specificHeatCapacity_J_per_kg_K` → "J/(kg·K)"; no suffix → "dimensionless". For the `x` grid of a
 * table the unit is the function's argument (mol/m3 for electrolyte functions, else stoichiometry).
 */
export function unitOfPath(path: readonly PropertyKey[]): string {
  const keys = path.filter((k): k is string => typeof k === "string");
  if (keys.includes("x") && keys.length >= 2) {
    return keys[0] === "electrolyte" ? "mol/m3" : "dimensionless stoichiometry";
  }
  if (keys.at(-1) === "rateConstant") return "A/m2·(m3/mol)^(a+b+c)";
  if (keys.at(-1) === "activationEnergy_J_per_mol") return "J/mol";
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    const at = key.indexOf("_");
    if (at > 0) return suffixToUnit(key.slice(at + 1));
    if (key === "y" || key === "value" || key === "coefficient") continue;
    if (i === keys.length - 1) return "dimensionless";
  }
  return "dimensionless";
}

function suffixToUnit(suffix: string): string {
  const [numerator, denominator] = suffix.split("_per_") as [string, string | undefined];
  const top = numerator.split("_").join("·");
  if (denominator === undefined) return top;
  const bottom = denominator.split("_");
  return `${top}/${bottom.length > 1 ? `(${bottom.join("·")})` : bottom[0]}`;
}

/** Dotted path: ["negative", "openCircuitPotential_V", "y", 3] → "negative.openCircuitPotential_V.y[3]". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      return `must be ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}${issue.origin === "array" ? " items" : ""}`;
    case "too_big":
      return `must be ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}${issue.origin === "array" ? " items" : ""}`;
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
    case "invalid_union":
      return 'expected a number, or an object with kind "constant", "table", "series" or "expression"';
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
    case "not_multiple_of":
      return "must be an integer";
    default:
      return issue.message;
  }
}

/** Converts the first zod issue(s) into a ParameterSetError that reads like "negative.porosity = 1.5 (dimensionless): must be < 1". */
export function parameterSetErrorFromZod(
  error: z.ZodError,
  input: unknown,
  label = "parameter set",
): ParameterSetError {
  const lines: string[] = [];
  let first: { path: string; value: unknown; unit: string } | undefined;
  for (const issue of error.issues.slice(0, 5)) {
    let path = issue.path;
    if (issue.code === "unrecognized_keys" && issue.keys.length === 1) path = [...path, issue.keys[0]!];
    const value = issue.code === "unrecognized_keys" ? valueAt(input, path) : valueAt(input, issue.path);
    const unit = unitOfPath(path);
    const where = formatPath(path);
    lines.push(`${where} = ${describeValue(value)} (${unit}): ${describeIssue(issue)}`);
    first ??= { path: where, value, unit };
  }
  const more = error.issues.length > 5 ? ` (+${error.issues.length - 5} more)` : "";
  const message = `invalid ${label}: ${lines.join("; ")}${more}`;
  return new ParameterSetError(message, first?.path ?? "", first?.value, first?.unit ?? "");
}
