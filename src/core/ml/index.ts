/** core/ml public API: estimator contract, classic model families, selection, metrics, inspection. */
export { BaggingModel } from "./bagging.js";
export { MlInputError } from "./errors.js";
export type {
  Classifier,
  Estimator,
  FitOptions,
  Matrix,
  ModelEntry,
  ModelFactory,
  Regressor,
  SerializedModel,
} from "./estimator.js";
export { defaultFeatureNames, matrixFromRows } from "./estimator.js";
export {
  impurityImportances,
  type PartialDependenceResult,
  type PermutationImportanceResult,
  partialDependence,
  permutationImportance,
} from "./inspection.js";
export {
  ElasticNet,
  Lasso,
  LinearRegression,
  LogisticRegression,
  MultiOutputLinearRegression,
  PoissonRegression,
  Ridge,
} from "./linear.js";
export {
  type Averaging,
  accuracyScore,
  balancedAccuracyScore,
  type ClassificationScoreOptions,
  type ConfusionMatrixResult,
  confusionMatrix,
  f1Score,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  normalizedRootMeanSquaredError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucOvr,
  rocAucScore,
  rootMeanSquaredError,
  type ScorerName,
  scorers,
} from "./metrics.js";
export { Pipeline } from "./pipeline.js";
export {
  createTransformer,
  MinMaxScaler,
  OneHotEncoder,
  type SerializedTransformer,
  StandardScaler,
  type Transformer,
  transformerFromJSON,
} from "./preprocessing.js";
export { type ParticleSwarmOptions, type ParticleSwarmResult, particleSwarmMinimize } from "./pso.js";
export { classicModelEntries, createModelRegistry, type ModelInfo, type ModelRegistry } from "./registry.js";
export {
  type CrossValidateOptions,
  type CrossValidateResult,
  crossValidate,
  type Fold,
  gridSearch,
  type KFoldOptions,
  kFold,
  psoSearch,
  randomSearch,
  type SearchCandidate,
  type SearchOptions,
  type SearchRange,
  type SearchResult,
  stratifiedKFold,
  type TrainTestSplitOptions,
  type TrainTestSplitResult,
  trainTestSplit,
} from "./selection.js";
export { AdaBoostClassifier } from "./trees/adaboost.js";
export {
  type Criterion,
  growTree,
  prepareTreeData,
  type TreeArrays,
  type TreeGrowOptions,
  treeFeatureImportances,
} from "./trees/cart.js";
export {
  findBinThresholds,
  HistGradientBoostingClassifier,
  HistGradientBoostingRegressor,
} from "./trees/hist-gradient-boosting.js";
export {
  resolveMaxFeatures,
  TreeEnsembleClassifier,
  type TreeEnsembleKind,
  TreeEnsembleRegressor,
} from "./trees/tree-ensemble.js";
export { IsolationForest, KMeans, PCA, symmetricEigen } from "./unsupervised.js";
