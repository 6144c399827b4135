import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadDataset } from "../../test/helpers/ml-fixtures.js";
import { createDefaultModelRegistry } from "../core/ml/default-registry.js";
import { parseNumericCsv } from "../io/csv.js";
import { registerMlCommand } from "./ml.js";
import { CliInputError } from "./options.js";

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerMlCommand(
    program,
    args.some((a) => a === "cnn" || a.endsWith("cnn.json")) ? createDefaultModelRegistry() : undefined,
  );
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await program.parseAsync(["node", "cellforge", ...args]);
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());
const dir = mkdtempSync(join(tmpdir(), "cellforge-ml-"));

describe("cellforge ml", () => {
  it("models lists the kebab-case ids", async () => {
    const out = await run("ml", "models");
    expect(out).toMatch(/^random-forest +regression\+classification/m);
    expect(out).toMatch(/^rusboost +classification/m);
  });

  it("fit then predict reproduces scikit-learn's ridge predictions on Friedman #1", async () => {
    const model = join(dir, "ridge.json");
    await run(
      "ml",
      "fit",
      "--model",
      "ridge",
      "--data",
      "fixtures/ml/friedman1-train.csv",
      "--target",
      "y",
      "--param",
      "alpha=1",
      "--out",
      model,
    );
    expect(JSON.parse(readFileSync(model, "utf8")).kind).toBe("ridge");
    const csv = parseNumericCsv(
      await run("ml", "predict", "--model", model, "--data", "fixtures/ml/friedman1-test.csv"),
    );
    expect(csv.columns.at(-1)).toBe("y_predicted");
    expect(csv.matrix.rows).toBe(100);
    const ref = loadDataset("friedman1").results.ridge!.predictions!;
    for (let i = 0; i < 100; i++) expect(csv.matrix.data[i * csv.matrix.cols + 11]!).toBeCloseTo(ref[i]!, 10);
  });

  it("evaluate infers classification for integer labels and prints CV metrics as JSON", async () => {
    const out = JSON.parse(
      await run(
        "ml",
        "evaluate",
        "--model",
        "decision-tree",
        "--data",
        "fixtures/ml/classification-binary-train.csv",
        "--target",
        "label",
        "--param",
        "maxDepth=3",
        "--folds",
        "3",
        "--json",
      ),
    );
    expect(out.task).toBe("classification");
    expect(out.metrics.accuracy.folds).toHaveLength(3);
    expect(out.metrics.accuracy.mean).toBeGreaterThan(0.6);
  });

  it("evaluate reports regression CV metrics including NRMSE and MAPE", async () => {
    const out = JSON.parse(
      await run(
        "ml",
        "evaluate",
        "--model",
        "ridge",
        "--data",
        "fixtures/ml/friedman1-train.csv",
        "--target",
        "y",
        "--folds",
        "4",
        "--json",
      ),
    );
    expect(out.task).toBe("regression");
    expect(Object.keys(out.metrics)).toEqual(["r2", "rmse", "mae", "nrmse", "mape"]);
    expect(out.metrics.rmse.mean).toBeGreaterThan(0);
    expect(out.metrics.nrmse.mean).toBeLessThan(out.metrics.rmse.mean); // range of y ≫ 1 on Friedman #1
  });

  it("bad input gives one-line CliInputErrors naming the flag, column or cell", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "a,b,y\n1,2,3\n4,x,6\n");
    await expect(
      run("ml", "fit", "--model", "ridge", "--data", bad, "--target", "y", "--out", join(dir, "m.json")),
    ).rejects.toThrow(/line 3, column "b": "x" is not a finite number/);
    await expect(
      run(
        "ml",
        "fit",
        "--model",
        "ridge",
        "--data",
        "fixtures/ml/friedman1-train.csv",
        "--target",
        "y",
        "--param",
        "alpah=1",
        "--out",
        join(dir, "m.json"),
      ),
    ).rejects.toThrow(CliInputError);
    await expect(
      run(
        "ml",
        "fit",
        "--model",
        "nope",
        "--data",
        "fixtures/ml/friedman1-train.csv",
        "--target",
        "y",
        "--out",
        join(dir, "m.json"),
      ),
    ).rejects.toThrow(/--model nope: unknown model/);
    await expect(run("ml", "predict", "--model", join(dir, "missing.json"), "--data", bad)).rejects.toThrow(
      /file not found/,
    );
  });
});

