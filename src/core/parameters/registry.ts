/** Built-in parameter sets (JSON data in ./sets, validated on first use) and JSON parsing. */
import { ParameterSetError, parameterSetErrorFromZod } from "./errors.js";
import { type ParameterSet, parameterSetSchema } from "./schema.js";
import chen2020 from "./sets/chen2020.json" with { type: "json" };
import marquis2019 from "./sets/marquis2019.json" with { type: "json" };
import okane2022 from "./sets/okane2022.json" with { type: "json" };

const builtIns: Readonly<Record<string, unknown>> = { chen2020, marquis2019, okane2022 };
const parsed = new Map<string, ParameterSet>();

/** Validates untrusted JSON as a parameter set; throws ParameterSetError naming field, value and unit. */
export function parseParameterSet(json: unknown): ParameterSet {
  const result = parameterSetSchema.safeParse(json);
  if (!result.success) throw parameterSetErrorFromZod(result.error, json);
  return result.data;
}

/** Names of the built-in parameter sets (cheap: nothing is validated). */
export function parameterSetNames(): string[] {
  return Object.keys(builtIns);
}

/** Names and one-line descriptions of the built-in parameter sets. */
export function listParameterSets(): { name: string; description: string }[] {
  return Object.keys(builtIns).map((name) => ({ name, description: getParameterSet(name).description }));
}

/** A fresh copy of a built-in set (case-insensitive name); throws ParameterSetError listing the known names. */
export function getParameterSet(name: string): ParameterSet {
  const key = name.toLowerCase();
  const json = builtIns[key];
  if (json === undefined) {
    const known = Object.keys(builtIns).join(", ");
    throw new ParameterSetError(
      `unknown parameter set "${name}": expected one of ${known}`,
      "name",
      name,
      "",
    );
  }
  let set = parsed.get(key);
  if (set === undefined) {
    set = parseParameterSet(json);
    parsed.set(key, set);
  }
  return structuredClone(set);
}
