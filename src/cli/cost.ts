/**
 * `cellforge cost [design] [--chemistry id] [--pack-energy-kWh N] [--pack-power-kW N] [--packs-per-year N]
 * [--format pouch|18650|21700|4680|prismatic-can] [--region id] [--output json|table]`: BatPaC-style cost,
 * manufacturing energy and GWP of a design file or of a quick study from flags.
 */
import type { Command } from "commander";
import { cellFormatOf, chemistryById, parseDesignSpec } from "../core/economics/design-spec.js";
import { compareProcessingRoutes, evaluateDesign, withProcessingRoute } from "../core/economics/evaluate.js";
import type { GridRegion } from "../core/economics/gwp.js";
import { readDesignFile } from "../io/design-file.js";
import { costTable, economicsJson, parseOutputFormat } from "./economics-report.js";
import { CliInputError, parseNumberOption, parsePositiveInteger } from "./options.js";

interface CostFlags {
  chemistry?: string;
  packEnergyKWh?: string;
  packPowerKW?: string;
  packsPerYear?: string;
  format?: string;
  region?: string;
  solvent?: string;
  scenarios?: boolean;
  output: string;
}

export function registerCostCommand(program: Command): void {
  program
    .command("cost")
    .description("Pack, module and cell $/kWh with breakdowns, plant capex, manufacturing energy and GWP")
    .argument("[design]", "design file (YAML or JSON); omit for a quick study from flags")
    .option("--chemistry <id>", "chemistry id, e.g. NMC811-G, NMC622-G, LFP-G, NaNMC-HC")
    .option("--pack-energy-kWh <kWh>", "pack energy")
    .option("--pack-power-kW <kW>", "pack power (10 s pulse)")
    .option("--packs-per-year <N>", "production volume")
    .option("--format <format>", "cell format: pouch, prismatic-can, 18650, 21700, 4680")
    .option("--region <id>", "grid region for GWP (mid, CN, US, DE, PL, FR, SE, …)")
    .option("--solvent <route>", "positive-electrode processing: NMP, water or dry")
    .option("--scenarios", "also compare NMP vs water vs dry processing")
    .option("--output <format>", "json or table", "table")
    .action((file: string | undefined, opts: CostFlags) => {
      const format = parseOutputFormat(opts.output);
      let { input, options } = file ? readDesignFile(file) : parseDesignSpec({});
      if (opts.chemistry !== undefined)
        input = { ...input, chemistry: chemistryById(opts.chemistry, "--chemistry") };
      if (opts.format !== undefined) input = { ...input, format: cellFormatOf(opts.format, "--format") };
      if (opts.packEnergyKWh !== undefined) {
        const energy_kWh = parseNumberOption(opts.packEnergyKWh, "--pack-energy-kWh", "kWh");
        input = { ...input, pack: { ...input.pack, energy_kWh } };
      }
      if (opts.packPowerKW !== undefined) {
        const power_kW = parseNumberOption(opts.packPowerKW, "--pack-power-kW", "kW");
        input = { ...input, pack: { ...input.pack, power_kW } };
      }
      if (opts.packsPerYear !== undefined) {
        const packsPerYear = parsePositiveInteger(opts.packsPerYear, "--packs-per-year");
        options = { ...options, plant: { ...options.plant, packsPerYear } };
      }
      if (opts.region !== undefined)
        options = { ...options, gwp: { ...options.gwp, region: opts.region as GridRegion } };
      if (opts.solvent !== undefined) {
        if (opts.solvent !== "NMP" && opts.solvent !== "water" && opts.solvent !== "dry") {
          throw new CliInputError(`--solvent ${opts.solvent}: expected NMP, water or dry`);
        }
        input = withProcessingRoute(input, opts.solvent);
      }
      const result = evaluateDesign(input, options);
      const scenarios = opts.scenarios ? compareProcessingRoutes(input, options) : undefined;
      if (format === "json") {
        const json = scenarios
          ? { ...economicsJson(result), processingScenarios: scenarios }
          : economicsJson(result);
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      let text = costTable(result);
      if (scenarios) {
        text += "\nprocessing route   pack $/kWh  energy kWh/kWh  GWP kg CO2e/kWh";
        for (const [route, s] of Object.entries(scenarios)) {
          text += `\n${route.padEnd(17)}  ${s.packCost_USD_per_kWh.toFixed(2).padStart(10)}  ${s.manufacturingEnergy_kWh_per_kWh.toFixed(2).padStart(14)}  ${s.gwp_kgCO2e_per_kWh.toFixed(1).padStart(15)}`;
        }
      }
      process.stdout.write(`${text}\n`);
    });
}
