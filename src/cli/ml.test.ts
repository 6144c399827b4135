import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadDataset } from "../../test/helpers/ml-fixtures.js";
import { parseNumericCsv } from "../io/csv.js";
import { registerMlCommand } from "./ml.js";
import { CliInputError } from "./options.js";

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerMlCommand(program);
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
