/** `cellforge ml fit | predict | evaluate | models`: train, apply and cross-validate core/ml models on CSV data. */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { InputError } from "../core/errors.js";
import type { Classifier, Matrix, Regressor, SerializedModel } from "../core/ml/estimator.js";
import { classicModelEntries, createModelRegistry, type ModelRegistry } from "../core/ml/registry.js";
import { crossValidate } from "../core/ml/selection.js";
import { formatCsv, type NumericTable, readNumericCsv, selectColumns } from "../io/csv.js";
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
  y: Float64Array;
  features: string[];
}

function loadXy(table: NumericTable, path: string, target: string, features?: string): Dataset {
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
  return {
    X: selectColumns(table, names, path),
    y: selectColumns(table, [target], path).data,
    features: names,
  };
}

/** Classification when the entry only classifies, or when both are possible and y holds few integer labels. */
function chooseTask(registry: ModelRegistry, id: string, y: Float64Array, explicit?: string): Task {
  const info = registry.list().find((m) => m.id === id);
  if (!info)
    throw new CliInputError(
      `--model ${id}: unknown model; known: ${registry
        .list()
        .map((m) => m.id)
        .join(", ")}`,
    );
  if (explicit !== undefined) {
    if (explicit !== "regression" && explicit !== "classification") {
      throw new CliInputError(`--task ${explicit}: expected regression or classification`);
    }
    if (!info.tasks.includes(explicit))
      throw new CliInputError(`--task ${explicit}: ${id} supports ${info.tasks.join(" and ")}`);
    return explicit;
  }
  if (info.tasks.length === 1) return info.tasks[0]!;
  const distinct = new Set(y);
  const integerLabels = y.every((v) => Number.isInteger(v));
  return integerLabels && distinct.size <= Math.min(20, Math.max(2, y.length / 5))
    ? "classification"
    : "regression";
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
        seed?: string;
      }) => {
        asCliError(() => {
          const table = readNumericCsv(o.data);
          const d = loadXy(table, o.data, o.target, o.features);
          const task = chooseTask(registry, o.model, d.y, o.task);
          const model = registry.create(o.model, parseParams(o.param), task);
          model.fit(d.X, d.y, { featureNames: d.features, seed: parseSeed(o.seed) });
          writeFileSync(o.out, `${JSON.stringify({ ...model.toJSON(), target: o.target })}\n`);
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
        let json: SerializedModel & { target?: string };
        try {
          json = JSON.parse(readFileSync(o.model, "utf8"));
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          throw new CliInputError(
            `--model ${o.model}: ${code === "ENOENT" ? "file not found" : "not valid JSON"}`,
          );
        }
        const model = registry.fromJSON(json) as Regressor | Classifier;
        const table = readNumericCsv(o.data);
        const X = selectColumns(table, model.featureNames, o.data);
        const pred = model.predict(X);
        const name = `${json.target ?? "target"}_predicted`;
        const extra: string[] = [];
        let proba: Matrix | null = null;
        if (o.proba && model.task === "classification") {
          proba = model.predictProba(X);
          for (const c of model.classes) extra.push(`probability_${c}`);
        }
        const cols = table.columns.length + extra.length + 1;
        const out = new Float64Array(X.rows * cols);
        for (let i = 0; i < X.rows; i++) {
          out.set(
            table.matrix.data.subarray(i * table.columns.length, (i + 1) * table.columns.length),
            i * cols,
          );
          if (proba)
            out.set(
              proba.data.subarray(i * proba.cols, (i + 1) * proba.cols),
              i * cols + table.columns.length,
            );
          out[i * cols + cols - 1] = pred[i]!;
        }
        process.stdout.write(
          formatCsv([...table.columns, ...extra, name], { rows: X.rows, cols, data: out }),
        );
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
        folds: string;
        seed?: string;
        json?: boolean;
      }) => {
        asCliError(() => {
          const folds = Number(o.folds);
          if (!Number.isInteger(folds) || folds < 2)
            throw new CliInputError(`--folds ${o.folds}: expected an integer ≥ 2`);
          const table = readNumericCsv(o.data);
          const d = loadXy(table, o.data, o.target, o.features);
          const task = chooseTask(registry, o.model, d.y, o.task);
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
