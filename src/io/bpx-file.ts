/** Reads a BPX (Battery Parameter eXchange) JSON file into a cellforge parameter set. */
import { readFileSync } from "node:fs";
import { type FromBpxOptions, fromBpx } from "../core/parameters/bpx/index.js";
import { type ParameterSet, ParameterSetError } from "../core/parameters/index.js";
import { readParameterSetFile } from "./parameter-set-file.js";

/** Parses, validates and converts a BPX file; errors name the file, then the BPX field, value and unit. */
export function readBpxFile(path: string, options: FromBpxOptions = {}): ParameterSet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : String(error);
    throw new ParameterSetError(`BPX file ${path}: ${reason}`, "", path, "");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ParameterSetError(
      `BPX file ${path}: not valid JSON (${(error as Error).message})`,
      "",
      path,
      "",
    );
  }
  try {
    return fromBpx(json, options);
  } catch (error) {
    if (error instanceof ParameterSetError) {
      throw new ParameterSetError(`${path}: ${error.message}`, error.path, error.value, error.unit);
    }
    throw error;
  }
}

/** True if a JSON value looks like a BPX document (has "Header" with "BPX" and "Parameterisation"). */
export function isBpxDocument(json: unknown): boolean {
  if (typeof json !== "object" || json === null) return false;
  const header = (json as Record<string, unknown>).Header;
  return (
    typeof header === "object" && header !== null && "BPX" in header && "Parameterisation" in (json as object)
  );
}

/**
 * Reads a cellforge parameter-set file or a BPX file, told apart by content (a BPX document has
 * "Header.BPX" and "Parameterisation"), so `--parameters cell.bpx.json` and `--parameters set.json` both work.
 */
export function readParameterSetOrBpxFile(path: string): ParameterSet {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return readParameterSetFile(path); // reports the missing file / bad JSON with its usual message
  }
  return isBpxDocument(json) ? readBpxFile(path) : readParameterSetFile(path);
}
