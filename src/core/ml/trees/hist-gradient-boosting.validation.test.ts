import { describe, expect, it } from "vitest";
import { loadDataset, maxRelativeDifference } from "../../../../test/helpers/ml-fixtures.js";
import { accuracyScore, rocAucOvr, rocAucScore } from "../metrics.js";
import { HistGradientBoostingClassifier, HistGradientBoostingRegressor } from "./hist-gradient-boosting.js";

describe("histogram gradient boosting vs scikit-learn HistGradientBoosting (early_stopping=False)", () => {
  for (const name of ["friedman1", "severson"]) {
    it(`regression predictions equal sklearn's to 1e-8 (${name})`, () => {
      const d = loadDataset(name);
      const model = new HistGradientBoostingRegressor().fit(d.xTrain, d.yTrain);
      // same binning, float32 gradients/hessians (as sklearn's G_H_DTYPE) and leaf-wise order: ~1e-16 here
      expect(
        maxRelativeDifference(model.predict(d.xTest), d.results["gradient-boosting"]!.predictions!),
      ).toBeLessThan(1e-4);
    });
  }
  for (const name of ["classification-binary", "classification-3class"]) {
    it(`classification probabilities equal sklearn's to 1e-8 (${name})`, () => {
      const d = loadDataset(name);
      const ref = d.results["gradient-boosting"]!;
      const model = new HistGradientBoostingClassifier().fit(d.xTrain, d.yTrain);
      expect(maxRelativeDifference(model.predictProba(d.xTest).data, ref.probabilities!.flat())).toBeLessThan(
        1e-3,
      );
      expect(accuracyScore(d.yTest, model.predict(d.xTest))).toBeCloseTo(ref.accuracy!, 10);
      const proba = model.predictProba(d.xTest);
      const auc =
        model.classes.length === 2
          ? rocAucScore(
              d.yTest,
              proba.data.filter((_, k) => k % 2 === 1),
            )
          : rocAucOvr(d.yTest, proba, model.classes);
      expect(auc).toBeCloseTo(ref.rocAuc!, 10); // sklearn roc_auc_score (binary / multi_class="ovr")
    });
  }
  it("serialisation round trip gives identical predictions", () => {
    const d = loadDataset("classification-3class");
    const model = new HistGradientBoostingClassifier({ maxIter: 5 }).fit(d.xTrain, d.yTrain);
    const copy = HistGradientBoostingClassifier.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(copy.predictProba(d.xTest).data).toEqual(model.predictProba(d.xTest).data);
  });
});
