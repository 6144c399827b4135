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
  createInterpolantDerivative,
  type ExtrapolationMode,
  extrapolationModes,
  type InterpolationMethod,
  interpolationMethods,
} from "../math/interpolate.js";
import { gasConstant_J_per_mol_K } from "../units/constants.js";
import {
  compileExpressionTree,
  differentiateExpression,
  ExpressionError,
  expressionVariables,
  parseExpression,
} from "./bpx/expression.js";

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
    interpolation: z.enum(interpolationMethods as [InterpolationMethod, ...InterpolationMethod[]]),
    extrapolation: z
      .enum(extrapolationModes as [ExtrapolationMode, ...ExtrapolationMode[]])
      .default("linear"),
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

/**
 * f(x) or f(x, T) as text, e.g. "1.5 * exp(-x)" (see ./bpx/expression.ts: numbers, x, T, + − * / ^ **,
 * exp, log, sqrt, tanh, cosh, sinh, abs; parsed and compiled to closures, never evaluated as code).
 * `temperature_K` is the temperature used where a model asks for f(x) alone (e.g. an OCP); it is
 * required when the expression uses T.
 */
export const expressionFunctionSchema = z
  .strictObject({
    kind: z.literal("expression"),
    expression: z.string().min(1),
    temperature_K: z.number().positive().optional(),
    ...metadata,
  })
  .superRefine((f, context) => {
    try {
      const variables = expressionVariables(parseExpression(f.expression));
      if (variables.has("T") && f.temperature_K === undefined) {
        context.addIssue({
          code: "custom",
          path: ["temperature_K"],
          message:
            "the expression uses T: give temperature_K, the temperature at which f(x) alone is evaluated",
        });
      }
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      context.addIssue({ code: "custom", path: ["expression"], message: error.message });
    }
  });
export type ExpressionFunction = z.infer<typeof expressionFunctionSchema>;

