/** `--set dot.path=value` overrides of a parameter set, validated after applying. */
import { ParameterSetError, unitOfPath } from "./errors.js";
import { parseParameterSet } from "./registry.js";
import { type ParameterSet, parameterSetSchema } from "./schema.js";

type SchemaNode = { shape?: Record<string, unknown>; unwrap?: () => unknown };

/** Field names the schema allows at a path of nested objects (so optional fields can be set), if known. */
function schemaFieldsAt(path: readonly string[]): string[] | undefined {
  let schema = parameterSetSchema as unknown as SchemaNode | undefined;
  for (const key of path) {
    schema = schema?.shape?.[key] as SchemaNode | undefined;
    // Unwrap optional/default wrappers to reach a nested object schema.
    while (schema !== undefined && schema.shape === undefined && typeof schema.unwrap === "function") {
      schema = schema.unwrap() as SchemaNode | undefined;
    }
  }
  return schema?.shape === undefined ? undefined : Object.keys(schema.shape);
}

function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return Number.NaN;
  if (/^[[{"]/.test(trimmed) || trimmed === "true" || trimmed === "false" || trimmed === "null") {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed;
    }
  }
  const number = Number(trimmed);
  return Number.isNaN(number) ? trimmed : number;
}

/**
 * Applies overrides like "positive.particleRadius_m=5e-6" (numbers, or JSON for objects such as a whole
 * function: `negative.openCircuitPotential_V={"kind":"table",...}`), then validates the result.
 * A number replaces a function-valued parameter by a constant. Unknown paths are errors.
 */
export function applyParameterOverrides(set: ParameterSet, overrides: readonly string[]): ParameterSet {
  const copy = structuredClone(set) as unknown as Record<string, unknown>;
  for (const override of overrides) {
    const at = override.indexOf("=");
    if (at <= 0) {
      throw new ParameterSetError(
        `parameter override "${override}": expected <dot.path>=<value>, e.g. positive.particleRadius_m=5e-6`,
        override,
        undefined,
        "",
      );
    }
    const path = override.slice(0, at).trim().split(".");
    const value = parseValue(override.slice(at + 1));
    let node: Record<string, unknown> = copy;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const isLast = i === path.length - 1;
      const allowed = schemaFieldsAt(path.slice(0, i));
      const known = Object.hasOwn(node, key) || (isLast && allowed?.includes(key) === true);
      if (!known) {
        const where = path.slice(0, i).join(".") || "the set";
        const fields = (allowed ?? Object.keys(node)).join(", ");
        throw new ParameterSetError(
          `parameter override "${override}": ${where} has no field "${key}" (fields: ${fields})`,
          path.join("."),
          value,
          unitOfPath(path),
        );
      }
      if (isLast) {
        node[key] = value;
      } else {
        const next = node[key];
        if (next === null || typeof next !== "object" || Array.isArray(next)) {
          throw new ParameterSetError(
            `parameter override "${override}": ${path.slice(0, i + 1).join(".")} is a value, not a group of fields`,
            path.join("."),
            value,
            unitOfPath(path),
          );
        }
        node = next as Record<string, unknown>;
      }
    }
  }
  return parseParameterSet(copy);
}
