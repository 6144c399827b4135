/** `cellforge simulate`: run a cell model through an experiment and write CSV or JSON (+ an optional SVG plot). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { performance } from "node:perf_hooks";
import type { Command } from "commander";
import { renderLineChartSvg } from "../core/charts/line-chart.js";
import { type CellSimulationRequest, prepareCellSimulation } from "../core/simulation/prepare.js";
import type { Solution } from "../core/simulation/solution.js";
import { CliInputError, parseNumberOption, parsePositiveInteger, setCommandExitCode } from "./options.js";
import { resolveParameterSetArgument } from "./params.js";

interface SimulateFlags {
  params: string;
  model: string;
  thermal?: string;
  experiment?: string;
  currentProfile?: string;
  initialSoc?: string;
  ambientK?: string;
  mesh?: string;
  output: string;
  out?: string;
  plot?: string;
  repeat: string;
  set: string[];
  period?: string;
  profiles?: boolean;
  rtol?: string;
  atol?: string;
}

/** Formats a solution's series as CSV with the contract's column order first. */
export function solutionToCsv(solution: Solution, isThermal: boolean): string {
  const required = ["time_s", "voltage_V", "current_A", "dischargeCapacity_Ah"];
  const extra = isThermal && "temperature_K" in solution.series ? ["temperature_K"] : [];
  const columns = [...required, ...extra];
  const lines = [columns.join(",")];
  const count = solution.series.time_s.length;
  for (let i = 0; i < count; i++) {
    lines.push(columns.map((c) => formatNumber(solution.series[c]![i]!)).join(","));
  }
  return `${lines.join("\n")}\n`;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Number(v.toPrecision(10)).toString();
}