describe("cellforge ml: text class labels and continuous targets", () => {
  const numeric = readFileSync("fixtures/ml/classification-binary-train.csv", "utf8").trim().split(/\r?\n/);
  // The same data with the 0/1 labels written as text ("bad" < "good" keeps the class order).
  const textPath = join(dir, "text-labels.csv");
  writeFileSync(
    textPath,
    `${[numeric[0], ...numeric.slice(1).map((l) => l.replace(/,1\.0$/, ",good").replace(/,0\.0$/, ",bad"))].join("\n")}\n`,
  );

  it("fits text labels and predicts the original labels, matching the numeric-label model", async () => {
    const numModel = join(dir, "rf-num.json");
    const textModel = join(dir, "rf-text.json");
    const common = ["--model", "random-forest", "--target", "label", "--param", "nEstimators=10"];
    await run(
      "ml",
      "fit",
      ...common,
      "--data",
      "fixtures/ml/classification-binary-train.csv",
      "--out",
      numModel,
    );
    await run("ml", "fit", ...common, "--data", textPath, "--out", textModel);
    expect(JSON.parse(readFileSync(textModel, "utf8")).targetLabels).toEqual(["bad", "good"]);
    const numOut = (await run("ml", "predict", "--model", numModel, "--data", textPath, "--proba"))
      .trim()
      .split("\n");
    const textOut = (await run("ml", "predict", "--model", textModel, "--data", textPath, "--proba"))
      .trim()
      .split("\n");
    expect(textOut[0]!.split(",").slice(-3)).toEqual([
      "probability_bad",
      "probability_good",
      "label_predicted",
    ]);
    expect(numOut.length).toBe(numeric.length);
    let agree = 0;
    for (let i = 1; i < numOut.length; i++) {
      const n = numOut[i]!.split(",");
      const t = textOut[i]!.split(",");
      expect(t.at(-1)).toBe(n.at(-1) === "1" ? "good" : "bad");
      expect(t.slice(-3, -1)).toEqual(n.slice(-3, -1)); // identical probabilities
      if (t.at(-1) === t.at(-4)) agree++; // prediction vs the true text label in the input
    }
    expect(agree / (numOut.length - 1)).toBeGreaterThan(0.9); // training accuracy of a forest
  });

  it("a text value in a feature column is still an error naming line and column", async () => {
    const bad = join(dir, "text-feature.csv");
    writeFileSync(bad, "a,b,label\n1,2,good\n4,oops,bad\n");
    await expect(
      run(
        "ml",
        "fit",
        "--model",
        "decision-tree",
        "--data",
        bad,
        "--target",
        "label",
        "--out",
        join(dir, "m.json"),
      ),
    ).rejects.toThrow(/line 3, column "b": "oops" is not a finite number/);
    await expect(
      run(
        "ml",
        "fit",
        "--model",
        "ridge",
        "--data",
        textPath,
        "--target",
        "label",
        "--out",
        join(dir, "m.json"),
      ),
    ).rejects.toThrow(/holds text labels .* choose a classifier/);
  });

  it("classifiers reject a continuous target with a hint to use a regressor", async () => {
    const fitY = (model: string, data: string, ...more: string[]) =>
      run(
        "ml",
        "fit",
        "--model",
        model,
        "--data",
        data,
        "--target",
        "y",
        "--out",
        join(dir, "m.json"),
        ...more,
      );
    await expect(fitY("logistic-regression", "fixtures/ml/friedman1-train.csv")).rejects.toThrow(
      /is not an integer class label.*regressor/,
    );
    await expect(
      fitY("random-forest", "fixtures/ml/friedman1-train.csv", "--task", "classification"),
    ).rejects.toThrow(/looks continuous/);
    // Integers, but one class per ~row: 200 rows of round(100·y).
    const lines = readFileSync("fixtures/ml/friedman1-train.csv", "utf8").trim().split(/\r?\n/);
    const ints = join(dir, "int-target.csv");
    writeFileSync(
      ints,
      `${[lines[0], ...lines.slice(1).map((l) => l.replace(/,([^,]+)$/, (_, v) => `,${Math.round(100 * Number(v))}`))].join("\n")}\n`,
    );
    await expect(fitY("decision-tree", ints, "--task", "classification")).rejects.toThrow(
      /distinct values in 200 rows/,
    );
    await fitY(
      "decision-tree",
      ints,
      "--task",
      "classification",
      "--allow-many-classes",
      "--param",
      "maxDepth=2",
    );
    expect(JSON.parse(readFileSync(join(dir, "m.json"), "utf8")).kind).toBe("decision-tree");
  });
});

describe("cellforge ml fit --model cnn", () => {
  it("fits a 3-feature CSV with the default kernel/pool sizes and predicts finite values", async () => {
    const path = join(dir, "three.csv");
    const rows = ["a,b,c,y"];
    for (let i = 0; i < 60; i++) {
      const [a, b, c] = [Math.sin(i), Math.cos(i), (i % 7) / 7];
      rows.push(`${a},${b},${c},${a + 2 * b - c}`);
    }
    writeFileSync(path, `${rows.join("\n")}\n`);
    const model = join(dir, "cnn.json");
    await run(
      "ml",
      "fit",
      "--model",
      "cnn",
      "--data",
      path,
      "--target",
      "y",
      "--param",
      "maxIter=3",
      "--out",
      model,
    );
    expect(JSON.parse(readFileSync(model, "utf8")).hyperparameters.kernelSize).toBe("auto");
    const csv = parseNumericCsv(await run("ml", "predict", "--model", model, "--data", path));
    expect(csv.matrix.rows).toBe(60);
    for (let i = 0; i < 60; i++) expect(Number.isFinite(csv.matrix.data[i * 5 + 4]!)).toBe(true);
  });
});
