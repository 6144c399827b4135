/**
 * BPX ⇄ cellforge parameter sets. The mapping (docs/parameters-bpx.md):
 * - BPX's "Reaction rate constant" k is normalised: j0 = F·k·sqrt((c_e/c_e0)·(c_s/c_max)·(1 − c_s/c_max)),
 *   so our rateConstant (j0 = k'·sqrt(c_e·c_s·(c_max − c_s))) is k' = F·k/(c_max·sqrt(c_e0)).
 * - "Transport efficiency" = ε^b: Bruggeman b = ln(TE)/ln(ε).
 * - "Surface area per unit volume" a = 3·ε_s/R: ε_s = a·R/3.
 * - "Minimum/Maximum stoichiometry" define 0 %/100 % SOC: the imported set's OCV at 0 %/100 % SOC is the
 *   OCV at those stoichiometries, and its initial concentrations are at the document's initial SOC
 *   (State, 1.0 layout) or at 100 % SOC (0.x layout, as PyBaMM).
 * - Activation energies become Arrhenius factors referenced to "Reference temperature [K]".
 * - Fields BPX lacks (current collectors, per-layer thermal properties, electrode height/width,
 *   double-layer capacity, transfer coefficient, contact resistance, thermodynamic factor, initial
 *   concentrations) travel in "User-defined" under PyBaMM's parameter names, so set → BPX → set is lossless.
 */
import { faradayConstant_C_per_mol, gasConstant_J_per_mol_K } from "../../units/constants.js";
import { compileParameterSet } from "../compile.js";
import { ParameterSetError } from "../errors.js";
import { compileFunctionOfOneVariable, type ScalarFunction, type SeriesTerm } from "../functions.js";
import { parseParameterSet } from "../registry.js";
import type { ParameterSet, ParameterSetInput } from "../schema.js";
import { stoichiometryWindow } from "../stoichiometry.js";
import { expressionVariables, formatExpressionNumber, parseExpression } from "./expression.js";
import { type BpxDocument, type BpxElectrode, type BpxFunction, bpxDocumentSchema } from "./schema.js";

/** Validates untrusted JSON as a BPX document; errors name the BPX field path, value and unit. */
export function parseBpxDocument(json: unknown): BpxDocument {
  const result = bpxDocumentSchema.safeParse(json);
  if (result.success) return result.data as BpxDocument;
  const lines: string[] = [];
  let first: { path: string; value: unknown; unit: string } | undefined;
  for (const issue of result.error.issues.slice(0, 5)) {
    const path =
      issue.code === "unrecognized_keys" && issue.keys.length === 1
        ? [...issue.path, issue.keys[0]!]
        : issue.path;
    const where = path.map(String).join(" / ") || "(root)";
    const value = valueAt(json, path);
    const unit = bpxUnit(path);
    const reason =
      issue.code === "unrecognized_keys"
        ? `unknown field${issue.keys.length > 1 ? `s ${issue.keys.join(", ")}` : ""} (not in the BPX standard)`
        : issue.code === "invalid_type" && value === undefined
          ? "required field is missing"
          : issue.code === "invalid_union"
            ? "expected a number, an expression string or a table {x: [...], y: [...]}"
            : issue.message;
    lines.push(`${where} = ${describe(value)} (${unit}): ${reason}`);
    first ??= { path: where, value, unit };
  }
  const more = result.error.issues.length > 5 ? ` (+${result.error.issues.length - 5} more)` : "";
  throw new ParameterSetError(
    `invalid BPX document: ${lines.join("; ")}${more}`,
    first?.path ?? "",
    first?.value,
    first?.unit ?? "",
  );
}

/** Unit of a BPX field from the bracket in its name: "Thickness [m]" → "m"; none → "dimensionless". */
function bpxUnit(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key !== "string") continue;
    const match = /\[([^\]]+)\]$/.exec(key);
    if (match !== null) return match[1]!;
    if (key !== "x" && key !== "y") break;
  }
  return "dimensionless";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

// ---------------------------------------------------------------------------------------------------
// Export

/** Options of {@link toBpx}. */
export interface ToBpxOptions {
  /** "1.0" (default: "State" section, BPX "1.0.0") or "0.x" (BPX 0.1 layout, as the published examples). */
  readonly layout?: "1.0" | "0.x";
  /** Points of the linear table a non-linear (spline/pchip) table is resampled to (default 401). */
  readonly resamplePoints?: number;
}

