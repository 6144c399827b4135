/** The cellforge command tree and its error policy, separate from the process entry so tests run it in-process. */
import { Command, CommanderError } from "commander";
import { InputError } from "../core/errors.js";
import { createDefaultModelRegistry } from "../core/ml/default-registry.js";
import { registerCostCommand } from "./cost.js";
import { registerDesignCommand } from "./design.js";
import { registerMlCommand } from "./ml.js";
import { registerParamsCommand } from "./params.js";
import { registerSimulateCommand } from "./simulate.js";

/** Builds the `cellforge` program with every command registered. */
export function createProgram(): Command {
  const program = new Command()
    .name("cellforge")
    .description("Model-driven battery manufacturing: cell physics, techno-economics and ML")
    .version("0.1.0")
    .showHelpAfterError(false)
    .exitOverride();
  // Each command file exports `register<Name>Command(program: Command): void`.
  registerSimulateCommand(program);
  registerParamsCommand(program);
  registerDesignCommand(program);
  registerCostCommand(program);
  registerMlCommand(program, createDefaultModelRegistry());
  return program;
}

/**
 * Runs the CLI on user arguments (without `node` and the script path) and returns the exit code:
 * 0 success, 2 bad input (one line on stderr naming the field, value and unit), 1 anything else.
 */
export async function runCli(args: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...args], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof InputError) {
      process.stderr.write(`cellforge: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`cellforge: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
