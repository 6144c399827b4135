#!/usr/bin/env node
/** cellforge command-line entry point: runs the program on the process arguments and sets the exit code. */
import { runCli } from "./program.js";

// A closed pipe (`cellforge … | head`) ends the output quietly instead of with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));
