/**
 * Function-valued parameters as data (OCPs, diffusivities, conductivities, exchange-current densities)
 * and their compilation into fast closures.
 *
 * A function of one variable x (stoichiometry or electrolyte concentration) is one of
 * - a number or `{ kind: "constant", value }`;
 * - `{ kind: "table", x, y, interpolation, extrapolation }` (see core/math/interpolate);
 * - `{ kind: "series", inputScale, terms }`: f(x) = Σ term(u) with u = inputScale·x, where a term is
 *   `power` a·u^p, or `exp` / `tanh` / `sech2` a·g(arg) with arg = (u − center)·slope + intercept or
 *   (u − center)/width + intercept. Every published closed-form fit we use (Chen 2020 graphite and NMC811
 *   OCPs, Dualfoil graphite/LiCoO2 OCPs, Moura entropic coefficients, Nyman 2008 and Capiglia 1999
 *   electrolyte polynomials) is a series with the published coefficients.
 * Any of them may carry `arrhenius: { activationEnergy_J_per_mol, referenceTemperature_K }`, a factor
 * exp(E/R·(1/T_ref − 1/T)) on the value.
 *
 * The exchange-current density is `{ kind: "power-law", rateConstant, electrolyteExponent,
 * surfaceExponent, vacancyExponent, arrhenius }`:
 * j0 = k·f(T)·c_e^a·c_s^b·(c_max − c_s)^c (A/m²), k in A/m²·(m³/mol)^(a+b+c).
 */
import { z } from "zod";
import {
  checkInterpolationData,
  createInterpolant,
  extrapolationModes,
  interpolationMethods,
} from "../math/interpolate.js";
import { gasConstant_J_per_mol_K } from "../units/constants.js";

const finite = z.number();

export const arrheniusSchema = z.strictObject({
  activationEnergy_J_per_mol: finite,
  referenceTemperature_K: z.number().positive(),
});
export type Arrhenius = z.infer<typeof arrheniusSchema>;

const metadata = {
  /** Provenance label, e.g. PyBaMM's function name "graphite_LGM50_ocp_Chen2020". */
  name: z.string().optional(),
  /** Citation keys (see the set's `source.citations`). */
  source: z.array(z.string()).optional(),
  arrhenius: arrheniusSchema.optional(),
};

export const constantFunctionSchema = z.strictObject({
  kind: z.literal("constant"),
  value: finite,
  ...metadata,
});

export const tableFunctionSchema = z
  .strictObject({
    kind: z.literal("table"),
    x: z.array(finite),
    y: z.array(finite),
    interpolation: z.enum(interpolationMethods as ["linear", "pchip", "cubic-spline"]),
    extrapolation: z.enum(extrapolationModes as ["clamp", "linear", "error"]).default("linear"),
    ...metadata,
  })
  .superRefine((table, context) => {
    const problem = checkInterpolationData(table.x, table.y);
    if (problem !== undefined) context.addIssue({ code: "custom", message: problem, path: ["x"] });
  });

const powerTermSchema = z.strictObject({ type: z.literal("power"), coefficient: finite, exponent: finite });
const shapedTermFields = {
  coefficient: finite,
  slope: finite.optional(),
  width: z.number().positive().optional(),
  center: finite.default(0),
  intercept: finite.default(0),
};
const expTermSchema = z.strictObject({ type: z.literal("exp"), ...shapedTermFields });
const tanhTermSchema = z.strictObject({ type: z.literal("tanh"), ...shapedTermFields });
const sech2TermSchema = z.strictObject({ type: z.literal("sech2"), ...shapedTermFields });

export const seriesTermSchema = z
  .discriminatedUnion("type", [powerTermSchema, expTermSchema, tanhTermSchema, sech2TermSchema])
  .superRefine((term, context) => {
    if (term.type !== "power" && term.slope !== undefined && term.width !== undefined) {
      context.addIssue({ code: "custom", message: "give either slope or width, not both", path: ["width"] });
    }
  });
export type SeriesTerm = z.infer<typeof seriesTermSchema>;

export const seriesFunctionSchema = z.strictObject({
  kind: z.literal("series"),
  inputScale: z.number().positive().default(1),
  terms: z.array(seriesTermSchema).min(1),
  ...metadata,
});

/** A parameter that is a function of one variable (and optionally of temperature, via Arrhenius). */
export const scalarFunctionSchema = z.union([
  finite,
  z.discriminatedUnion("kind", [constantFunctionSchema, tableFunctionSchema, seriesFunctionSchema]),
]);
export type ScalarFunction = z.infer<typeof scalarFunctionSchema>;

export const exchangeCurrentSchema = z.strictObject({
  kind: z.literal("power-law"),
  /** k at the Arrhenius reference temperature, A/m²·(m³/mol)^(a+b+c). */
  rateConstant: z.number().positive(),
  electrolyteExponent: z.number().min(0).default(0.5),
  surfaceExponent: z.number().min(0).default(0.5),
  vacancyExponent: z.number().min(0).default(0.5),
  ...metadata,
});
export type ExchangeCurrent = z.infer<typeof exchangeCurrentSchema>;

