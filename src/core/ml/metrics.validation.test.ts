import { describe, expect, it } from "vitest";
import { readMlFixture } from "../../../test/helpers/ml-fixtures.js";
import {
  accuracyScore,
  balancedAccuracyScore,
  confusionMatrix,
  f1Score,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  normalizedRootMeanSquaredError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
} from "./metrics.js";

interface MetricsFixture {
  multiclass: Record<string, number> & { yTrue: number[]; yPred: number[]; confusion: number[][] };
  binary: Record<string, number> & { yTrue: number[]; yPred: number[]; scores: number[] };
  regression: Record<string, number> & { yTrue: number[]; yPred: number[] };
}

const f = readMlFixture<MetricsFixture>("metrics.json");

describe("metrics vs sklearn.metrics", () => {
  it("regression metrics", () => {
    const { yTrue, yPred } = f.regression;
    expect(rootMeanSquaredError(yTrue, yPred)).toBeCloseTo(f.regression.rmse!, 12);
    expect(meanAbsoluteError(yTrue, yPred)).toBeCloseTo(f.regression.mae!, 12);
    expect(meanAbsolutePercentageError(yTrue, yPred)).toBeCloseTo(f.regression.mape!, 12);
    expect(r2Score(yTrue, yPred)).toBeCloseTo(f.regression.r2!, 12);
    const range = Math.max(...yTrue) - Math.min(...yTrue);
    expect(normalizedRootMeanSquaredError(yTrue, yPred)).toBeCloseTo(f.regression.rmse! / range, 12);
  });

  it("multiclass metrics and confusion matrix", () => {
    const { yTrue, yPred } = f.multiclass;
    expect(accuracyScore(yTrue, yPred)).toBeCloseTo(f.multiclass.accuracy!, 12);
    expect(balancedAccuracyScore(yTrue, yPred)).toBeCloseTo(f.multiclass.balancedAccuracy!, 12);
    expect(precisionScore(yTrue, yPred, { average: "macro" })).toBeCloseTo(f.multiclass.precisionMacro!, 12);
    expect(recallScore(yTrue, yPred, { average: "macro" })).toBeCloseTo(f.multiclass.recallMacro!, 12);
    expect(f1Score(yTrue, yPred)).toBeCloseTo(f.multiclass.f1Macro!, 12);
    expect(confusionMatrix(yTrue, yPred).matrix).toEqual(f.multiclass.confusion);
  });

  it("binary metrics and ROC-AUC with tied scores", () => {
    const { yTrue, yPred, scores } = f.binary;
    expect(rocAucScore(yTrue, scores)).toBeCloseTo(f.binary.rocAuc!, 12);
    expect(precisionScore(yTrue, yPred)).toBeCloseTo(f.binary.precision!, 12);
    expect(recallScore(yTrue, yPred)).toBeCloseTo(f.binary.recall!, 12);
    expect(f1Score(yTrue, yPred)).toBeCloseTo(f.binary.f1!, 12);
  });

  it("rejects mismatched lengths and single-class AUC", () => {
    expect(() => rootMeanSquaredError([1, 2], [1])).toThrow(/yTrue has 2 values but yPred has 1/);
    expect(() => rocAucScore([1, 1], [0.2, 0.3])).toThrow(/both the positive and another class/);
  });
});
