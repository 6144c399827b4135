// Runs every benchmark script in bench/ (or the ones named on the command line) with tsx.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";

const wanted = process.argv.slice(2);
const files = readdirSync("bench")
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
for (const file of files) {
  console.log(`\n# ${file}`);
  execFileSync(process.execPath, ["--import", "tsx", `bench/${file}`], { stdio: "inherit" });
}
