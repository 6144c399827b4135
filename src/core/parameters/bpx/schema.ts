/**
 * The BPX (Battery Parameter eXchange) document, checked with our own zod schema written from the
 * published standard (Faraday Institution BPX, https://github.com/FaradayInstitution/BPX, bpx_standard.pdf
 * and its pydantic models). Field names are BPX's own (units in square brackets). Both layouts are read:
 * the 0.x layout (initial/ambient temperature in "Cell", "Initial concentration [mol.m-3]" in
 * "Electrolyte") and the 1.0 layout (a "State" section with initial conditions and thermal state).
 * Single-material electrodes only: blended electrodes ("Particle") and hysteresis OCP branches are
 * reported as unsupported. Stricter than BPX where physics demands it (lengths > 0, porosity in (0, 1)).
 * See docs/parameters-bpx.md.
 */
import { z } from "zod";
import { ExpressionError, parseExpression } from "./expression.js";

const finite = z.number();
const positive = z.number().positive();
const nonNegative = z.number().min(0);
const fraction = z.number().gt(0).lt(1);

/** A BPX interpolation table {"x": [...], "y": [...]} (linear interpolation). */
export const bpxTableSchema = z
  .strictObject({ x: z.array(finite).min(2), y: z.array(finite).min(2) })
  .superRefine((t, context) => {
    if (t.x.length !== t.y.length) {
      context.addIssue({
        code: "custom",
        path: ["y"],
        message: `has ${t.y.length} values but x has ${t.x.length}`,
      });
      return;
    }
    for (let i = 1; i < t.x.length; i++) {
      if (!(t.x[i]! > t.x[i - 1]!)) {
        context.addIssue({
          code: "custom",
          path: ["x", i],
          message: `x must increase strictly (x[${i - 1}] = ${t.x[i - 1]})`,
        });
        return;
      }
    }
  });

/** A BPX expression string in x (and T); checked by our parser. */
export const bpxExpressionSchema = z.string().superRefine((text, context) => {
  try {
    parseExpression(text);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    context.addIssue({ code: "custom", message: `invalid expression: ${error.message}` });
  }
});

/** BPX "FloatFunctionTable": a number, an expression string or a table. */
export const bpxFunctionSchema = z.union([finite, bpxExpressionSchema, bpxTableSchema]);
export type BpxFunction = z.infer<typeof bpxFunctionSchema>;

export const bpxHeaderSchema = z.strictObject({
  /** BPX version: a number in 0.x files (0.1), a semantic-version string from 0.5 on ("1.0.0"). */
  BPX: z.union([nonNegative, z.string().regex(/^\d+\.\d+(?:\.\d+)?$/, "expected a version like 1.0.0")]),
  Title: z.string().optional(),
  Description: z.string().optional(),
  References: z.string().optional(),
  Model: z.enum(["SPM", "SPMe", "DFN", "Partial"]),
});

export const bpxCellSchema = z.strictObject({
  "Electrode area [m2]": positive,
  "External surface area [m2]": positive.optional(),
  "Volume [m3]": positive.optional(),
  "Number of electrode pairs connected in parallel to make a cell": z.number().int().positive(),
  "Lower voltage cut-off [V]": positive,
  "Upper voltage cut-off [V]": positive,
  "Nominal cell capacity [A.h]": positive,
  "Reference temperature [K]": positive.optional(),
  "Density [kg.m-3]": positive.optional(),
  "Specific heat capacity [J.K-1.kg-1]": positive.optional(),
  /** 0.x layout only. */
  "Thermal conductivity [W.m-1.K-1]": positive.optional(),
  "Initial temperature [K]": positive.optional(),
  "Ambient temperature [K]": positive.optional(),
});

export const bpxElectrolyteSchema = z.strictObject({
  /** 0.x layout only (1.0: State / Initial conditions / Initial electrolyte concentration). */
  "Initial concentration [mol.m-3]": positive.optional(),
  "Cation transference number": fraction,
  "Diffusivity [m2.s-1]": bpxFunctionSchema,
  "Diffusivity activation energy [J.mol-1]": finite.optional(),
  "Conductivity [S.m-1]": bpxFunctionSchema,
  "Conductivity activation energy [J.mol-1]": finite.optional(),
});

export const bpxElectrodeSchema = z.strictObject({
  "Thickness [m]": positive,
  Porosity: fraction,
  "Transport efficiency": z.number().gt(0).max(1),
  /** Effective electronic conductivity of the porous electrode. */
  "Conductivity [S.m-1]": positive,
  "Minimum stoichiometry": z.number().min(0).max(1),
  "Maximum stoichiometry": z.number().min(0).max(1),
  "Maximum concentration [mol.m-3]": positive,
  "Particle radius [m]": positive,
  "Surface area per unit volume [m-1]": positive,
  "Diffusivity [m2.s-1]": bpxFunctionSchema,
  "Diffusivity activation energy [J.mol-1]": finite.optional(),
  "OCP [V]": bpxFunctionSchema,
  "Entropic change coefficient [V.K-1]": bpxFunctionSchema.optional(),
  /** Normalised k: j0 = F·k·sqrt((c_e/c_e0)·(c_s/c_max)·(1 − c_s/c_max)), c_e0 the initial electrolyte concentration. */
  "Reaction rate constant [mol.m-2.s-1]": positive,
  "Reaction rate constant activation energy [J.mol-1]": finite.optional(),
});

