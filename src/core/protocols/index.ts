/** Experiments: steps as data, the text language, step resolution and load profiles. */
import { z } from "zod";
import { type Experiment, experimentSchema } from "./experiment.js";
import { ExperimentSyntaxError, experimentStepForms } from "./parse-experiment.js";

export {
  type Experiment,
  type ExperimentStep,
  experimentSchema,
  experimentStepSchema,
  flattenExperiment,
  isRepeatBlock,
  type LoadProfileData,
  type RepeatBlock,
  type StepCondition,
} from "./experiment.js";
export { formatExperiment, formatStep } from "./format-experiment.js";
export {
  type LoadProfile,
  LoadProfileError,
  loadProfileData,
  parseCurrentProfileCsv,
  parseLoadProfileCsv,
} from "./load-profile.js";
export {
  ExperimentSyntaxError,
  experimentStepForms,
  type ParseExperimentOptions,
  parseExperiment,
  parseStep,
} from "./parse-experiment.js";
export {
  ExperimentStepError,
  type ResolvedStep,
  resolveStep,
  type StepCell,
  type StepTermination,
} from "./resolve-step.js";

/** Validates an experiment given as JSON (kind "cellforge.experiment"); errors name the field path. */
export function parseExperimentJson(json: unknown): Experiment {
  const result = experimentSchema.safeParse(json);
  if (!result.success) {
    throw new ExperimentSyntaxError(
      `invalid experiment JSON: ${z.prettifyError(result.error)}`,
      0,
      experimentStepForms,
    );
  }
  return result.data as Experiment;
}