/** A parameter that is a function of one variable (and optionally of temperature, via Arrhenius). */
export const scalarFunctionSchema = z.union([
  finite,
  z.discriminatedUnion("kind", [
    constantFunctionSchema,
    tableFunctionSchema,
    seriesFunctionSchema,
    expressionFunctionSchema,
  ]),
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

/** f(x) at the reference temperature (no Arrhenius factor); closures allocate nothing per call. */
export function compileFunctionOfOneVariable(f: ScalarFunction): (x: number) => number {
  if (typeof f === "number") return () => f;
  if (f.kind === "constant") {
    const value = f.value;
    return () => value;
  }
  if (f.kind === "table") return createInterpolant(f.x, f.y, f.interpolation, f.extrapolation);
  if (f.kind === "expression") return expressionAtFixedTemperature(f, false);
  return compileSeries(f.terms, f.inputScale);
}

/** f(x) (or f'(x)) of an expression at its `temperature_K` (irrelevant unless it uses T). */
function expressionAtFixedTemperature(f: ExpressionFunction, derivative: boolean): (x: number) => number {
  const tree = parseExpression(f.expression);
  const g = compileExpressionTree(derivative ? differentiateExpression(tree, "x") : tree);
  const temperature_K = f.temperature_K ?? Number.NaN;
  return (x: number) => g(x, temperature_K);
}

/** f(x, T) (or ∂f/∂x) of an expression that uses T; undefined when it does not. */
function expressionOfTemperature(
  f: ScalarFunction,
  derivative: boolean,
): ((x: number, temperature_K: number) => number) | undefined {
  if (typeof f === "number" || f.kind !== "expression") return undefined;
  const tree = parseExpression(f.expression);
  if (!expressionVariables(tree).has("T")) return undefined;
  return compileExpressionTree(derivative ? differentiateExpression(tree, "x") : tree);
}

/** Series terms split by type into typed arrays, so evaluation is a few tight loops without branching on type. */
interface SeriesPlan {
  polynomial: [number, number, number, number]; // coefficients of u^0..u^3
  powerCoefficient: Float64Array;
  powerExponent: Float64Array;
  shaped: Record<
    "exp" | "tanh" | "sech2",
    { coefficient: Float64Array; slope: Float64Array; offset: Float64Array }
  >;
}

function planSeries(terms: readonly SeriesTerm[]): SeriesPlan {
  const polynomial: [number, number, number, number] = [0, 0, 0, 0];
  const powers: [number, number][] = [];
  const shaped: Record<"exp" | "tanh" | "sech2", [number, number, number][]> = {
    exp: [],
    tanh: [],
    sech2: [],
  };
  for (const term of terms) {
    if (term.type === "power") {
      const p = term.exponent;
      if (p === 0 || p === 1 || p === 2 || p === 3) polynomial[p] += term.coefficient;
      else powers.push([term.coefficient, p]);
      continue;
    }
    // arg = (u − center)·slope + intercept = slope·u + offset, with slope = 1/width for the width form.
    const slope = term.width === undefined ? (term.slope ?? 1) : 1 / term.width;
    shaped[term.type].push([term.coefficient, slope, term.intercept - slope * term.center]);
  }
  const pack = (rows: [number, number, number][]) => ({
    coefficient: Float64Array.from(rows, (r) => r[0]),
    slope: Float64Array.from(rows, (r) => r[1]),
    offset: Float64Array.from(rows, (r) => r[2]),
  });
  return {
    polynomial,
    powerCoefficient: Float64Array.from(powers, (r) => r[0]),
    powerExponent: Float64Array.from(powers, (r) => r[1]),
    shaped: { exp: pack(shaped.exp), tanh: pack(shaped.tanh), sech2: pack(shaped.sech2) },
  };
}

function compileSeries(terms: readonly SeriesTerm[], inputScale: number): (x: number) => number {
  const plan = planSeries(terms);
  const [c0, c1, c2, c3] = plan.polynomial;
  const { powerCoefficient, powerExponent } = plan;
  const exp = plan.shaped.exp;
  const tanh = plan.shaped.tanh;
  const sech2 = plan.shaped.sech2;
  const nPower = powerCoefficient.length;
  const nExp = exp.coefficient.length;
  const nTanh = tanh.coefficient.length;
  const nSech2 = sech2.coefficient.length;
  return (x: number): number => {
    const u = inputScale * x;
    let sum = c0 + u * (c1 + u * (c2 + u * c3));
    // Non-integer powers of a negative argument (c_e < 0 in a Newton iterate) would be NaN: use u⁺.
    const positivePart = Math.max(u, 0);
    for (let i = 0; i < nPower; i++) sum += powerCoefficient[i]! * positivePart ** powerExponent[i]!;
    for (let i = 0; i < nExp; i++) sum += exp.coefficient[i]! * Math.exp(exp.slope[i]! * u + exp.offset[i]!);
    // tanh and sech² from e = exp(−2|a|) ∈ (0, 1]: one exp each, no overflow (Math.tanh is ~2× slower).
    for (let i = 0; i < nTanh; i++) {
      const a = tanh.slope[i]! * u + tanh.offset[i]!;
      const e = Math.exp(-2 * Math.abs(a));
      const t = (1 - e) / (1 + e);
      sum += tanh.coefficient[i]! * (a < 0 ? -t : t);
    }
    for (let i = 0; i < nSech2; i++) {
      const a = sech2.slope[i]! * u + sech2.offset[i]!;
      const e = Math.exp(-2 * Math.abs(a));
      const d = 1 + e;
      sum += (sech2.coefficient[i]! * 4 * e) / (d * d);
    }
    return sum;
  };
}

function compileSeriesDerivative(terms: readonly SeriesTerm[], inputScale: number): (x: number) => number {
  const plan = planSeries(terms);
  const [, c1, c2, c3] = plan.polynomial;
  const { powerCoefficient, powerExponent } = plan;
  const exp = plan.shaped.exp;
  const tanh = plan.shaped.tanh;
  const sech2 = plan.shaped.sech2;
  const nPower = powerCoefficient.length;
  const nExp = exp.coefficient.length;
  const nTanh = tanh.coefficient.length;
  const nSech2 = sech2.coefficient.length;
  return (x: number): number => {
    const u = inputScale * x;
    let sum = c1 + u * (2 * c2 + 3 * u * c3);
    for (let i = 0; i < nPower; i++) {
      const p = powerExponent[i]!;
      sum += u > 0 ? powerCoefficient[i]! * p * u ** (p - 1) : 0;
    }
    for (let i = 0; i < nExp; i++) {
      sum += exp.coefficient[i]! * exp.slope[i]! * Math.exp(exp.slope[i]! * u + exp.offset[i]!);
    }
    for (let i = 0; i < nTanh; i++) {
      // d tanh(a)/da = sech²(a) = 4e/(1+e)², e = exp(−2|a|).
      const a = tanh.slope[i]! * u + tanh.offset[i]!;
      const e = Math.exp(-2 * Math.abs(a));
      const d = 1 + e;
      sum += (tanh.coefficient[i]! * tanh.slope[i]! * 4 * e) / (d * d);
    }
    for (let i = 0; i < nSech2; i++) {
      // d sech²(a)/da = −2·sech²(a)·tanh(a).
      const a = sech2.slope[i]! * u + sech2.offset[i]!;
      const e = Math.exp(-2 * Math.abs(a));
      const d = 1 + e;
      const t = (1 - e) / d;
      sum += sech2.coefficient[i]! * sech2.slope[i]! * -2 * ((4 * e) / (d * d)) * (a < 0 ? -t : t);
    }
    return inputScale * sum;
  };
}

/** df/dx at the reference temperature (no Arrhenius factor); 0 for constants. */
export function compileDerivativeOfOneVariable(f: ScalarFunction): (x: number) => number {
  if (typeof f === "number" || f.kind === "constant") return () => 0;
  if (f.kind === "table") return createInterpolantDerivative(f.x, f.y, f.interpolation, f.extrapolation);
  if (f.kind === "expression") return expressionAtFixedTemperature(f, true);
  return compileSeriesDerivative(f.terms, f.inputScale);
}

/** ∂f/∂x (x, T) = f'(x)·Arrhenius(T). */
export function compileDerivativeOfVariableAndTemperature(
  f: ScalarFunction,
): (x: number, temperature_K: number) => number {
  const factor = compileArrhenius(arrheniusOf(f));
  const withT = expressionOfTemperature(f, true);
  if (withT !== undefined) {
    return factor === undefined ? withT : (x: number, T: number) => withT(x, T) * factor(T);
  }
  const base = compileDerivativeOfOneVariable(f);
  if (factor === undefined) return (x: number) => base(x);
  return (x: number, temperature_K: number) => base(x) * factor(temperature_K);
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
  const factor = compileArrhenius(arrheniusOf(f));
  const withT = expressionOfTemperature(f, false);
  if (withT !== undefined) {
    return factor === undefined ? withT : (x: number, T: number) => withT(x, T) * factor(T);
  }
  const base = compileFunctionOfOneVariable(f);
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
