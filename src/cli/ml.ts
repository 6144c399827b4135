/** `cellforge ml fit | predict | evaluate | models`: train, apply and cross-validate core/ml models on CSV data. */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { InputError } from "../core/errors.js";
import type { Classifier, Matrix, Regressor, SerializedModel } from "../core/ml/estimator.js";
import { classicModelEntries, createModelRegistry, type ModelRegistry } from "../core/ml/registry.js";
import { crossValidate } from "../core/ml/selection.js";
import { type CsvTable, numericColumns, quoteCsvCell, readCsv, textColumn } from "../io/csv.js";
import { CliInputError } from "./options.js";

type Task = "regression" | "classification";

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses `k=v` pairs; values are JSON when they parse (numbers, booleans, null, objects), else strings. */
export function parseParams(pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new CliInputError(`--param ${pair}: expected key=value, e.g. nEstimators=200`);
    const key = pair.slice(0, eq).trim();
    const text = pair.slice(eq + 1).trim();
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // a plain string such as sqrt or entropy
    }
    out[key] = value;
  }
  return out;
}

function asCliError<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    if (error instanceof InputError) throw new CliInputError(error.message);
    throw error;
  }
}

interface Dataset {
  X: Matrix;
  /** Numeric target, or the index into `labels` when the target column holds text labels. */
  y: Float64Array;
  features: string[];
  /** Sorted distinct text labels of a classification target (absent for a numeric target). */
  labels?: string[];
}

function loadXy(table: CsvTable, path: string, target: string, features?: string): Dataset {
  if (!table.columns.includes(target)) {
    throw new CliInputError(
      `--target ${target}: no such column in ${path}; columns: ${table.columns.join(", ")}`,
    );
  }
  const names = features
    ? features
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")
    : table.columns.filter((c) => c !== target);
  if (names.length === 0) throw new CliInputError("--features: no feature columns selected");
  if (names.includes(target)) throw new CliInputError(`--features includes the target column ${target}`);
  const X = numericColumns(table, names);
  const cells = textColumn(table, target);
  const empty = cells.indexOf("");
  if (empty >= 0) {
    throw new CliInputError(`${path}: line ${table.lines[empty]}, column "${target}": the target is empty`);
  }
  if (cells.every((c) => Number.isFinite(Number(c)))) {
    return { X, y: Float64Array.from(cells, Number), features: names };
  }
  // Text class labels: encode as indices into the sorted distinct labels.
  const labels = [...new Set(cells)].sort();
  const index = new Map(labels.map((l, k) => [l, k]));
  return { X, y: Float64Array.from(cells, (c) => index.get(c)!), features: names, labels };
}

/** Classification when the entry only classifies, or when both are possible and y holds few integer labels. */
function chooseTask(
  registry: ModelRegistry,
  id: string,
  data: Dataset,
  target: string,
  explicit?: string,
  allowManyClasses = false,
): Task {
  const info = registry.list().find((m) => m.id === id);
  if (!info)
    throw new CliInputError(
      `--model ${id}: unknown model; known: ${registry
        .list()
        .map((m) => m.id)
        .join(", ")}`,
    );
  let task: Task;
  if (explicit !== undefined) {
    if (explicit !== "regression" && explicit !== "classification") {
      throw new CliInputError(`--task ${explicit}: expected regression or classification`);
    }
    if (!info.tasks.includes(explicit))
      throw new CliInputError(`--task ${explicit}: ${id} supports ${info.tasks.join(" and ")}`);
    task = explicit;
  } else if (info.tasks.length === 1) task = info.tasks[0]!;
  else if (data.labels) task = "classification";
  else {
    const distinct = new Set(data.y);
    const integerLabels = data.y.every((v) => Number.isInteger(v));
    task =
      integerLabels && distinct.size <= Math.min(20, Math.max(2, data.y.length / 5))
        ? "classification"
        : "regression";
  }
  if (task === "regression" && data.labels) {
    throw new CliInputError(
      `--target ${target}: the column holds text labels (e.g. ${JSON.stringify(data.labels[0])}) but ${id} is fitted as a regressor; choose a classifier or a numeric target`,
    );
  }
  if (task === "classification" && !allowManyClasses) checkClassTarget(data, target, id);
  return task;
}