const TERM_POWER = 0;
const TERM_EXP = 1;
const TERM_TANH = 2;
const TERM_SECH2 = 3;

/** f(x) at the reference temperature (no Arrhenius factor); closures allocate nothing per call. */
export function compileFunctionOfOneVariable(f: ScalarFunction): (x: number) => number {
  if (typeof f === "number") return () => f;
  if (f.kind === "constant") {
    const value = f.value;
    return () => value;
  }
  if (f.kind === "table") return createInterpolant(f.x, f.y, f.interpolation, f.extrapolation);
  return compileSeries(f.terms, f.inputScale);
}

function compileSeries(terms: readonly SeriesTerm[], inputScale: number): (x: number) => number {
  const n = terms.length;
  const type = new Int8Array(n);
  const coefficient = new Float64Array(n);
  const exponent = new Float64Array(n);
  const center = new Float64Array(n);
  const multiplier = new Float64Array(n);
  const divisor = new Float64Array(n);
  const intercept = new Float64Array(n);
  terms.forEach((term, i) => {
    coefficient[i] = term.coefficient;
    if (term.type === "power") {
      type[i] = TERM_POWER;
      exponent[i] = term.exponent;
      return;
    }
    type[i] = term.type === "exp" ? TERM_EXP : term.type === "tanh" ? TERM_TANH : TERM_SECH2;
    center[i] = term.center;
    intercept[i] = term.intercept;
    multiplier[i] = term.width === undefined ? (term.slope ?? 1) : 1;
    divisor[i] = term.width ?? 1;
  });
  return (x: number): number => {
    const u = inputScale === 1 ? x : inputScale * x;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const t = type[i]!;
      if (t === TERM_POWER) {
        const p = exponent[i]!;
        sum += coefficient[i]! * (p === 0 ? 1 : p === 1 ? u : p === 2 ? u * u : u ** p);
        continue;
      }
      const d = divisor[i]!;
      const shifted = (u - center[i]!) * multiplier[i]!;
      const arg = (d === 1 ? shifted : shifted / d) + intercept[i]!;
      if (t === TERM_EXP) sum += coefficient[i]! * Math.exp(arg);
      else if (t === TERM_TANH) sum += coefficient[i]! * Math.tanh(arg);
      else {
        const c = Math.cosh(arg);
        sum += coefficient[i]! / (c * c);
      }
    }
    return sum;
  };
}

/** Temperature factor exp(E/R·(1/T_ref − 1/T)), caching the last temperature (isothermal runs pay once). */
export function compileArrhenius(
  arrhenius: Arrhenius | undefined,
): ((temperature_K: number) => number) | undefined {
  if (arrhenius === undefined || arrhenius.activationEnergy_J_per_mol === 0) return undefined;
  const scale = arrhenius.activationEnergy_J_per_mol / gasConstant_J_per_mol_K;
  const inverseReference = 1 / arrhenius.referenceTemperature_K;
  let lastTemperature = Number.NaN;
  let lastFactor = 1;
  return (temperature_K: number): number => {
    if (temperature_K !== lastTemperature) {
      lastTemperature = temperature_K;
      lastFactor = Math.exp(scale * (inverseReference - 1 / temperature_K));
    }
    return lastFactor;
  };
}

function arrheniusOf(f: ScalarFunction): Arrhenius | undefined {
  return typeof f === "number" ? undefined : f.arrhenius;
}

/** f(x, T) = f(x)·Arrhenius(T). */
export function compileFunctionOfVariableAndTemperature(
  f: ScalarFunction,
): (x: number, temperature_K: number) => number {
  const base = compileFunctionOfOneVariable(f);
  const factor = compileArrhenius(arrheniusOf(f));
  if (factor === undefined) return (x: number) => base(x);
  return (x: number, temperature_K: number) => base(x) * factor(temperature_K);
}

/** j0(c_e, c_s, T) in A/m²; negative concentration factors are clamped to zero (no NaN mid-Newton). */
export function compileExchangeCurrent(
  j: ExchangeCurrent,
  maximumConcentration_mol_per_m3: number,
): (electrolyte_mol_per_m3: number, surface_mol_per_m3: number, temperature_K: number) => number {
  const k = j.rateConstant;
  const cMax = maximumConcentration_mol_per_m3;
  const factor = compileArrhenius(j.arrhenius);
  const a = j.electrolyteExponent;
  const b = j.surfaceExponent;
  const c = j.vacancyExponent;
  if (a === 0.5 && b === 0.5 && c === 0.5) {
    return (ce, cs, temperature_K) => {
      const product = Math.max(ce, 0) * Math.max(cs, 0) * Math.max(cMax - cs, 0);
      const value = k * Math.sqrt(product);
      return factor === undefined ? value : value * factor(temperature_K);
    };
  }
  return (ce, cs, temperature_K) => {
    const value = k * Math.max(ce, 0) ** a * Math.max(cs, 0) ** b * Math.max(cMax - cs, 0) ** c;
    return factor === undefined ? value : value * factor(temperature_K);
  };
}
