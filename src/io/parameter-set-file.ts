/** Reads a parameter set from a JSON file (kind "cellforge.parameter-set"). */
import { readFileSync } from "node:fs";
import { type ParameterSet, ParameterSetError, parseParameterSet } from "../core/parameters/index.js";

/** Parses and validates a parameter-set JSON file; errors name the file, then the field, value and unit. */
export function readParameterSetFile(path: string): ParameterSet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : String(error);
    throw new ParameterSetError(`parameter set file ${path}: ${reason}`, "", path, "");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ParameterSetError(
      `parameter set file ${path}: not valid JSON (${(error as Error).message})`,
      "",
      path,
      "",
    );
  }
  try {
    return parseParameterSet(json);
  } catch (error) {
    if (error instanceof ParameterSetError) {
      throw new ParameterSetError(`${path}: ${error.message}`, error.path, error.value, error.unit);
    }
    throw error;
  }
}
