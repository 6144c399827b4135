/** Parsing of CLI option values with one-line errors that name the flag, the value and the unit. */
import { InputError } from "../core/errors.js";

/** An error caused by the user's input: printed as one line, exit code 2. */
export class CliInputError extends InputError {
  override name = "CliInputError";
}

/** Parses a finite number given to `flag`; `unit` is named in the error (empty for dimensionless). */
export function parseNumberOption(text: string, flag: string, unit: string): number {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value)) {
    throw new CliInputError(`${flag} ${text}: expected a number${unit ? ` in ${unit}` : ""}`);
  }
  return value;
}

/** Parses a positive integer given to `flag`. */
export function parsePositiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new CliInputError(`${flag} ${text}: expected a positive integer`);
  return value;
}

let commandExitCode = 0;

/** A command that completed but must exit non-zero (e.g. 3: experiment incomplete) sets its code here. */
export function setCommandExitCode(code: number): void {
  commandExitCode = code;
}

/** Reads and clears the code set by the last command (0 if none). */
export function takeCommandExitCode(): number {
  const code = commandExitCode;
  commandExitCode = 0;
  return code;
}
