import { describe, expect, it } from "vitest";
import { maxRelativeDifference, readMlFixture } from "../../../test/helpers/ml-fixtures.js";
import { matrixFromRows } from "./estimator.js";
import { IsolationForest, KMeans, PCA } from "./unsupervised.js";

const t = readMlFixture<{
  x: number[][];
  pca: {
    components: number[][];
    explainedVariance: number[];
    explainedVarianceRatio: number[];
    transformed: number[][];
  };
  kmeans: { inertia: number };
  isolationForest: { scoreSamples: number[] };
}>("transforms.json");
const X = matrixFromRows(t.x);

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]! / n;
    mb += b[i]! / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe("unsupervised models vs scikit-learn", () => {
  it("PCA components, variances and scores equal sklearn's to 1e-8 (same sign convention)", () => {
    const pca = new PCA({ components: 3 }).fit(X);
    expect(maxRelativeDifference(pca.componentVectors, t.pca.components.flat())).toBeLessThan(1e-8);
    expect(maxRelativeDifference(pca.explainedVariance, t.pca.explainedVariance)).toBeLessThan(1e-10);
    expect(maxRelativeDifference(pca.explainedVarianceRatio, t.pca.explainedVarianceRatio)).toBeLessThan(
      1e-10,
    );
    expect(maxRelativeDifference(pca.transform(X).data, t.pca.transformed.flat())).toBeLessThan(1e-8);
    expect(PCA.fromJSON(JSON.parse(JSON.stringify(pca.toJSON()))).transform(X).data).toEqual(
      pca.transform(X).data,
    );
  });

  it("k-means++ reaches sklearn's inertia (3 clusters, nInit 10) within 1 %", () => {
    const km = new KMeans({ clusters: 3 }).fit(X, { seed: 0 });
    expect(km.inertia).toBeLessThan(1.01 * t.kmeans.inertia);
    expect(Array.from(KMeans.fromJSON(JSON.parse(JSON.stringify(km.toJSON()))).predict(X))).toEqual(
      Array.from(km.labels),
    );
  });

  it("isolation-forest scores correlate with sklearn's (r > 0.8; both are 100-tree Monte Carlo estimates) and flag a planted outlier", () => {
    const iso = new IsolationForest().fit(X, { seed: 1 });
    const s = iso.scoreSamples(X);
    expect(pearson(s, t.isolationForest.scoreSamples)).toBeGreaterThan(0.8);
    const outlier = matrixFromRows([[5, 5, 5, 5, 5]]);
    expect(iso.scoreSamples(outlier)[0]!).toBeLessThan(Math.min(...s));
    expect(iso.predict(outlier)[0]).toBe(-1);
    expect(IsolationForest.fromJSON(JSON.parse(JSON.stringify(iso.toJSON()))).scoreSamples(X)).toEqual(s);
  });
});