/** Converts a validated parameter set into a BPX document (lossless through "User-defined"). */
export function toBpx(set: ParameterSet, options: ToBpxOptions = {}): BpxDocument {
  const layout = options.layout ?? "1.0";
  const Tref = set.temperatures.reference_K;
  const notes: string[] = [];
  const resample = options.resamplePoints ?? 401;
  const ce0 = set.electrolyte.initialConcentration_mol_per_m3;
  const fn = (f: ScalarFunction, path: string, allowArrhenius: boolean) =>
    functionToBpx(f, Tref, path, allowArrhenius, resample, notes);
  const compiled = compileParameterSet(set);
  const window = stoichiometryWindow(compiled);
  const ud: Record<string, number> = {};

  const electrode = (side: "negative" | "positive"): BpxElectrode => {
    const e = set[side];
    const path = side;
    const j = e.exchangeCurrentDensity_A_per_m2;
    for (const key of ["electrolyteExponent", "surfaceExponent", "vacancyExponent"] as const) {
      if (j[key] !== 0.5) {
        throw new ParameterSetError(
          `${path}.exchangeCurrentDensity_A_per_m2.${key} = ${j[key]} (dimensionless): BPX fixes the exchange-current exponents at 0.5`,
          `${path}.exchangeCurrentDensity_A_per_m2.${key}`,
          j[key],
          "dimensionless",
        );
      }
    }
    const diffusivity = fn(e.particleDiffusivity_m2_per_s, `${path}.particleDiffusivity_m2_per_s`, true);
    const ocp = fn(e.openCircuitPotential_V, `${path}.openCircuitPotential_V`, false);
    const jArrhenius = j.arrhenius;
    const jScale =
      jArrhenius === undefined
        ? 1
        : arrheniusRescale(jArrhenius.activationEnergy_J_per_mol, jArrhenius.referenceTemperature_K, Tref);
    const minSto = side === "negative" ? window.negativeAt0Soc : window.positiveAt100Soc;
    const maxSto = side === "negative" ? window.negativeAt100Soc : window.positiveAt0Soc;
    const out: Record<string, unknown> = {
      "Thickness [m]": e.thickness_m,
      Porosity: e.porosity,
      "Transport efficiency": e.porosity ** e.bruggemanElectrolyte,
      "Conductivity [S.m-1]": e.conductivity_S_per_m * e.activeMaterialVolumeFraction ** e.bruggemanElectrode,
      "Minimum stoichiometry": minSto,
      "Maximum stoichiometry": maxSto,
      "Maximum concentration [mol.m-3]": e.maximumConcentration_mol_per_m3,
      "Particle radius [m]": e.particleRadius_m,
      "Surface area per unit volume [m-1]": (3 * e.activeMaterialVolumeFraction) / e.particleRadius_m,
      "Diffusivity [m2.s-1]": diffusivity.value,
      ...(diffusivity.activationEnergy !== undefined
        ? { "Diffusivity activation energy [J.mol-1]": diffusivity.activationEnergy }
        : {}),
      "OCP [V]": ocp.value,
      ...(e.entropicChange_V_per_K !== undefined
        ? {
            "Entropic change coefficient [V.K-1]": fn(
              e.entropicChange_V_per_K,
              `${path}.entropicChange_V_per_K`,
              false,
            ).value,
          }
        : {}),
      // BPX: j0 = F·k·sqrt((c_e/c_e0)·(c_s/c_max)·(1 − c_s/c_max)), so k = k_ours·c_max·sqrt(c_e0)/F.
      "Reaction rate constant [mol.m-2.s-1]":
        (j.rateConstant * jScale * e.maximumConcentration_mol_per_m3 * Math.sqrt(ce0)) /
        faradayConstant_C_per_mol,
      ...(jArrhenius !== undefined
        ? { "Reaction rate constant activation energy [J.mol-1]": jArrhenius.activationEnergy_J_per_mol }
        : {}),
    };
    const prefix = side === "negative" ? "Negative" : "Positive";
    ud[`Initial concentration in ${side} electrode [mol.m-3]`] = e.initialConcentration_mol_per_m3;
    ud[`${prefix} electrode Butler-Volmer transfer coefficient`] = e.chargeTransferCoefficient;
    if (e.doubleLayerCapacity_F_per_m2 !== undefined) {
      ud[`${prefix} electrode double-layer capacity [F.m-2]`] = e.doubleLayerCapacity_F_per_m2;
    }
    if (e.bruggemanElectrode !== 0)
      ud[`${prefix} electrode Bruggeman coefficient (electrode)`] = e.bruggemanElectrode;
    return out as BpxElectrode;
  };

  const thermalLayers = [
    ["Negative current collector", set.negativeCurrentCollector.thickness_m, set.negativeCurrentCollector],
    ["Negative electrode", set.negative.thickness_m, set.negative],
    ["Separator", set.separator.thickness_m, set.separator],
    ["Positive electrode", set.positive.thickness_m, set.positive],
    ["Positive current collector", set.positiveCurrentCollector.thickness_m, set.positiveCurrentCollector],
  ] as const;
  let thickness = 0;
  let mass = 0;
  let heatCapacity = 0;
  let conductance = 0;
  for (const [name, L, c] of thermalLayers) {
    thickness += L;
    mass += c.density_kg_per_m3 * L;
    heatCapacity += c.density_kg_per_m3 * c.specificHeatCapacity_J_per_kg_K * L;
    conductance += c.thermalConductivity_W_per_m_K * L;
    ud[`${name} density [kg.m-3]`] = c.density_kg_per_m3;
    ud[`${name} specific heat capacity [J.kg-1.K-1]`] = c.specificHeatCapacity_J_per_kg_K;
    ud[`${name} thermal conductivity [W.m-1.K-1]`] = c.thermalConductivity_W_per_m_K;
  }
  for (const [name, cc] of [
    ["Negative", set.negativeCurrentCollector],
    ["Positive", set.positiveCurrentCollector],
  ] as const) {
    ud[`${name} current collector thickness [m]`] = cc.thickness_m;
    ud[`${name} current collector conductivity [S.m-1]`] = cc.conductivity_S_per_m;
  }
  ud["Electrode height [m]"] = set.cell.electrodeHeight_m;
  ud["Electrode width [m]"] = set.cell.electrodeWidth_m;
  ud["Contact resistance [Ohm]"] = set.cell.contactResistance_Ohm;
  if (set.cell.openCircuitVoltageAt0Soc_V !== undefined) {
    ud["Open-circuit voltage at 0% SOC [V]"] = set.cell.openCircuitVoltageAt0Soc_V;
  }
  if (set.cell.openCircuitVoltageAt100Soc_V !== undefined) {
    ud["Open-circuit voltage at 100% SOC [V]"] = set.cell.openCircuitVoltageAt100Soc_V;
  }
  if (set.electrolyte.thermodynamicFactor !== undefined)
    ud["Thermodynamic factor"] = set.electrolyte.thermodynamicFactor;
  const lumpedConductivity = conductance / thickness;

  const electrolyteDiffusivity = fn(
    set.electrolyte.diffusivity_m2_per_s,
    "electrolyte.diffusivity_m2_per_s",
    true,
  );
  const electrolyteConductivity = fn(
    set.electrolyte.conductivity_S_per_m,
    "electrolyte.conductivity_S_per_m",
    true,
  );
  const negative = electrode("negative");
  const positive = electrode("positive");
  const x = set.negative.initialConcentration_mol_per_m3 / set.negative.maximumConcentration_mol_per_m3;
  const initialSoc = Math.min(
    1,
    Math.max(0, (x - window.negativeAt0Soc) / (window.negativeAt100Soc - window.negativeAt0Soc)),
  );

  const cell: Record<string, unknown> = {
    "Electrode area [m2]": set.cell.electrodeHeight_m * set.cell.electrodeWidth_m,
    "External surface area [m2]": set.thermal.coolingSurfaceArea_m2,
    "Volume [m3]": set.thermal.cellVolume_m3,
    "Number of electrode pairs connected in parallel to make a cell": set.cell.electrodesInParallel,
    "Lower voltage cut-off [V]": set.cell.lowerVoltageCutoff_V,
    "Upper voltage cut-off [V]": set.cell.upperVoltageCutoff_V,
    "Nominal cell capacity [A.h]": set.cell.nominalCapacity_Ah,
    "Reference temperature [K]": Tref,
    "Density [kg.m-3]": mass / thickness,
    "Specific heat capacity [J.K-1.kg-1]": heatCapacity / mass,
  };
  const electrolyte: Record<string, unknown> = {
    "Cation transference number": set.electrolyte.cationTransferenceNumber,
    "Diffusivity [m2.s-1]": electrolyteDiffusivity.value,
    ...(electrolyteDiffusivity.activationEnergy !== undefined
      ? { "Diffusivity activation energy [J.mol-1]": electrolyteDiffusivity.activationEnergy }
      : {}),
    "Conductivity [S.m-1]": electrolyteConductivity.value,
    ...(electrolyteConductivity.activationEnergy !== undefined
      ? { "Conductivity activation energy [J.mol-1]": electrolyteConductivity.activationEnergy }
      : {}),
  };
  if (layout === "0.x") {
    cell["Thermal conductivity [W.m-1.K-1]"] = lumpedConductivity;
    cell["Initial temperature [K]"] = set.temperatures.initial_K;
    cell["Ambient temperature [K]"] = set.temperatures.ambient_K;
    electrolyte["Initial concentration [mol.m-3]"] = set.electrolyte.initialConcentration_mol_per_m3;
    ud["Total heat transfer coefficient [W.m-2.K-1]"] = set.thermal.heatTransferCoefficient_W_per_m2_K;
  } else {
    ud["Thermal conductivity [W.m-1.K-1]"] = lumpedConductivity;
  }
  const descriptionParts = [set.description, ...notes].filter((s) => s !== "");
  const doc: Record<string, unknown> = {
    Header: {
      BPX: layout === "0.x" ? 0.1 : "1.0.0",
      Title: set.name,
      ...(descriptionParts.length > 0 ? { Description: descriptionParts.join(" ") } : {}),
      ...(set.source !== undefined
        ? { References: set.source.primary.map((k) => set.source?.citations[k] ?? k).join("; ") }
        : {}),
      Model: "DFN",
    },
    Parameterisation: {
      Cell: cell,
      Electrolyte: electrolyte,
      "Negative electrode": negative,
      "Positive electrode": positive,
      Separator: {
        "Thickness [m]": set.separator.thickness_m,
        Porosity: set.separator.porosity,
        "Transport efficiency": set.separator.porosity ** set.separator.bruggemanElectrolyte,
      },
      "User-defined": {
        description: "cellforge fields BPX has no place for (PyBaMM parameter names); read back by cellforge",
        ...ud,
      },
    },
  };
  if (layout === "1.0") {
    doc.State = {
      "Initial conditions": {
        "Initial state-of-charge": initialSoc,
        "Initial temperature [K]": set.temperatures.initial_K,
        "Initial electrolyte concentration [mol.m-3]": set.electrolyte.initialConcentration_mol_per_m3,
      },
      "Thermal state": {
        "Ambient temperature [K]": set.temperatures.ambient_K,
        "Heat transfer coefficient [W.m-2.K-1]": set.thermal.heatTransferCoefficient_W_per_m2_K,
      },
    };
  }
  return doc as BpxDocument;
}

