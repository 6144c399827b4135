/** `cellforge design <design.yaml|json>`: cell and pack design after the BatPaC 5.0 method. */
import type { Command } from "commander";
import { designCell } from "../core/economics/design.js";
import { readDesignFile } from "../io/design-file.js";
import { designJson, designTable, parseOutputFormat } from "./economics-report.js";

export function registerDesignCommand(program: Command): void {
  program
    .command("design")
    .description(
      "Design a cell and pack from a design file (YAML or JSON): thicknesses, capacity, Wh/kg, Wh/L",
    )
    .argument("<design>", "design file (kind: cellforge.design)")
    .option("--output <format>", "json or table", "table")
    .action((file: string, opts: { output: string }) => {
      const format = parseOutputFormat(opts.output);
      const { input } = readDesignFile(file);
      const design = designCell(input);
      process.stdout.write(
        format === "json"
          ? `${JSON.stringify(designJson(design), null, 2)}\n`
          : `${designTable({ design })}\n`,
      );
    });
}
