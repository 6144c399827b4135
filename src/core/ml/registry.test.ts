import { describe, expect, it } from "vitest";
import { loadDataset } from "../../../test/helpers/ml-fixtures.js";
import type { Classifier } from "./estimator.js";
import { accuracyScore, r2Score } from "./metrics.js";
import { classicModelEntries, createModelRegistry } from "./registry.js";

const registry = createModelRegistry(classicModelEntries);
const friedman = loadDataset("friedman1");
const binary = loadDataset("classification-binary");

const small: Record<string, Record<string, unknown>> = {
  "random-forest": { nEstimators: 10 },
  "extra-trees": { nEstimators: 10 },
  "gradient-boosting": { maxIter: 10 },
  adaboost: { nEstimators: 10 },
  rusboost: { nEstimators: 10 },
  bagging: { nEstimators: 5, estimator: "decision-tree", estimatorParams: { maxDepth: 5 } },
  pipeline: { steps: [{ kind: "standard-scaler" }], estimator: { id: "ridge", params: { alpha: 1 } } },
};

describe("model registry", () => {
  it("lists every classic id in kebab-case", () => {
    const ids = registry.list().map((m) => m.id);
    for (const id of [
      "linear-regression",
      "ridge",
      "lasso",
      "elastic-net",
      "logistic-regression",
      "decision-tree",
    ]) {
      expect(ids).toContain(id);
    }
    for (const id of [
      "random-forest",
      "extra-trees",
      "bagging",
      "adaboost",
      "rusboost",
      "gradient-boosting",
    ]) {
      expect(ids).toContain(id);
    }
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const entry of classicModelEntries) {
    for (const task of entry.tasks) {
      it(`${entry.id} (${task}) beats chance and survives a JSON round trip with identical predictions`, () => {
        const d = task === "regression" ? friedman : binary;
        let params = small[entry.id] ?? {};
        if (entry.id === "pipeline" && task === "classification") {
          params = { steps: [{ kind: "min-max-scaler" }], estimator: { id: "logistic-regression" } };
        }
        const model = registry.create(entry.id, params, task).fit(d.xTrain, d.yTrain, { seed: 1 });
        const json = JSON.parse(JSON.stringify(model.toJSON()));
        expect(json.kind).toBe(entry.id);
        expect(json.schemaVersion).toBe(1);
        const copy = registry.fromJSON(json);
        const pred = model.predict(d.xTest);
        expect(copy.predict(d.xTest)).toEqual(pred);
        if (task === "classification") {
          expect((copy as Classifier).predictProba(d.xTest).data).toEqual(
            (model as Classifier).predictProba(d.xTest).data,
          );
          expect(accuracyScore(d.yTest, pred)).toBeGreaterThan(0.55); // balanced binary set: chance is 0.5
        } else {
          // lasso / elastic net with the default alpha 1 shrink Friedman #1 to nearly the mean
          expect(r2Score(d.yTest, pred)).toBeGreaterThan(
            ["lasso", "elastic-net"].includes(entry.id) ? -0.05 : 0.3,
          );
        }
      });
    }
  }

  it("rejects unknown ids, wrong tasks and duplicate registrations clearly", () => {
    expect(() => registry.create("svm-typo")).toThrow(/unknown model "svm-typo"; known: /);
    expect(() => registry.create("ridge", {}, "classification")).toThrow(
      /ridge supports regression, not classification/,
    );
    expect(() => createModelRegistry(classicModelEntries, classicModelEntries)).toThrow(/registered twice/);
    expect(() => registry.fromJSON({ kind: "nope" } as never)).toThrow(/unknown model "nope"/);
  });
});
