/**
 * Design specification as data (`kind: "cellforge.design"`, `schemaVersion: 1`): parses an untrusted
 * object (from YAML/JSON, HTTP or the CLI) into a design request and plant options, with errors naming
 * the field, value and unit. Chemistries are referenced by id and may override any recipe field.
 */
import { type Chemistry, chemistries, type ElectrodeRecipe } from "../materials/chemistries.js";
import type { PlantOptions } from "./cost-types.js";
import {
  type CellFormat,
  type DesignInput,
  defaultPackTargets,
  type PackTargets,
  standardFormats,
} from "./design-types.js";
import type { EnergyOptions } from "./energy.js";
import { DesignInputError } from "./errors.js";
import type { EvaluationOptions } from "./evaluate.js";
import type { GridRegion } from "./gwp.js";

export const designSpecKind = "cellforge.design";
export const designSpecSchemaVersion = 1;

/** Default cell format: BatPaC 5.0's 20 mm stacked pouch, positive length/width 3. */
export const defaultCellFormat: CellFormat = { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 };

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function object(v: unknown, field: string): Obj {
  if (!isObject(v)) throw new DesignInputError(field, v, "", "an object");
  return v;
}

function numbers(v: unknown, field: string, allowed: readonly string[]): Record<string, number> {
  const o = object(v, field);
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o)) {
    if (!allowed.includes(k))
      throw new DesignInputError(`${field}.${k}`, x, "", `one of the fields ${allowed.join(", ")}`);
    if (typeof x !== "number" || !Number.isFinite(x))
      throw new DesignInputError(`${field}.${k}`, x, "", "a finite number");
    out[k] = x;
  }
  return out;
}

function numberMap(v: unknown, field: string): Record<string, number> {
  const o = object(v, field);
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o)) {
    if (typeof x !== "number" || !Number.isFinite(x))
      throw new DesignInputError(`${field}.${k}`, x, "", "a finite number");
    out[k] = x;
  }
  return out;
}

/** Looks up a chemistry id, naming the allowed ids on failure. */
export function chemistryById(id: unknown, field = "chemistry"): Chemistry {
  const c = typeof id === "string" ? chemistries[id] : undefined;
  if (!c)
    throw new DesignInputError(field, id, "", `a chemistry id (${Object.keys(chemistries).join(", ")})`);
  return c;
}

/** Resolves a named format ("pouch", "18650", "21700", "4680", "CR2032") or a format object. */
export function cellFormatOf(v: unknown, field = "format"): CellFormat {
  if (typeof v === "string") {
    if (v === "pouch") return defaultCellFormat;
    if (v === "prismatic-can")
      return { kind: "prismatic-can", thickness_m: 0.03, lengthToWidth: 3, wallThickness_m: 0.6e-3 };
    const named = standardFormats[v as keyof typeof standardFormats];
    if (named) return named;
  }
  if (isObject(v)) {
    const kind = v.kind;
    const rest = { ...v };
    delete rest.kind;
    if (kind === "pouch")
      return {
        ...defaultCellFormat,
        ...numbers(rest, field, ["thickness_m", "lengthToWidth"]),
      } as CellFormat;
    if (kind === "prismatic-can") {
      return {
        kind,
        thickness_m: 0.03,
        lengthToWidth: 3,
        wallThickness_m: 0.6e-3,
        ...numbers(rest, field, ["thickness_m", "lengthToWidth", "wallThickness_m"]),
      } as CellFormat;
    }
    if (kind === "cylindrical" || kind === "coin") {
      const n = numbers(rest, field, ["diameter_m", "height_m"]);
      if (n.diameter_m === undefined || n.height_m === undefined) {
        throw new DesignInputError(`${field}.diameter_m/height_m`, v, "m", "both given for a can format");
      }
      return { kind, diameter_m: n.diameter_m, height_m: n.height_m };
    }
  }
  throw new DesignInputError(
    field,
    v,
    "",
    `pouch, prismatic-can, ${Object.keys(standardFormats).join(", ")} or a format object`,
  );
}

const recipeNumberFields = [
  "activeFraction",
  "carbonFraction",
  "binderFraction",
  "porosity",
  "foilThickness_m",
] as const;
const recipeStringFields = ["activeMaterialId", "carbonId", "binderId", "foilId"] as const;

