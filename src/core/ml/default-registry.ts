/** Every model family of core/ml in one registry (what `cellforge ml` and the library use by default). */
import { kernelModelEntries } from "./kernels/entries.js";
import { neuralModelEntries } from "./neural/entries.js";
import { classicModelEntries, createModelRegistry, type ModelRegistry } from "./registry.js";

/** A registry of the classic (linear, trees, boosting), kernel and neural model families. */
export function createDefaultModelRegistry(): ModelRegistry {
  return createModelRegistry(classicModelEntries, kernelModelEntries, neuralModelEntries);
}
