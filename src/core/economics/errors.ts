import { InputError } from "../errors.js";

/** Error raised for an inconsistent design, cost or plant input; names the field, value, unit and allowed range. */
export class DesignInputError extends InputError {
  override name = "DesignInputError";
  readonly field: string;
  readonly value: unknown;
  readonly unit: string;
  constructor(field: string, value: unknown, unit: string, allowed: string) {
    const shown = typeof value === "number" ? String(value) : JSON.stringify(value);
    super(`${field} = ${shown}${unit ? ` ${unit}` : ""} is invalid: expected ${allowed}`);
    this.field = field;
    this.value = value;
    this.unit = unit;
  }
}

/** Throws unless `value` is a finite number in [min, max] (open ends when `exclusive`). */
export function requireRange(
  field: string,
  value: number,
  unit: string,
  min: number,
  max: number,
  exclusive = false,
): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (exclusive ? value > min && value < max : value >= min && value <= max);
  if (!ok) {
    const range = exclusive ? `(${min}, ${max})` : `[${min}, ${max}]`;
    throw new DesignInputError(field, value, unit, `a finite number in ${range}${unit ? ` ${unit}` : ""}`);
  }
  return value;
}

/** Throws unless `value` is a positive integer. */
export function requirePositiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new DesignInputError(field, value, "", "a positive integer");
  }
  return value;
}
