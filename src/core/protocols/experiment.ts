/**
 * Experiments as data: kind "cellforge.experiment", schemaVersion 1. A step imposes a current (A or
 * C-rate), a power, a voltage (hold), rest, or a time-varying load profile, for an optional duration and
 * until any of a list of conditions; blocks of steps may be repeated. Magnitudes are positive; the
 * direction (discharge/charge) gives the sign. The text form is in ./parse-experiment.ts and
 * docs/experiments.md.
 */
import { z } from "zod";

const positive = z.number().positive();

/** A load profile, t measured from its first sample; positive current/power = discharge. */
export const loadProfileSchema = z.union([
  z.strictObject({ time_s: z.array(z.number()).min(2), current_A: z.array(z.number()).min(2) }),
  z.strictObject({ time_s: z.array(z.number()).min(2), power_W: z.array(z.number()).min(2) }),
]);
export type LoadProfileData = z.infer<typeof loadProfileSchema>;

export const stepConditionSchema = z.union([
  z.strictObject({ kind: z.literal("voltage"), voltage_V: positive }),
  z.strictObject({ kind: z.literal("current"), current_A: positive }),
  z.strictObject({ kind: z.literal("current"), cRate: positive }),
  z.strictObject({ kind: z.literal("soc"), stateOfCharge_percent: z.number().min(0).max(100) }),
]);
/** "until …": voltage reached, |current| fallen below a value, or state of charge reached. */
export type StepCondition = z.infer<typeof stepConditionSchema>;

const common = {
  /** Maximum duration of the step; absent = until a condition or a voltage cut-off. */
  duration_s: positive.optional(),
  until: z.array(stepConditionSchema).optional(),
};
const direction = z.enum(["discharge", "charge"]);

export const experimentStepSchema = z.union([
  z.strictObject({ kind: z.literal("current"), direction, cRate: positive, ...common }),
  z.strictObject({ kind: z.literal("current"), direction, current_A: positive, ...common }),
  z.strictObject({ kind: z.literal("power"), direction, power_W: positive, ...common }),
  z.strictObject({ kind: z.literal("voltage-hold"), voltage_V: positive, ...common }),
  z.strictObject({ kind: z.literal("rest"), ...common }),
  z.strictObject({
    kind: z.literal("profile"),
    quantity: z.enum(["current", "power"]),
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/),
    profile: loadProfileSchema,
    ...common,
  }),
]);
export type ExperimentStep = z.infer<typeof experimentStepSchema>;

export const repeatBlockSchema = z.strictObject({
  repeat: z.number().int().min(1),
  steps: z.array(experimentStepSchema).min(1),
});
export type RepeatBlock = z.infer<typeof repeatBlockSchema>;

export const experimentSchema = z.strictObject({
  kind: z.literal("cellforge.experiment"),
  schemaVersion: z.literal(1),
  steps: z.array(z.union([experimentStepSchema, repeatBlockSchema])).min(1),
});
export interface Experiment {
  kind: "cellforge.experiment";
  schemaVersion: 1;
  steps: (ExperimentStep | RepeatBlock)[];
}

/** True for a repeated block of steps. */
export function isRepeatBlock(item: ExperimentStep | RepeatBlock): item is RepeatBlock {
  return "repeat" in item;
}

/** The steps in execution order, repeats expanded (steps are shared, not copied). */
export function flattenExperiment(e: Experiment): ExperimentStep[] {
  const out: ExperimentStep[] = [];
  for (const item of e.steps) {
    if (isRepeatBlock(item)) {
      for (let k = 0; k < item.repeat; k++) out.push(...item.steps);
    } else {
      out.push(item);
    }
  }
  return out;
}