/** exp(E/R·(1/T_f − 1/T_ref)): rescales a function referenced to T_f so it can be referenced to T_ref. */
function arrheniusRescale(
  activationEnergy_J_per_mol: number,
  functionReference_K: number,
  setReference_K: number,
) {
  return Math.exp(
    (activationEnergy_J_per_mol / gasConstant_J_per_mol_K) * (1 / functionReference_K - 1 / setReference_K),
  );
}

function functionToBpx(
  f: ScalarFunction,
  Tref: number,
  path: string,
  allowArrhenius: boolean,
  resamplePoints: number,
  notes: string[],
): { value: BpxFunction; activationEnergy?: number } {
  const arrhenius = typeof f === "number" ? undefined : f.arrhenius;
  if (arrhenius !== undefined && arrhenius.activationEnergy_J_per_mol !== 0 && !allowArrhenius) {
    throw new ParameterSetError(
      `${path}.arrhenius.activationEnergy_J_per_mol = ${arrhenius.activationEnergy_J_per_mol} (J/mol): BPX has no activation energy for this quantity`,
      `${path}.arrhenius.activationEnergy_J_per_mol`,
      arrhenius.activationEnergy_J_per_mol,
      "J/mol",
    );
  }
  const scale =
    arrhenius === undefined
      ? 1
      : arrheniusRescale(arrhenius.activationEnergy_J_per_mol, arrhenius.referenceTemperature_K, Tref);
  const activation =
    arrhenius === undefined ? {} : { activationEnergy: arrhenius.activationEnergy_J_per_mol };
  if (typeof f === "number") return { value: f };
  if (f.kind === "constant") return { value: f.value * scale, ...activation };
  if (f.kind === "table") {
    if (f.interpolation === "linear") {
      return { value: { x: [...f.x], y: f.y.map((y) => y * scale) }, ...activation };
    }
    const g = compileFunctionOfOneVariable(f);
    const x0 = f.x[0]!;
    const x1 = f.x[f.x.length - 1]!;
    const x = Array.from({ length: resamplePoints }, (_, i) => x0 + ((x1 - x0) * i) / (resamplePoints - 1));
    notes.push(`${path}: ${f.interpolation} table resampled to ${resamplePoints} linear points.`);
    return { value: { x, y: x.map((xi) => g(xi) * scale) }, ...activation };
  }
  const text = f.kind === "expression" ? `(${f.expression})` : seriesToExpression(f.terms, f.inputScale);
  return { value: scale === 1 ? text : `${formatExpressionNumber(scale)} * (${text})`, ...activation };
}