/**
 * Rejects a classification target that looks continuous: non-integer numbers, or more than 20
 * distinct values that are also more than half the rows (one class per row is no classification).
 */
function checkClassTarget(data: Dataset, target: string, id: string): void {
  const hint = `fit a regressor (e.g. --model random-forest --task regression) or pass --allow-many-classes`;
  if (!data.labels) {
    const k = data.y.findIndex((v) => !Number.isInteger(v));
    if (k >= 0) {
      throw new CliInputError(
        `--target ${target}: value ${data.y[k]} (row ${k + 1}) is not an integer class label, the target looks continuous for classifier ${id}; ${hint}`,
      );
    }
  }
  const distinct = data.labels ? data.labels.length : new Set(data.y).size;
  if (distinct > 20 && distinct > data.y.length / 2) {
    throw new CliInputError(
      `--target ${target}: ${distinct} distinct values in ${data.y.length} rows, the target looks continuous for classifier ${id}; ${hint}`,
    );
  }
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return 0;
  const v = Number(text);
  if (!Number.isInteger(v)) throw new CliInputError(`--seed ${text}: expected an integer`);
  return v;
}

/** Adds the `ml` command group; `registry` defaults to the classic model families. */
export function registerMlCommand(
  program: Command,
  registry: ModelRegistry = createModelRegistry(classicModelEntries),
): void {
  const ml = program.command("ml").description("Machine-learning models: fit, predict, evaluate, list");

  ml.command("models")
    .description("List the available model ids")
    .action(() => {
      const rows = registry.list();
      const width = Math.max(...rows.map((r) => r.id.length));
      for (const r of rows) {
        process.stdout.write(`${r.id.padEnd(width)}  ${r.tasks.join("+").padEnd(25)}  ${r.description}\n`);
      }
    });

  ml.command("fit")
    .description("Fit a model on a CSV file and write it as JSON")
    .requiredOption("--model <id>", "model id (see `cellforge ml models`)")
    .requiredOption("--data <csv>", "training data: CSV with a header row, numeric cells")
    .requiredOption("--target <column>", "target column")
    .requiredOption("--out <file>", "output model JSON")
    .option("--features <a,b,...>", "feature columns (default: all except the target)")
    .option("--param <key=value>", "hyperparameter (repeatable), e.g. nEstimators=200", collect, [])
    .option("--task <task>", "regression or classification (default: inferred)")
    .option(
      "--allow-many-classes",
      "classify even a target that looks continuous (> 20 classes and > rows/2, or non-integers)",
    )
    .option("--seed <n>", "random seed", "0")
    .action(
      (o: {
        model: string;
        data: string;
        target: string;
        out: string;
        features?: string;
        param: string[];
        task?: string;
        allowManyClasses?: boolean;
        seed?: string;
      }) => {
        asCliError(() => {
          const table = readCsv(o.data);
          const d = loadXy(table, o.data, o.target, o.features);
          const task = chooseTask(registry, o.model, d, o.target, o.task, o.allowManyClasses);
          const model = registry.create(o.model, parseParams(o.param), task);
          model.fit(d.X, d.y, { featureNames: d.features, seed: parseSeed(o.seed) });
          const json = {
            ...model.toJSON(),
            target: o.target,
            ...(d.labels ? { targetLabels: d.labels } : {}),
          };
          writeFileSync(o.out, `${JSON.stringify(json)}\n`);
          process.stderr.write(
            `fitted ${o.model} (${task}) on ${d.X.rows} rows × ${d.X.cols} features → ${o.out}\n`,
          );
        });
      },
    );

  ml.command("predict")
    .description("Apply a fitted model to a CSV file; writes CSV (inputs + prediction column) to stdout")
    .requiredOption("--model <file>", "model JSON written by `ml fit`")
    .requiredOption("--data <csv>", "CSV with the model's feature columns")
    .option("--proba", "also write one probability column per class (classifiers)")
    .action((o: { model: string; data: string; proba?: boolean }) => {
      asCliError(() => {
        let json: SerializedModel & { target?: string; targetLabels?: string[] };
        try {
          json = JSON.parse(readFileSync(o.model, "utf8"));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw new CliInputError(
            `--model ${o.model}: ${code === "ENOENT" ? "file not found" : "not valid JSON"}`,
          );
        }
        const model = registry.fromJSON(json) as Regressor | Classifier;
        const labels = json.targetLabels;
        if (labels !== undefined && (!Array.isArray(labels) || labels.some((l) => typeof l !== "string"))) {
          throw new CliInputError(`--model ${o.model}: targetLabels must be an array of strings`);
        }
        const labelOf = (v: number): string => {
          if (!labels) return String(v);
          const l = labels[v];
          if (l === undefined)
            throw new CliInputError(`--model ${o.model}: class ${v} has no entry in targetLabels`);
          return l;
        };
        const table = readCsv(o.data);
        const X = numericColumns(table, model.featureNames);
        const pred = model.predict(X);
        const name = `${json.target ?? "target"}_predicted`;
        const extra: string[] = [];
        let proba: Matrix | null = null;
        if (o.proba && model.task === "classification") {
          proba = model.predictProba(X);
          for (const c of model.classes) extra.push(`probability_${labelOf(c)}`);
        }
        const lines = [[...table.columns, ...extra, name].map(quoteCsvCell).join(",")];
        for (let i = 0; i < X.rows; i++) {
          const row = table.cells[i]!.map(quoteCsvCell);
          if (proba) for (let c = 0; c < proba.cols; c++) row.push(String(proba.data[i * proba.cols + c]!));
          row.push(quoteCsvCell(labelOf(pred[i]!)));
          lines.push(row.join(","));
        }
        process.stdout.write(`${lines.join("\n")}\n`);
      });
    });

  ml.command("evaluate")
    .description("K-fold cross-validation metrics of a model on a CSV file")
    .requiredOption("--model <id>", "model id")
    .requiredOption("--data <csv>", "CSV with a header row")
    .requiredOption("--target <column>", "target column")
    .option("--features <a,b,...>", "feature columns (default: all except the target)")
    .option("--param <key=value>", "hyperparameter (repeatable)", collect, [])
    .option("--task <task>", "regression or classification (default: inferred)")
    .option("--allow-many-classes", "classify even a target that looks continuous")
    .option("--folds <k>", "number of folds", "5")
    .option("--seed <n>", "random seed (fold shuffling and models)", "0")
    .option("--json", "print the result as JSON")
    .action(
      (o: {
        model: string;
        data: string;
        target: string;
        features?: string;
        param: string[];
        task?: string;
        allowManyClasses?: boolean;
        folds: string;
        seed?: string;
        json?: boolean;
      }) => {
        asCliError(() => {
          const folds = Number(o.folds);
          if (!Number.isInteger(folds) || folds < 2)
            throw new CliInputError(`--folds ${o.folds}: expected an integer ≥ 2`);
          const table = readCsv(o.data);
          const d = loadXy(table, o.data, o.target, o.features);
          const task = chooseTask(registry, o.model, d, o.target, o.task, o.allowManyClasses);
          const params = parseParams(o.param);
          registry.create(o.model, params, task); // validate hyperparameters before the folds
          const scoring =
            task === "regression"
              ? (["r2", "negRmse", "negMae", "negNrmse", "negMape"] as const)
              : (["accuracy", "balancedAccuracy", "f1Macro"] as const);
          const seed = parseSeed(o.seed);
          const cv = crossValidate(() => registry.create(o.model, params, task), d.X, d.y, {
            folds,
            shuffle: true,
            seed,
            scoring,
          });
          const label: Record<string, string> = {
            negRmse: "rmse",
            negMae: "mae",
            negNrmse: "nrmse",
            negMape: "mape",
          };
          const sign = (s: string) => (s.startsWith("neg") ? -1 : 1);
          const summary = Object.fromEntries(
            scoring.map((s) => [
              label[s] ?? s,
              { mean: sign(s) * cv.mean[s]!, std: cv.std[s]!, folds: cv.scores[s]!.map((v) => sign(s) * v) },
            ]),
          );
          if (o.json) {
            process.stdout.write(
              `${JSON.stringify({ model: o.model, task, folds, rows: d.X.rows, metrics: summary }, null, 2)}\n`,
            );
            return;
          }
          process.stdout.write(`${o.model} (${task}), ${folds}-fold CV on ${d.X.rows} rows:\n`);
          for (const [name, m] of Object.entries(summary)) {
            process.stdout.write(`  ${name.padEnd(17)} ${m.mean.toPrecision(6)} ± ${m.std.toPrecision(3)}\n`);
          }
        });
      },
    );
}
