/**
 * The lithium-ion cell parameter set as data: kind "cellforge.parameter-set", schemaVersion 1.
 * Units are in every field name (SI); function-valued parameters follow ./functions.ts. Field meanings
 * and the mapping to PyBaMM's parameter names are in docs/parameters.md.
 */
import { z } from "zod";
import { exchangeCurrentSchema, scalarFunctionSchema } from "./functions.js";

const positive = z.number().positive();
const nonNegative = z.number().min(0);
const openFraction = z.number().gt(0).lt(1);

const thermalFields = {
  density_kg_per_m3: positive,
  specificHeatCapacity_J_per_kg_K: positive,
  thermalConductivity_W_per_m_K: positive,
};

export const currentCollectorSchema = z.strictObject({
  thickness_m: positive,
  conductivity_S_per_m: positive,
  ...thermalFields,
});

export const electrodeSchema = z.strictObject({
  /** Active material, e.g. "graphite", "NMC811", "LiCoO2". */
  material: z.string().min(1),
  thickness_m: positive,
  particleRadius_m: positive,
  /** Electrolyte volume fraction. */
  porosity: openFraction,
  activeMaterialVolumeFraction: z.number().gt(0).max(1),
  bruggemanElectrolyte: nonNegative.default(1.5),
  bruggemanElectrode: nonNegative.default(0),
  /** Solid-phase electronic conductivity. */
  conductivity_S_per_m: positive,
  maximumConcentration_mol_per_m3: positive,
  initialConcentration_mol_per_m3: nonNegative,
  chargeTransferCoefficient: openFraction.default(0.5),
  doubleLayerCapacity_F_per_m2: positive.optional(),
  ...thermalFields,
  /** OCP vs stoichiometry at the reference temperature. */
  openCircuitPotential_V: scalarFunctionSchema,
  /** dU/dT vs stoichiometry; absent means zero. */
  entropicChange_V_per_K: scalarFunctionSchema.optional(),
  /** Solid diffusivity vs stoichiometry (Arrhenius in T). */
  particleDiffusivity_m2_per_s: scalarFunctionSchema,
  exchangeCurrentDensity_A_per_m2: exchangeCurrentSchema,
});

export const separatorSchema = z.strictObject({
  material: z.string().min(1).optional(),
  thickness_m: positive,
  porosity: z.number().gt(0).max(1),
  bruggemanElectrolyte: nonNegative.default(1.5),
  ...thermalFields,
});

export const electrolyteSchema = z.strictObject({
  /** e.g. "LiPF6 in EC:EMC (3:7)". */
  material: z.string().min(1).optional(),
  initialConcentration_mol_per_m3: positive,
  cationTransferenceNumber: openFraction,
  /** 1 + dln f±/dln c_e; absent means 1 (ideal solution). */
  thermodynamicFactor: positive.optional(),
  /** Functions of the electrolyte concentration (mol/m3), Arrhenius in T. */
  diffusivity_m2_per_s: scalarFunctionSchema,
  conductivity_S_per_m: scalarFunctionSchema,
});

export const cellSchema = z.strictObject({
  /** Free-text cell description, e.g. "LG M50 21700". */
  description: z.string().optional(),
  electrodeHeight_m: positive,
  electrodeWidth_m: positive,
  electrodesInParallel: z.number().int().positive().default(1),
  nominalCapacity_Ah: positive,
  lowerVoltageCutoff_V: positive,
  upperVoltageCutoff_V: positive,
  /** OCV that defines 0 % / 100 % SOC (PyBaMM's "Open-circuit voltage at 0% SOC"); default: the cut-offs. */
  openCircuitVoltageAt0Soc_V: positive.optional(),
  openCircuitVoltageAt100Soc_V: positive.optional(),
  contactResistance_Ohm: nonNegative.default(0),
});

export const thermalSchema = z.strictObject({
  /** Total (lumped) heat-transfer coefficient to ambient. */
  heatTransferCoefficient_W_per_m2_K: nonNegative,
  cellVolume_m3: positive,
  coolingSurfaceArea_m2: positive,
});