/** A series as expression text, term by term in the order the compiled series evaluates them. */
function seriesToExpression(terms: readonly SeriesTerm[], inputScale: number): string {
  const u = inputScale === 1 ? "x" : `(${formatExpressionNumber(inputScale)} * x)`;
  const n = formatExpressionNumber;
  const parts = terms.map((term) => {
    if (term.type === "power") {
      if (term.exponent === 0) return n(term.coefficient);
      if (term.exponent === 1) return `${n(term.coefficient)} * ${u}`;
      return `${n(term.coefficient)} * ${u} ** ${n(term.exponent)}`;
    }
    const slope = term.width === undefined ? (term.slope ?? 1) : 1 / term.width;
    const argument = `${n(slope)} * ${u} + ${n(term.intercept - slope * term.center)}`;
    if (term.type === "exp") return `${n(term.coefficient)} * exp(${argument})`;
    if (term.type === "tanh") return `${n(term.coefficient)} * tanh(${argument})`;
    return `${n(term.coefficient)} / cosh(${argument}) ** 2`;
  });
  return parts.join(" + ");
}

// ---------------------------------------------------------------------------------------------------
// Import

/** Options of {@link fromBpx}. */
export interface FromBpxOptions {
  /** Name of the imported set (default: a slug of the BPX title, or "bpx"). */
  readonly name?: string;
}

