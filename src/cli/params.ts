/** `cellforge params list | show`: the built-in parameter sets and parameter-set files. */
import type { Command } from "commander";
import { InputError } from "../core/errors.js";
import {
  applyParameterOverrides,
  compileParameterSet,
  getParameterSet,
  listParameterSets,
  type ParameterSet,
  parameterSetNames,
  stoichiometryWindow,
  toBpx,
} from "../core/parameters/index.js";
import { readParameterSetOrBpxFile } from "../io/bpx-file.js";
import { CliInputError } from "./options.js";

function isFileArgument(nameOrFile: string): boolean {
  return /\.json$/i.test(nameOrFile) || nameOrFile.includes("/") || nameOrFile.includes("\\");
}

/**
 * A built-in set by name, or a JSON file (argument ending in .json or containing a path separator),
 * with `dot.path=value` overrides applied and validated. Input problems become CliInputError.
 */
export function resolveParameterSetArgument(
  nameOrFile: string,
  overrides: readonly string[] = [],
): ParameterSet {
  try {
    let set: ParameterSet;
    if (isFileArgument(nameOrFile)) {
      set = readParameterSetOrBpxFile(nameOrFile);
    } else {
      const known = parameterSetNames();
      if (!known.includes(nameOrFile.toLowerCase())) {
        throw new CliInputError(
          `unknown parameter set "${nameOrFile}": expected one of ${known.join(", ")}, or a path to a .json file`,
        );
      }
      set = getParameterSet(nameOrFile);
    }
    return overrides.length > 0 ? applyParameterOverrides(set, overrides) : set;
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    if (error instanceof InputError) throw new CliInputError(error.message);
    throw error;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const micrometres = (length_m: number) => `${Number((length_m * 1e6).toPrecision(6))} µm`;

function summary(set: ParameterSet): string {
  const c = compileParameterSet(set);
  const lines = [
    `${set.name}: ${set.description}`,
    `  cell            ${set.cell.description ?? ""}`,
    `  capacity        ${set.cell.nominalCapacity_Ah} Ah nominal; cut-offs ${set.cell.lowerVoltageCutoff_V}–${set.cell.upperVoltageCutoff_V} V`,
    `  electrode area  ${c.cell.electrodeArea_m2.toPrecision(4)} m2`,
  ];
  for (const side of ["negative", "positive"] as const) {
    const e = set[side];
    lines.push(
      `  ${side.padEnd(15)} ${e.material}: thickness ${micrometres(e.thickness_m)}, particle radius ${micrometres(e.particleRadius_m)}, porosity ${e.porosity}, active fraction ${e.activeMaterialVolumeFraction}`,
    );
  }
  lines.push(
    `  separator       thickness ${micrometres(set.separator.thickness_m)}, porosity ${set.separator.porosity}`,
    `  electrolyte     ${set.electrolyte.material ?? ""} ${set.electrolyte.initialConcentration_mol_per_m3} mol/m3, t+ ${set.electrolyte.cationTransferenceNumber}`,
  );
  try {
    const w = stoichiometryWindow(c);
    lines.push(
      `  stoichiometry   negative ${w.negativeAt0Soc.toFixed(4)}–${w.negativeAt100Soc.toFixed(4)}, positive ${w.positiveAt100Soc.toFixed(4)}–${w.positiveAt0Soc.toFixed(4)} (0–100 % SOC)`,
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    lines.push(`  stoichiometry   ${error.message}`);
  }
  const citations = set.source?.primary.map((k) => set.source?.citations[k] ?? k) ?? [];
  for (const citation of citations) lines.push(`  source          ${citation}`);
  return `${lines.join("\n")}\n`;
}

/** Registers `params list` and `params show <name|file.json> [--json] [--set path=value]`. */
export function registerParamsCommand(program: Command): void {
  const params = program.command("params").description("List and show lithium-ion cell parameter sets");
  params
    .command("list")
    .description("List the built-in parameter sets")
    .option("--json", "print as JSON")
    .action((options: { json?: boolean }) => {
      const sets = listParameterSets();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(sets, null, 2)}\n`);
        return;
      }
      const width = Math.max(...sets.map((s) => s.name.length));
      for (const s of sets) process.stdout.write(`${s.name.padEnd(width)}  ${s.description}\n`);
    });
  params
    .command("show")
    .description("Show a parameter set (built-in name, a cellforge .json file or a BPX file)")
    .argument(
      "<name|file.json>",
      "built-in set name (see `params list`), a parameter-set JSON file or a BPX JSON file",
    )
    .option("--json", "print the whole set as JSON (kind cellforge.parameter-set)")
    .option("--bpx", "print the set as BPX (Battery Parameter eXchange) JSON")
    .option("--bpx-layout <layout>", "BPX layout: 1.0 or 0.x", "1.0")
    .option(
      "--set <path=value>",
      "override a parameter, e.g. positive.particleRadius_m=5e-6 (repeatable)",
      collect,
      [],
    )
    .action(
      (nameOrFile: string, options: { json?: boolean; bpx?: boolean; bpxLayout: string; set: string[] }) => {
        const set = resolveParameterSetArgument(nameOrFile, options.set);
        if (options.bpx) {
          if (options.bpxLayout !== "1.0" && options.bpxLayout !== "0.x") {
            throw new CliInputError(`--bpx-layout ${options.bpxLayout}: expected 1.0 or 0.x`);
          }
          process.stdout.write(`${JSON.stringify(toBpx(set, { layout: options.bpxLayout }), null, 2)}\n`);
          return;
        }
        process.stdout.write(options.json ? `${JSON.stringify(set, null, 2)}\n` : summary(set));
      },
    );
}
