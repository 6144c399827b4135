import { describe, expect, it } from "vitest";
import { loadDataset, maxRelativeDifference } from "../../../../test/helpers/ml-fixtures.js";
import { takeRows, takeValues } from "../data.js";
import { balancedAccuracyScore } from "../metrics.js";
import { AdaBoostClassifier } from "./adaboost.js";

describe("AdaBoost (SAMME) vs scikit-learn AdaBoostClassifier(algorithm='SAMME')", () => {
  for (const name of ["classification-binary", "classification-3class"]) {
    it(`probabilities equal sklearn's to 1e-8 (${name})`, () => {
      const d = loadDataset(name);
      const ref = d.results.adaboost!;
      const model = new AdaBoostClassifier().fit(d.xTrain, d.yTrain);
      expect(maxRelativeDifference(model.predictProba(d.xTest).data, ref.probabilities!.flat())).toBeLessThan(
        1e-8,
      );
      expect(Array.from(model.predict(d.xTest))).toEqual(ref.predictions);
    });
  }

  it("RUSBoost beats AdaBoost's balanced accuracy on a 1:10 imbalanced training set", () => {
    const d = loadDataset("classification-binary");
    const keep: number[] = [];
    let positives = 0;
    d.yTrain.forEach((v, i) => {
      if (v === 0) keep.push(i);
      else if (positives++ % 10 === 0) keep.push(i);
    });
    const X = takeRows(d.xTrain, keep);
    const y = takeValues(d.yTrain, keep);
    const ada = new AdaBoostClassifier("adaboost").fit(X, y);
    const rus = new AdaBoostClassifier("rusboost").fit(X, y, { seed: 2 });
    const balancedAda = balancedAccuracyScore(d.yTest, ada.predict(d.xTest));
    const balancedRus = balancedAccuracyScore(d.yTest, rus.predict(d.xTest));
    expect(balancedRus).toBeGreaterThan(balancedAda);
    const copy = AdaBoostClassifier.fromJSON(JSON.parse(JSON.stringify(rus.toJSON())));
    expect(copy.predictProba(d.xTest).data).toEqual(rus.predictProba(d.xTest).data);
  });
});
