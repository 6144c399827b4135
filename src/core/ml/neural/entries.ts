/** Registry entries of the neural model families: ids `mlp`, `rbf-network`, `cnn`, `lstm`, `cnn-lstm`. */
import type { ModelEntry, SerializedModel } from "../estimator.js";
import type { NeuralKind } from "./architectures.js";
import { NeuralNetworkClassifier, NeuralNetworkRegressor } from "./neural-network-model.js";
import { RbfNetworkClassifier, RbfNetworkRegressor } from "./rbf-network.js";

function isClassification(json: SerializedModel): boolean {
  return (json.state as { task?: string } | null)?.task === "classification";
}

function networkEntry(id: NeuralKind, description: string): ModelEntry {
  return {
    id,
    tasks: ["regression", "classification"],
    description,
    create: (task, hp) =>
      task === "classification" ? new NeuralNetworkClassifier(id, hp) : new NeuralNetworkRegressor(id, hp),
    fromJSON: (json) =>
      isClassification(json) ? NeuralNetworkClassifier.fromJSON(json) : NeuralNetworkRegressor.fromJSON(json),
  };
}

export const neuralModelEntries: ModelEntry[] = [
  networkEntry(
    "mlp",
    "Multilayer perceptron (FNN), Adam, mini-batches, early stopping; scikit-learn MLP defaults",
  ),
  {
    id: "rbf-network",
    tasks: ["regression", "classification"],
    description: "RBF network: Gaussian hidden layer on k-means centres, least-squares linear output",
    create: (task, hp) =>
      task === "classification" ? new RbfNetworkClassifier(hp) : new RbfNetworkRegressor(hp),
    fromJSON: (json) =>
      isClassification(json) ? RbfNetworkClassifier.fromJSON(json) : RbfNetworkRegressor.fromJSON(json),
  },
  networkEntry(
    "cnn",
    "1-D/2-D convolutional network (conv, max-pool, dense); rows are flattened sequences/images",
  ),
  networkEntry("lstm", "LSTM on rows read as sequences (sequenceLength × channels), BPTT, dense output"),
  networkEntry(
    "cnn-lstm",
    "1-D convolution + pooling feeding an LSTM, for sequences (sequenceLength × channels)",
  ),
];
