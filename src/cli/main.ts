#!/usr/bin/env node
/** cellforge command-line entry point: argument parsing only, one file per command. */
console.log("cellforge: commands coming soon");