/** Registers `cellforge simulate`. */
export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("simulate a cell model through an experiment (CSV to stdout by default)")
    .option(
      "--params <name|file.json>",
      "parameter set: a built-in name (see `params list`) or a JSON file",
      "chen2020",
    )
    .option("--model <spm|spme|dfn>", "cell model", "spm")
    .option("--thermal <isothermal|lumped|x-full>", "thermal model (spme/dfn)", "isothermal")
    .option("--experiment <steps>", 'experiment steps separated by ";", e.g. "Discharge at 1C until 2.5 V"')
    .option(
      "--current-profile <csv>",
      "measured/drive-cycle load: columns time_s,current_A (discharge positive)",
    )
    .option(
      "--initial-soc <0..1>",
      "start from this state of charge instead of the set's initial concentrations",
    )
    .option("--ambient-K <kelvin>", "ambient (and initial) temperature in K")
    .option("--mesh <points>", "finite-volume points per domain and particle", "20")
    .option("--output <csv|json>", "output format", "csv")
    .option("--out <file>", "write the output to a file instead of stdout")
    .option("--plot <file.svg>", "also write a voltage-vs-time SVG plot")
    .option("--repeat <n>", "solve n times and report solve-time statistics (json)", "1")
    .option(
      "--set <path=value>",
      "override a parameter, e.g. negative.thickness_m=7e-5 (repeatable)",
      collect,
      [],
    )
    .option("--period <seconds>", "output spacing in s (default: every solver step)")
    .option("--profiles", "include spatial profiles as 2-D arrays in json output")
    .option("--rtol <value>", "relative tolerance", "1e-6")
    .option("--atol <value>", "absolute tolerance", "1e-6")
    .action((flags: SimulateFlags) => runSimulate(flags));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function runSimulate(flags: SimulateFlags): void {
  if (flags.output !== "csv" && flags.output !== "json") {
    throw new CliInputError(`--output ${flags.output}: expected csv or json`);
  }
  if (!flags.experiment && !flags.currentProfile) {
    throw new CliInputError('give --experiment "<steps>" or --current-profile <csv>');
  }
  if (flags.experiment && flags.currentProfile) {
    throw new CliInputError("give either --experiment or --current-profile, not both");
  }
  const repeat = parsePositiveInteger(flags.repeat, "--repeat");
  const request: CellSimulationRequest = {
    parameterSet: resolveParameterSetArgument(flags.params, flags.set),
    model: flags.model,
    thermal: flags.thermal ?? "isothermal",
    meshPoints: parsePositiveInteger(flags.mesh ?? "20", "--mesh"),
    ...(flags.experiment ? { experiment: flags.experiment } : {}),
    ...(flags.currentProfile
      ? { currentProfileCsv: readText(flags.currentProfile, "--current-profile") }
      : {}),
    ...(flags.initialSoc !== undefined
      ? { initialSoc: parseNumberOption(flags.initialSoc, "--initial-soc", "") }
      : {}),
    ...(flags.ambientK !== undefined
      ? { ambientTemperature_K: parseNumberOption(flags.ambientK, "--ambient-K", "K") }
      : {}),
    ...(flags.period !== undefined
      ? { outputPeriod_s: parseNumberOption(flags.period, "--period", "s") }
      : {}),
    includeProfiles: flags.profiles === true,
    rtol: parseNumberOption(flags.rtol ?? "1e-6", "--rtol", ""),
    atol: parseNumberOption(flags.atol ?? "1e-6", "--atol", ""),
  };
  const prepared = prepareCellSimulation(request);
  const times: number[] = [];
  let solution: Solution | undefined;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    solution = prepared.run();
    times.push(performance.now() - start);
  }
  const result = solution!;
  const text =
    flags.output === "csv"
      ? solutionToCsv(result, (flags.thermal ?? "isothermal") !== "isothermal")
      : `${JSON.stringify(solutionToJson(result, times, flags.profiles === true))}\n`;
  if (flags.out) {
    writeFile(flags.out, text);
    process.stdout.write(
      `cellforge: ${result.model} (${result.parameterSet}): ${result.terminationReason} at ${result.finalTime_s.toFixed(1)} s, ` +
        `${result.dischargeCapacity_Ah.toFixed(4)} Ah → ${flags.out}${flags.plot ? ` and ${flags.plot}` : ""}\n`,
    );
  } else process.stdout.write(text);
  if (flags.plot) {
    const svg = renderLineChartSvg(
      [
        {
          label: `${result.model} (${result.parameterSet})`,
          x: result.series.time_s,
          y: result.series.voltage_V,
        },
      ],
      {
        title: `cellforge ${result.model}: ${request.experiment ?? "current profile"}`,
        xLabel: "time / s",
        yLabel: "terminal voltage / V",
      },
    );
    writeFile(flags.plot, svg);
  }
  for (const step of result.steps) {
    if (step.terminationReason.startsWith("skipped")) {
      process.stderr.write(
        `cellforge: note: step ${step.index + 1} (${step.description}) ${step.terminationReason}\n`,
      );
    }
  }
  if (!result.isComplete) {
    // The data up to the stop are written; the exit code tells scripts the experiment did not finish.
    process.stderr.write(`cellforge: experiment incomplete: ${result.terminationReason}\n`);
    setCommandExitCode(3);
  }
}

/** The stable JSON document of the CLI contract. */
export function solutionToJson(
  solution: Solution,
  solveTimes_ms: number[],
  includeProfiles: boolean,
): object {
  const sorted = [...solveTimes_ms].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : 0.5 * (sorted[mid - 1]! + sorted[mid]!);
  return {
    model: solution.model,
    parameterSet: solution.parameterSet,
    terminationReason: solution.terminationReason,
    isComplete: solution.isComplete,
    finalTime_s: solution.finalTime_s,
    dischargeCapacity_Ah: solution.dischargeCapacity_Ah,
    solveTime_ms: { median, min: sorted[0], max: sorted[sorted.length - 1] },
    series: solution.series,
    steps: solution.steps,
    statistics: solution.statistics,
    ...(includeProfiles && solution.profiles ? { profiles: solution.profiles } : {}),
  };
}

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliInputError(
      `${flag} ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

function writeFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