/**
 * Converts a BPX document (validated here if given as untrusted JSON) into a validated cellforge parameter
 * set. Unsupported content (blended electrodes, hysteresis, degradation) is an error naming the field.
 */
export function fromBpx(json: unknown, options: FromBpxOptions = {}): ParameterSet {
  const doc = parseBpxDocument(json);
  const p = doc.Parameterisation;
  const cell = p.Cell;
  const state = doc.State;
  const ud = (p["User-defined"] ?? {}) as Record<string, unknown>;
  const used = new Set<string>(["description"]);
  const udNumber = (key: string): number | undefined => {
    const v = ud[key];
    if (typeof v !== "number") return undefined;
    used.add(key);
    return v;
  };
  const fail = (path: readonly string[], value: unknown, unit: string, reason: string): never => {
    const where = ["Parameterisation", ...path].join(" / ");
    throw new ParameterSetError(`BPX ${where} = ${describe(value)} (${unit}): ${reason}`, where, value, unit);
  };
  if (state?.Degradation !== undefined) {
    throw new ParameterSetError(
      "BPX State / Degradation: degradation states (LLI, LAM) are not supported by cellforge",
      "State / Degradation",
      state.Degradation,
      "",
    );
  }
  const notes: string[] = [];
  const Tref = cell["Reference temperature [K]"] ?? 298.15;
  if (cell["Reference temperature [K]"] === undefined)
    notes.push("Reference temperature absent: 298.15 K assumed.");
  const initialTemperature =
    state?.["Initial conditions"]["Initial temperature [K]"] ?? cell["Initial temperature [K]"] ?? Tref;
  const ambientTemperature =
    state?.["Thermal state"]["Ambient temperature [K]"] ??
    cell["Ambient temperature [K]"] ??
    udNumber("Ambient temperature [K]") ??
    Tref;
  const electrolyteConcentration =
    state?.["Initial conditions"]["Initial electrolyte concentration [mol.m-3]"] ??
    p.Electrolyte["Initial concentration [mol.m-3]"] ??
    fail(
      ["Electrolyte", "Initial concentration [mol.m-3]"],
      undefined,
      "mol.m-3",
      "required (or State / Initial conditions / Initial electrolyte concentration [mol.m-3])",
    );
  let heatTransfer =
    state?.["Thermal state"]["Heat transfer coefficient [W.m-2.K-1]"] ??
    udNumber("Total heat transfer coefficient [W.m-2.K-1]");
  if (heatTransfer === undefined) {
    heatTransfer = 10;
    notes.push("Heat transfer coefficient absent: 10 W/(m2·K) assumed.");
  }
  const density =
    cell["Density [kg.m-3]"] ??
    fail(["Cell", "Density [kg.m-3]"], undefined, "kg.m-3", "required by cellforge (thermal properties)");
  const heatCapacity =
    cell["Specific heat capacity [J.K-1.kg-1]"] ??
    fail(
      ["Cell", "Specific heat capacity [J.K-1.kg-1]"],
      undefined,
      "J.K-1.kg-1",
      "required by cellforge (thermal properties)",
    );
  let lumpedConductivity =
    cell["Thermal conductivity [W.m-1.K-1]"] ?? udNumber("Thermal conductivity [W.m-1.K-1]");
  if (lumpedConductivity === undefined) {
    // Only the x-resolved thermal model uses it; BPX 1.0 moved it out of the standard.
    lumpedConductivity = 1;
    notes.push("Thermal conductivity absent: 1 W/(m·K) assumed (used only by the x-resolved thermal model).");
  }
  const volume =
    cell["Volume [m3]"] ??
    fail(["Cell", "Volume [m3]"], undefined, "m3", "required by cellforge (thermal model)");
  const surface =
    cell["External surface area [m2]"] ??
    fail(["Cell", "External surface area [m2]"], undefined, "m2", "required by cellforge (thermal model)");
  const thermal = (name: string) => ({
    density_kg_per_m3: udNumber(`${name} density [kg.m-3]`) ?? density,
    specificHeatCapacity_J_per_kg_K: udNumber(`${name} specific heat capacity [J.kg-1.K-1]`) ?? heatCapacity,
    thermalConductivity_W_per_m_K: udNumber(`${name} thermal conductivity [W.m-1.K-1]`) ?? lumpedConductivity,
  });

  const toFunction = (
    value: BpxFunction,
    path: readonly string[],
    activationEnergy: number | undefined,
  ): ScalarFunction => {
    const arrhenius =
      activationEnergy !== undefined && activationEnergy !== 0
        ? { arrhenius: { activationEnergy_J_per_mol: activationEnergy, referenceTemperature_K: Tref } }
        : {};
    if (typeof value === "number")
      return arrhenius.arrhenius === undefined ? value : { kind: "constant", value, ...arrhenius };
    if (typeof value === "string") {
      const usesT = expressionVariables(parseExpression(value)).has("T");
      return {
        kind: "expression",
        expression: value,
        ...(usesT ? { temperature_K: Tref } : {}),
        ...arrhenius,
      };
    }
    if (value.x.length < 2) fail(path, value, "", "a table needs at least 2 points");
    return {
      kind: "table",
      x: value.x,
      y: value.y,
      interpolation: "linear",
      extrapolation: "linear",
      ...arrhenius,
    };
  };

  const soc = state?.["Initial conditions"]["Initial state-of-charge"] ?? 1;
  if (state === undefined) notes.push("No State section: initial concentrations at 100 % SOC (as PyBaMM).");
  const electrode = (side: "negative" | "positive"): ParameterSetInput["negative"] => {
    const key = side === "negative" ? "Negative electrode" : "Positive electrode";
    const prefix = side === "negative" ? "Negative" : "Positive";
    const e = p[key];
    const porosity = e.Porosity;
    const activeFraction = (e["Surface area per unit volume [m-1]"] * e["Particle radius [m]"]) / 3;
    if (activeFraction + porosity > 1 + 1e-12) {
      fail(
        [key, "Surface area per unit volume [m-1]"],
        e["Surface area per unit volume [m-1]"],
        "m-1",
        `implies an active material volume fraction a·R/3 = ${activeFraction.toPrecision(4)}, which with porosity ${porosity} exceeds 1`,
      );
    }
    // 0 % SOC: negative at minimum, positive at maximum stoichiometry; 100 % SOC the other way round.
    const sto0 = side === "negative" ? e["Minimum stoichiometry"] : e["Maximum stoichiometry"];
    const sto100 = side === "negative" ? e["Maximum stoichiometry"] : e["Minimum stoichiometry"];
    const cMax = e["Maximum concentration [mol.m-3]"];
    const initial =
      udNumber(`Initial concentration in ${side} electrode [mol.m-3]`) ??
      cMax * (sto0 + soc * (sto100 - sto0));
    const bruggemanElectrode = udNumber(`${prefix} electrode Bruggeman coefficient (electrode)`) ?? 0;
    const doubleLayer = udNumber(`${prefix} electrode double-layer capacity [F.m-2]`);
    const entropic = e["Entropic change coefficient [V.K-1]"];
    return {
      material: `${side} active material (BPX)`,
      thickness_m: e["Thickness [m]"],
      particleRadius_m: e["Particle radius [m]"],
      porosity,
      activeMaterialVolumeFraction: activeFraction,
      bruggemanElectrolyte: Math.log(e["Transport efficiency"]) / Math.log(porosity),
      bruggemanElectrode,
      conductivity_S_per_m: e["Conductivity [S.m-1]"] / activeFraction ** bruggemanElectrode,
      maximumConcentration_mol_per_m3: cMax,
      initialConcentration_mol_per_m3: initial,
      chargeTransferCoefficient: udNumber(`${prefix} electrode Butler-Volmer transfer coefficient`) ?? 0.5,
      ...(doubleLayer !== undefined ? { doubleLayerCapacity_F_per_m2: doubleLayer } : {}),
      ...thermal(`${prefix} electrode`),
      openCircuitPotential_V: toFunction(e["OCP [V]"], [key, "OCP [V]"], undefined),
      ...(entropic !== undefined
        ? {
            entropicChange_V_per_K: toFunction(
              entropic,
              [key, "Entropic change coefficient [V.K-1]"],
              undefined,
            ),
          }
        : {}),
      particleDiffusivity_m2_per_s: toFunction(
        e["Diffusivity [m2.s-1]"],
        [key, "Diffusivity [m2.s-1]"],
        e["Diffusivity activation energy [J.mol-1]"],
      ),
      exchangeCurrentDensity_A_per_m2: {
        kind: "power-law",
        // BPX's k multiplies normalised concentrations: j0 = F·k·sqrt((c_e/c_e0)·(c_s/c_max)·(1 − c_s/c_max)).
        rateConstant:
          (e["Reaction rate constant [mol.m-2.s-1]"] * faradayConstant_C_per_mol) /
          (cMax * Math.sqrt(electrolyteConcentration)),
        electrolyteExponent: 0.5,
        surfaceExponent: 0.5,
        vacancyExponent: 0.5,
        ...(e["Reaction rate constant activation energy [J.mol-1]"]
          ? {
              arrhenius: {
                activationEnergy_J_per_mol: e["Reaction rate constant activation energy [J.mol-1]"],
                referenceTemperature_K: Tref,
              },
            }
          : {}),
      },
    };
  };

  const negative = electrode("negative");
  const positive = electrode("positive");
  const area = cell["Electrode area [m2]"];
  const height = udNumber("Electrode height [m]");
  const width = udNumber("Electrode width [m]");
  const useGivenShape =
    height !== undefined && width !== undefined && Math.abs(height * width - area) <= 1e-12 * area;
  const collector = (name: "Negative" | "Positive", thickness: number, conductivity: number) => ({
    thickness_m: udNumber(`${name} current collector thickness [m]`) ?? thickness,
    conductivity_S_per_m: udNumber(`${name} current collector conductivity [S.m-1]`) ?? conductivity,
    ...thermal(`${name} current collector`),
  });
  const title = doc.Header.Title;
  const name =
    options.name ??
    (title !== undefined && title.trim() !== ""
      ? title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")
          .slice(0, 60) || "bpx"
      : "bpx");

  const input: ParameterSetInput = {
    kind: "cellforge.parameter-set",
    schemaVersion: 1,
    name,
    description: title ?? "imported from BPX",
    chemistry: "lithium-ion",
    cell: {
      electrodeHeight_m: useGivenShape ? height : Math.sqrt(area),
      electrodeWidth_m: useGivenShape ? width : Math.sqrt(area),
      electrodesInParallel: cell["Number of electrode pairs connected in parallel to make a cell"],
      nominalCapacity_Ah: cell["Nominal cell capacity [A.h]"],
      lowerVoltageCutoff_V: cell["Lower voltage cut-off [V]"],
      upperVoltageCutoff_V: cell["Upper voltage cut-off [V]"],
      contactResistance_Ohm: udNumber("Contact resistance [Ohm]") ?? 0,
    },
    temperatures: { reference_K: Tref, ambient_K: ambientTemperature, initial_K: initialTemperature },
    // BPX has no current collectors: copper/aluminium placeholders unless "User-defined" gives them;
    // their thermal properties are the lumped cell values so the cell's heat capacity is BPX's.
    negativeCurrentCollector: collector("Negative", 1.2e-5, 5.8e7),
    negative,
    separator: {
      thickness_m: p.Separator["Thickness [m]"],
      porosity: p.Separator.Porosity,
      bruggemanElectrolyte:
        p.Separator.Porosity === 1
          ? 1.5
          : Math.log(p.Separator["Transport efficiency"]) / Math.log(p.Separator.Porosity),
      ...thermal("Separator"),
    },
    positive,
    positiveCurrentCollector: collector("Positive", 1.6e-5, 3.7e7),
    electrolyte: {
      initialConcentration_mol_per_m3: electrolyteConcentration,
      cationTransferenceNumber: p.Electrolyte["Cation transference number"],
      ...(udNumber("Thermodynamic factor") !== undefined
        ? { thermodynamicFactor: udNumber("Thermodynamic factor") }
        : {}),
      diffusivity_m2_per_s: toFunction(
        p.Electrolyte["Diffusivity [m2.s-1]"],
        ["Electrolyte", "Diffusivity [m2.s-1]"],
        p.Electrolyte["Diffusivity activation energy [J.mol-1]"],
      ),
      conductivity_S_per_m: toFunction(
        p.Electrolyte["Conductivity [S.m-1]"],
        ["Electrolyte", "Conductivity [S.m-1]"],
        p.Electrolyte["Conductivity activation energy [J.mol-1]"],
      ),
    },
    thermal: {
      heatTransferCoefficient_W_per_m2_K: heatTransfer,
      cellVolume_m3: volume,
      coolingSurfaceArea_m2: surface,
    },
  };

  // The OCV that defines 0 %/100 % SOC is the OCV at the document's stoichiometry limits.
  let set: ParameterSet;
  try {
    set = parseParameterSet(input);
  } catch (error) {
    if (error instanceof ParameterSetError) {
      throw new ParameterSetError(`BPX import: ${error.message}`, error.path, error.value, error.unit);
    }
    throw error;
  }
  const compiled = compileParameterSet(set);
  const ocv = (xn: number, yp: number) =>
    compiled.positive.openCircuitPotential_V(yp, Tref) - compiled.negative.openCircuitPotential_V(xn, Tref);
  const n = p["Negative electrode"];
  const q = p["Positive electrode"];
  const at0 =
    udNumber("Open-circuit voltage at 0% SOC [V]") ??
    ocv(n["Minimum stoichiometry"], q["Maximum stoichiometry"]);
  const at100 =
    udNumber("Open-circuit voltage at 100% SOC [V]") ??
    ocv(n["Maximum stoichiometry"], q["Minimum stoichiometry"]);
  for (const [label, v] of [
    ["0% SOC", at0],
    ["100% SOC", at100],
  ] as const) {
    if (!(Number.isFinite(v) && v > 0)) {
      fail(
        ["Negative electrode", "OCP [V]"],
        v,
        "V",
        `the open-circuit voltage at ${label} from the OCPs and stoichiometry limits is not a positive number`,
      );
    }
  }
  set.cell.openCircuitVoltageAt0Soc_V = at0;
  set.cell.openCircuitVoltageAt100Soc_V = at100;
  const ignored = Object.keys(ud).filter((k) => !used.has(k));
  if (ignored.length > 0) notes.push(`User-defined fields not used by cellforge: ${ignored.join(", ")}.`);
  set.source = {
    primary: [],
    citations: {},
    derivedFrom: `BPX ${String(doc.Header.BPX)} document${title !== undefined ? ` "${title}"` : ""} (model ${doc.Header.Model})`,
    ...(doc.Header.References !== undefined || doc.Header.Description !== undefined
      ? {
          notes: [doc.Header.Description, doc.Header.References, ...notes]
            .filter((s) => s !== undefined)
            .join(" "),
        }
      : notes.length > 0
        ? { notes: notes.join(" ") }
        : {}),
  };
  return parseParameterSet(set);
}