function recipeOverride(base: ElectrodeRecipe, v: unknown, field: string): ElectrodeRecipe {
  const o = object(v, field);
  const out: Record<string, unknown> = { ...base };
  for (const [k, x] of Object.entries(o)) {
    if ((recipeNumberFields as readonly string[]).includes(k)) {
      if (typeof x !== "number" || !Number.isFinite(x))
        throw new DesignInputError(`${field}.${k}`, x, "", "a finite number");
    } else if ((recipeStringFields as readonly string[]).includes(k)) {
      if (typeof x !== "string") throw new DesignInputError(`${field}.${k}`, x, "", "a material id");
    } else if (k === "solvent") {
      if (x !== "NMP" && x !== "water" && x !== "dry")
        throw new DesignInputError(`${field}.solvent`, x, "", "NMP, water or dry");
    } else {
      throw new DesignInputError(
        `${field}.${k}`,
        x,
        "",
        `a recipe field (${[...recipeNumberFields, ...recipeStringFields, "solvent"].join(", ")})`,
      );
    }
    out[k] = x;
  }
  return out as unknown as ElectrodeRecipe;
}

function chemistryOf(v: unknown): Chemistry {
  if (typeof v === "string") return chemistryById(v);
  const o = object(v, "chemistry");
  const base = chemistryById(o.id, "chemistry.id");
  const out: Record<string, unknown> = { ...base };
  for (const [k, x] of Object.entries(o)) {
    if (k === "id") continue;
    if (k === "positive" || k === "negative") out[k] = recipeOverride(base[k], x, `chemistry.${k}`);
    else if (typeof x === "number" && k in base && typeof (base as unknown as Obj)[k] === "number")
      out[k] = x;
    else if (typeof x === "string" && k in base && typeof (base as unknown as Obj)[k] === "string")
      out[k] = x;
    else throw new DesignInputError(`chemistry.${k}`, x, "", "a known chemistry field of the right type");
  }
  return out as unknown as Chemistry;
}

/** Parses an untrusted design specification into a design request and evaluation options. */
export function parseDesignSpec(raw: unknown): { input: DesignInput; options: EvaluationOptions } {
  const o = object(raw, "design file");
  if (o.kind !== undefined && o.kind !== designSpecKind)
    throw new DesignInputError("kind", o.kind, "", `"${designSpecKind}"`);
  if (o.schemaVersion !== undefined && o.schemaVersion !== designSpecSchemaVersion) {
    throw new DesignInputError("schemaVersion", o.schemaVersion, "", String(designSpecSchemaVersion));
  }
  const known = [
    "kind",
    "schemaVersion",
    "name",
    "chemistry",
    "format",
    "pack",
    "positiveThickness_m",
    "plant",
    "energy",
    "gwp",
  ];
  for (const k of Object.keys(o))
    if (!known.includes(k))
      throw new DesignInputError(k, o[k], "", `a design-file field (${known.join(", ")})`);
  const pack: PackTargets = {
    ...defaultPackTargets,
    ...(o.pack === undefined ? {} : numbers(o.pack, "pack", Object.keys(defaultPackTargets))),
  };
  let input: DesignInput = {
    chemistry: chemistryOf(o.chemistry ?? "NMC811-G"),
    format: o.format === undefined ? defaultCellFormat : cellFormatOf(o.format),
    pack,
  };
  if (o.positiveThickness_m !== undefined) {
    if (typeof o.positiveThickness_m !== "number") {
      throw new DesignInputError("positiveThickness_m", o.positiveThickness_m, "m", "a number");
    }
    input = { ...input, positiveThickness_m: o.positiveThickness_m };
  }
  const p = o.plant === undefined ? {} : object(o.plant, "plant");
  const packsPerYear = p.packsPerYear ?? 100_000;
  if (typeof packsPerYear !== "number")
    throw new DesignInputError("plant.packsPerYear", packsPerYear, "packs/yr", "a number");
  let plant: PlantOptions = { packsPerYear };
  for (const [k, x] of Object.entries(p)) {
    if (k === "packsPerYear") continue;
    if (k === "operatingDays_per_yr") {
      if (typeof x !== "number")
        throw new DesignInputError("plant.operatingDays_per_yr", x, "d/yr", "a number");
      plant = { ...plant, operatingDays_per_yr: x };
    } else if (
      ["yields", "rates", "prices_USD_per_kg", "areaPrices_USD_per_m2", "volumePrices_USD_per_L"].includes(k)
    ) {
      plant = { ...plant, [k]: numberMap(x, `plant.${k}`) };
    } else {
      throw new DesignInputError(
        `plant.${k}`,
        x,
        "",
        "packsPerYear, operatingDays_per_yr, yields, rates or a price map",
      );
    }
  }
  let options: EvaluationOptions = { plant };
  if (o.energy !== undefined)
    options = { ...options, energy: numberMap(o.energy, "energy") as Partial<EnergyOptions> };
  if (o.gwp !== undefined) {
    const g = object(o.gwp, "gwp");
    const gwp: { region?: GridRegion; grid_kgCO2e_per_kWh?: number } = {};
    if (g.region !== undefined) gwp.region = g.region as GridRegion;
    if (typeof g.grid_kgCO2e_per_kWh === "number") gwp.grid_kgCO2e_per_kWh = g.grid_kgCO2e_per_kWh;
    options = { ...options, gwp };
  }
  return { input, options };
}
