/** Registry entries of the kernel methods: ids `svm`, `svr`, `lssvm`, `gaussian-process`. */
import type { ModelEntry, SerializedModel } from "../estimator.js";
import { GaussianProcessRegressor } from "./gaussian-process.js";
import { LssvmClassifier, LssvmRegressor } from "./least-squares-svm.js";
import { SupportVectorClassifier, SupportVectorRegressor } from "./support-vector-machine.js";

function onlyTask(id: string, wanted: string, task: string): void {
  if (task !== wanted) throw new RangeError(`model ${id} supports only ${wanted}, got task "${task}"`);
}

export const kernelModelEntries: ModelEntry[] = [
  {
    id: "svm",
    tasks: ["classification"],
    description: "C-support-vector classifier (SMO/WSS2 as libsvm, rbf/linear/poly kernels, one-vs-one)",
    create: (task, hp) => {
      onlyTask("svm", "classification", task);
      return new SupportVectorClassifier(hp);
    },
    fromJSON: (json) => SupportVectorClassifier.fromJSON(json),
  },
  {
    id: "svr",
    tasks: ["regression"],
    description: "epsilon-support-vector regression (SMO/WSS2 as libsvm)",
    create: (task, hp) => {
      onlyTask("svr", "regression", task);
      return new SupportVectorRegressor(hp);
    },
    fromJSON: (json) => SupportVectorRegressor.fromJSON(json),
  },
  {
    id: "lssvm",
    tasks: ["regression", "classification"],
    description: "Least-squares SVM (one linear solve; one-vs-rest for classes)",
    create: (task, hp) => (task === "classification" ? new LssvmClassifier(hp) : new LssvmRegressor(hp)),
    fromJSON: (json: SerializedModel) =>
      (json.state as { task?: string } | null)?.task === "classification"
        ? LssvmClassifier.fromJSON(json)
        : LssvmRegressor.fromJSON(json),
  },
  {
    id: "gaussian-process",
    tasks: ["regression"],
    description: "Gaussian-process regression (constant*RBF + white kernel, max log marginal likelihood)",
    create: (task, hp) => {
      onlyTask("gaussian-process", "regression", task);
      return new GaussianProcessRegressor(hp);
    },
    fromJSON: (json) => GaussianProcessRegressor.fromJSON(json),
  },
];
