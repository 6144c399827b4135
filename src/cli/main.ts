#!/usr/bin/env node
/** cellforge command-line entry point: argument parsing only; each command lives in its own file. */
import { Command, CommanderError } from "commander";
import { InputError } from "../core/errors.js";
import { registerParamsCommand } from "./params.js";

const program = new Command()
  .name("cellforge")
  .description("Model-driven battery manufacturing: cell physics, techno-economics and ML")
  .version("0.1.0")
  .showHelpAfterError(false)
  .exitOverride();

// Each command file exports `register<Name>Command(program: Command): void`.
registerParamsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof InputError) {
    process.stderr.write(`cellforge: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`cellforge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
