/** Reads a design specification file (YAML or JSON) and parses it into a design request. */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { parseDesignSpec } from "../core/economics/design-spec.js";
import type { DesignInput } from "../core/economics/design-types.js";
import type { EvaluationOptions } from "../core/economics/evaluate.js";
import { InputError } from "../core/errors.js";

/** Parses design-file text; `.json` is parsed as JSON, anything else as YAML (a superset of JSON). */
export function parseDesignText(
  text: string,
  name: string,
): { input: DesignInput; options: EvaluationOptions } {
  let raw: unknown;
  try {
    raw = extname(name).toLowerCase() === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InputError(
      `${name}: not valid ${extname(name) === ".json" ? "JSON" : "YAML"} (${(error as Error).message.split("\n")[0]})`,
    );
  }
  try {
    return parseDesignSpec(raw);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${name}: ${error.message}`);
    throw error;
  }
}

/** Reads and parses a design file from disk. */
export function readDesignFile(path: string): { input: DesignInput; options: EvaluationOptions } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InputError(`design file ${path}: cannot be read (does it exist?)`);
  }
  return parseDesignText(text, path);
}