export const temperaturesSchema = z.strictObject({
  reference_K: positive,
  ambient_K: positive,
  initial_K: positive,
});

export const sourceSchema = z.strictObject({
  /** Citation keys of the set's main references (keys of `citations`). */
  primary: z.array(z.string()),
  /** key → formatted reference. */
  citations: z.record(z.string(), z.string()),
  /** Where the numbers were taken from (e.g. "PyBaMM 26.6.2.0 parameter set Chen2020"). */
  derivedFrom: z.string().optional(),
  license: z.string().optional(),
  notes: z.string().optional(),
});

export const parameterSetSchema = z
  .strictObject({
    kind: z.literal("cellforge.parameter-set"),
    schemaVersion: z.literal(1),
    name: z.string().min(1),
    description: z.string().default(""),
    chemistry: z.literal("lithium-ion").default("lithium-ion"),
    source: sourceSchema.optional(),
    cell: cellSchema,
    temperatures: temperaturesSchema,
    negativeCurrentCollector: currentCollectorSchema,
    negative: electrodeSchema,
    separator: separatorSchema,
    positive: electrodeSchema,
    positiveCurrentCollector: currentCollectorSchema,
    electrolyte: electrolyteSchema,
    thermal: thermalSchema,
  })
  .superRefine((set, context) => {
    for (const side of ["negative", "positive"] as const) {
      const e = set[side];
      if (e.porosity + e.activeMaterialVolumeFraction > 1 + 1e-12) {
        context.addIssue({
          code: "custom",
          path: [side, "activeMaterialVolumeFraction"],
          input: e.activeMaterialVolumeFraction,
          message: `porosity (${e.porosity}) + active material volume fraction must not exceed 1`,
        });
      }
      if (e.initialConcentration_mol_per_m3 > e.maximumConcentration_mol_per_m3) {
        context.addIssue({
          code: "custom",
          path: [side, "initialConcentration_mol_per_m3"],
          input: e.initialConcentration_mol_per_m3,
          message: `exceeds the maximum concentration ${e.maximumConcentration_mol_per_m3} mol/m3`,
        });
      }
      const ocp = e.openCircuitPotential_V;
      if (typeof ocp === "object" && ocp.kind === "table") {
        // An OCP falls as the electrode fills with lithium; measured tables carry a few mV of noise
        // (O'Kane 2022 graphite: 4.4 mV), so only rises above 10 mV or an overall rise are errors.
        const y = ocp.y as number[];
        for (let i = 1; i < y.length; i++) {
          const rise = y[i]! - y[i - 1]!;
          if (rise > 0.01 || (i === y.length - 1 && y[i]! >= y[0]!)) {
            const detail =
              rise > 0.01
                ? `rises by ${rise.toPrecision(3)} V after y[${i - 1}] = ${y[i - 1]} V`
                : `ends at or above its first value ${y[0]} V`;
            context.addIssue({
              code: "custom",
              path: [side, "openCircuitPotential_V", "y", i],
              input: y[i],
              message: `OCP table must fall with stoichiometry: it ${detail} (rises up to 0.01 V of noise are allowed)`,
            });
            break;
          }
        }
      }
    }
    if (set.cell.lowerVoltageCutoff_V >= set.cell.upperVoltageCutoff_V) {
      context.addIssue({
        code: "custom",
        path: ["cell", "lowerVoltageCutoff_V"],
        input: set.cell.lowerVoltageCutoff_V,
        message: `must be below the upper voltage cut-off ${set.cell.upperVoltageCutoff_V} V`,
      });
    }
  });

/** A validated lithium-ion cell parameter set (defaults filled in). */
export type ParameterSet = z.infer<typeof parameterSetSchema>;
/** A parameter set as written in JSON (defaults may be omitted). */
export type ParameterSetInput = z.input<typeof parameterSetSchema>;
export type ElectrodeParameters = z.infer<typeof electrodeSchema>;
