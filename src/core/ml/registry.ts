/**
 * Model registry: ids → model families, used by the CLI (`ml fit --model <id>`), composite models
 * (bagging, pipelines) and `fromJSON`. `classicModelEntries` are the linear, tree and boosting
 * families of core/ml; kernel and neural families add their own entry lists.
 */

import { BaggingModel } from "./bagging.js";
import { MlInputError } from "./errors.js";
import type { Classifier, ModelEntry, ModelFactory, Regressor, SerializedModel } from "./estimator.js";
import {
  ElasticNet,
  Lasso,
  LinearRegression,
  LogisticRegression,
  PoissonRegression,
  Ridge,
} from "./linear.js";
import { Pipeline } from "./pipeline.js";
import { AdaBoostClassifier } from "./trees/adaboost.js";
import {
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from "./trees/hist-gradient-boosting.js";
import {
  TreeEnsembleClassifier,
  type TreeEnsembleKind,
  TreeEnsembleRegressor,
} from "./trees/tree-ensemble.js";

type Task = "regression" | "classification";
type Model = Regressor | Classifier;

/** Multiple linear regression (the review's MLR): OLS under its own id. */
class MultipleLinearRegression extends LinearRegression {
  override readonly kind: string = "mlr";
}

function regressionOnly(
  id: string,
  description: string,
  make: (p: Record<string, unknown>) => Regressor & { restore(j: SerializedModel): Regressor },
): ModelEntry {
  return {
    id,
    tasks: ["regression"],
    description,
    create: (task, params) => {
      if (task !== "regression") throw new MlInputError(`${id} supports regression only, not ${task}`);
      return make(params);
    },
    fromJSON: (json) => make(json.hyperparameters).restore(json),
  };
}

function treeEntry(id: TreeEnsembleKind, description: string): ModelEntry {
  return {
    id,
    tasks: ["regression", "classification"],
    description,
    create: (task, params) =>
      task === "regression" ? new TreeEnsembleRegressor(id, params) : new TreeEnsembleClassifier(id, params),
    fromJSON: (json) =>
      (json.state as { classes?: unknown }).classes
        ? TreeEnsembleClassifier.fromJSON(json)
        : TreeEnsembleRegressor.fromJSON(json),
  };
}

function needFactory(factory: ModelFactory | undefined, id: string): ModelFactory {
  if (!factory) throw new MlInputError(`${id} builds member models: create it through a model registry`);
  return factory;
}

/** The linear, tree, boosting and composite model families of core/ml (ids as the CLI uses them). */
export const classicModelEntries: ModelEntry[] = [
  regressionOnly("linear-regression", "Ordinary least squares (QR)", (p) => new LinearRegression(p)),
  regressionOnly(
    "mlr",
    "Multiple linear regression (OLS; multi-output via MultiOutputLinearRegression)",
    (p) => new MultipleLinearRegression(p),
  ),
  regressionOnly("ridge", "Ridge regression, L2 penalty alpha (default 1)", (p) => new Ridge(p)),
  regressionOnly("lasso", "Lasso, L1 penalty alpha (default 1), coordinate descent", (p) => new Lasso(p)),
  regressionOnly(
    "elastic-net",
    "Elastic net, alpha 1, l1Ratio 0.5, coordinate descent",
    (p) => new ElasticNet(p),
  ),
  {
    id: "poisson-regression",
    tasks: ["regression"],
    description: "Poisson GLM with log link, L2 alpha 1 (counts, rates)",
    create: (task, params) => {
      if (task !== "regression")
        throw new MlInputError(`poisson-regression supports regression only, not ${task}`);
      return new PoissonRegression(params);
    },
    fromJSON: (json) => PoissonRegression.fromJSON(json),
  },
  {
    id: "logistic-regression",
    tasks: ["classification"],
    description: "Logistic regression (binary/multinomial), L2 with C 1, Newton solver",
    create: (task, params) => {
      if (task !== "classification")
        throw new MlInputError(`logistic-regression supports classification only, not ${task}`);
      return new LogisticRegression(params);
    },
    fromJSON: (json) => LogisticRegression.fromJSON(json),
  },
  treeEntry("decision-tree", "CART decision tree (squared error / gini / entropy)"),
  treeEntry(
    "random-forest",
    "Random forest: 100 bootstrapped CART trees, maxFeatures 1.0 (reg.) / sqrt (clf.)",
  ),
  treeEntry("extra-trees", "Extremely randomised trees: 100 trees with random thresholds"),
  {
    id: "gradient-boosting",
    tasks: ["regression", "classification"],
    description: "Histogram gradient boosting: 100 leaf-wise trees, 31 leaves, 255 bins",
    create: (task, params) =>
      task === "regression"
        ? new HistGradientBoostingRegressor(params)
        : new HistGradientBoostingClassifier(params),
    fromJSON: (json) =>
      (json.state as { classes?: unknown }).classes
        ? HistGradientBoostingClassifier.fromJSON(json)
        : HistGradientBoostingRegressor.fromJSON(json),
  },
  {
    id: "adaboost",
    tasks: ["classification"],
    description: "AdaBoost (SAMME) of 50 decision stumps",
    create: (task, params) => {
      if (task !== "classification")
        throw new MlInputError(`adaboost supports classification only, not ${task}`);
      return new AdaBoostClassifier("adaboost", params);
    },
    fromJSON: (json) => AdaBoostClassifier.fromJSON(json),
  },
  {
    id: "rusboost",
    tasks: ["classification"],
    description: "RUSBoost: AdaBoost with random under-sampling of majority classes (imbalanced QA)",
    create: (task, params) => {
      if (task !== "classification")
        throw new MlInputError(`rusboost supports classification only, not ${task}`);
      return new AdaBoostClassifier("rusboost", params);
    },
    fromJSON: (json) => AdaBoostClassifier.fromJSON(json),
  },
  {
    id: "bagging",
    tasks: ["regression", "classification"],
    description: "Bagging of any registry model (estimator id, estimatorParams), 10 bootstrap members",
    create: (task, params, factory) =>
      new BaggingModel(task, params, needFactory(factory, "bagging")) as unknown as Model,
    fromJSON: (json, factory) =>
      BaggingModel.fromJSON(json, needFactory(factory, "bagging")) as unknown as Model,
  },
  {
    id: "pipeline",
    tasks: ["regression", "classification"],
    description: "Transformers (standard-scaler, min-max-scaler, one-hot-encoder) then an estimator",
    create: (task, params, factory) =>
      new Pipeline(task, params, needFactory(factory, "pipeline")) as unknown as Model,
    fromJSON: (json, factory) =>
      Pipeline.fromJSON(json, needFactory(factory, "pipeline")) as unknown as Model,
  },
];

/** Summary of a registered model family. */
export interface ModelInfo {
  readonly id: string;
  readonly tasks: readonly Task[];
  readonly description: string;
}

/** A registry over one or more entry lists. */
export interface ModelRegistry extends ModelFactory {
  list(): ModelInfo[];
  has(id: string): boolean;
  /** Creates an unfitted model; `task` defaults to the entry's first task. */
  create(id: string, hyperparameters?: Record<string, unknown>, task?: Task): Model;
  /** Restores a fitted model from its JSON (`kind` selects the entry). */
  fromJSON(json: SerializedModel): Model;
}

/** Joins entry lists (later lists may not redefine an id) into a registry. */
export function createModelRegistry(...entryLists: readonly ModelEntry[][]): ModelRegistry {
  const entries = new Map<string, ModelEntry>();
  for (const list of entryLists) {
    for (const e of list) {
      if (entries.has(e.id)) throw new MlInputError(`model id ${e.id} is registered twice`);
      entries.set(e.id, e);
    }
  }
  const get = (id: string): ModelEntry => {
    const e = entries.get(id);
    if (!e)
      throw new MlInputError(`unknown model ${JSON.stringify(id)}; known: ${[...entries.keys()].join(", ")}`);
    return e;
  };
  const registry: ModelRegistry = {
    list: () => [...entries.values()].map((e) => ({ id: e.id, tasks: e.tasks, description: e.description })),
    has: (id) => entries.has(id),
    create: (id, hyperparameters = {}, task) => {
      const e = get(id);
      const t = task ?? e.tasks[0]!;
      if (!e.tasks.includes(t)) throw new MlInputError(`${id} supports ${e.tasks.join(" and ")}, not ${t}`);
      return e.create(t, hyperparameters, registry);
    },
    fromJSON: (json) => {
      if (!json || typeof json !== "object" || typeof json.kind !== "string") {
        throw new MlInputError("model JSON must be an object with a string kind");
      }
      return get(json.kind).fromJSON(json, registry);
    },
  };
  return registry;
}
