/** The cellforge command tree and its error policy, separate from the process entry so tests run it in-process. */
import { Command, CommanderError } from "commander";
import { InputError } from "../core/errors.js";
import { takeCommandExitCode } from "./options.js";

type Register = (program: Command) => void;

/**
 * Every command, loaded on demand: a run imports only the module of the command it executes, so the
 * process starts fast (`cellforge simulate` does not load the ML or economics code).
 */
const commands: Record<string, () => Promise<Register>> = {
  simulate: async () => (await import("./simulate.js")).registerSimulateCommand,
  params: async () => (await import("./params.js")).registerParamsCommand,
  design: async () => (await import("./design.js")).registerDesignCommand,
  cost: async () => (await import("./cost.js")).registerCostCommand,
  ml: async () => {
    const [{ registerMlCommand }, { createDefaultModelRegistry }] = await Promise.all([
      import("./ml.js"),
      import("../core/ml/default-registry.js"),
    ]);
    return (program) => registerMlCommand(program, createDefaultModelRegistry());
  },
};

/** Builds the `cellforge` program with the named commands registered (default: all). */
export async function createProgram(only?: readonly string[]): Promise<Command> {
  const program = new Command()
    .name("cellforge")
    .description("Model-driven battery manufacturing: cell physics, techno-economics and ML")
    .version("0.1.0")
    .showHelpAfterError(false)
    .exitOverride()
    // Commander's own parse errors follow the house format: one line prefixed "cellforge:".
    .configureOutput({ outputError: (text, write) => write(`cellforge: ${text.replace(/^error: /, "")}`) });
  const names = only?.length ? only : Object.keys(commands);
  for (const register of await Promise.all(names.map((name) => commands[name]!()))) register(program);
  return program;
}

/**
 * Runs the CLI on user arguments (without `node` and the script path) and returns the exit code:
 * 0 success, 2 bad input (one line on stderr naming the field, value and unit), 1 anything else.
 */
export async function runCli(args: readonly string[]): Promise<number> {
  const first = args[0];
  const program = await createProgram(first !== undefined && first in commands ? [first] : undefined);
  try {
    takeCommandExitCode();
    await program.parseAsync([...args], { from: "user" });
    return takeCommandExitCode();
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
