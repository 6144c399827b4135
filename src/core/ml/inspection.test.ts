import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/helpers/ml-fixtures.js";
import { impurityImportances, partialDependence, permutationImportance } from "./inspection.js";
import { LinearRegression } from "./linear.js";
import { TreeEnsembleRegressor } from "./trees/tree-ensemble.js";

const d = loadDataset("friedman1");

describe("inspection", () => {
  it("permutation and impurity importances rank Friedman #1's informative features (x0–x4) above its noise (x5–x9)", () => {
    const forest = new TreeEnsembleRegressor("random-forest", { nEstimators: 30 }).fit(d.xTrain, d.yTrain, {
      seed: 1,
    });
    const perm = permutationImportance(forest, d.xTest, d.yTest, { repeats: 3, seed: 2 });
    const gini = impurityImportances(forest);
    for (const imp of [perm.mean, gini]) {
      const informative = Math.min(...Array.from(imp.subarray(0, 5)).filter((_, j) => j !== 2));
      expect(Math.max(...imp.subarray(5))).toBeLessThan(informative);
    }
    expect(Array.from(gini).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("partial dependence of a linear model is a line with the coefficient as slope", () => {
    const ols = new LinearRegression().fit(d.xTrain, d.yTrain);
    const pd = partialDependence(ols, d.xTrain, 3, { gridResolution: 20 });
    expect(pd.grid).toHaveLength(20);
    for (let k = 1; k < pd.grid.length; k++) {
      const slope = (pd.average[k]! - pd.average[k - 1]!) / (pd.grid[k]! - pd.grid[k - 1]!);
      expect(slope).toBeCloseTo(ols.coefficients[3]!, 8);
    }
    expect(() => partialDependence(ols, d.xTrain, 10)).toThrow(/feature 10 is not a column index/);
  });
});