export const bpxSeparatorSchema = z.strictObject({
  "Thickness [m]": positive,
  Porosity: z.number().gt(0).max(1),
  "Transport efficiency": z.number().gt(0).max(1),
});

/** "User-defined": numbers, expressions or tables (and a description); nested groups are allowed. */
const bpxUserValueSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([finite, bpxExpressionSchema, bpxTableSchema, z.record(z.string(), bpxUserValueSchema)]),
);
export const bpxUserDefinedSchema = z
  .object({ description: z.string().optional() })
  .catchall(bpxUserValueSchema);

export const bpxStateSchema = z.strictObject({
  "Initial conditions": z.object({
    "Initial state-of-charge": z.number().min(0).max(1),
    "Initial temperature [K]": positive,
    "Initial electrolyte concentration [mol.m-3]": positive,
    "Initial hysteresis state: Positive electrode": z.unknown().optional(),
    "Initial hysteresis state: Negative electrode": z.unknown().optional(),
  }),
  "Thermal state": z.strictObject({
    "Ambient temperature [K]": positive,
    "Heat transfer coefficient [W.m-2.K-1]": nonNegative,
  }),
  Degradation: z
    .strictObject({
      LLI: finite,
      "LAM: Positive electrode": z.unknown(),
      "LAM: Negative electrode": z.unknown(),
    })
    .optional(),
});

export const bpxExperimentSchema = z
  .strictObject({
    "Time [s]": z.array(finite),
    "Current [A]": z.array(finite),
    "Voltage [V]": z.array(finite),
    "Temperature [K]": z.array(finite).optional(),
  })
  .superRefine((e, context) => {
    const n = e["Time [s]"].length;
    for (const key of ["Current [A]", "Voltage [V]", "Temperature [K]"] as const) {
      const column = e[key];
      if (column !== undefined && column.length !== n) {
        context.addIssue({
          code: "custom",
          path: [key],
          message: `has ${column.length} values but Time [s] has ${n}`,
        });
      }
    }
  });

/** Electrodes are checked by hand first so blended ("Particle") electrodes get a clear message. */
const electrode = z.unknown().superRefine((value, context) => {
  if (typeof value === "object" && value !== null && "Particle" in value) {
    context.addIssue({
      code: "custom",
      path: ["Particle"],
      message: "blended electrodes (several active materials) are not supported by cellforge",
    });
    return;
  }
  const result = bpxElectrodeSchema.safeParse(value);
  if (!result.success) for (const issue of result.error.issues) context.addIssue({ ...issue } as never);
});

export const bpxDocumentSchema = z
  .strictObject({
    Header: bpxHeaderSchema,
    Parameterisation: z.strictObject({
      Cell: bpxCellSchema,
      Electrolyte: bpxElectrolyteSchema,
      "Negative electrode": electrode,
      "Positive electrode": electrode,
      Separator: bpxSeparatorSchema,
      "User-defined": bpxUserDefinedSchema.optional(),
    }),
    State: bpxStateSchema.optional(),
    Validation: z.record(z.string(), bpxExperimentSchema).optional(),
  })
  .superRefine((doc, context) => {
    for (const side of ["Negative electrode", "Positive electrode"] as const) {
      const e = doc.Parameterisation[side] as BpxElectrode;
      if (typeof e !== "object" || e === null) continue;
      if (e["Minimum stoichiometry"] >= e["Maximum stoichiometry"]) {
        context.addIssue({
          code: "custom",
          path: ["Parameterisation", side, "Minimum stoichiometry"],
          message: `must be below the maximum stoichiometry ${e["Maximum stoichiometry"]}`,
        });
      }
    }
    const cell = doc.Parameterisation.Cell;
    if (cell["Lower voltage cut-off [V]"] >= cell["Upper voltage cut-off [V]"]) {
      context.addIssue({
        code: "custom",
        path: ["Parameterisation", "Cell", "Lower voltage cut-off [V]"],
        message: `must be below the upper voltage cut-off ${cell["Upper voltage cut-off [V]"]} V`,
      });
    }
  });

export type BpxElectrode = z.infer<typeof bpxElectrodeSchema>;
export type BpxDocument = Omit<z.infer<typeof bpxDocumentSchema>, "Parameterisation"> & {
  Parameterisation: Omit<
    z.infer<typeof bpxDocumentSchema>["Parameterisation"],
    "Negative electrode" | "Positive electrode" | "User-defined"
  > & {
    "Negative electrode": BpxElectrode;
    "Positive electrode": BpxElectrode;
    "User-defined"?: Record<string, unknown>;
  };
};
