#!/usr/bin/env node
/** cellforge command-line entry point: runs the program on the process arguments and sets the exit code. */
import { runCli } from "./program.js";

process.exitCode = await runCli(process.argv.slice(2));
