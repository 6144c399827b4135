// Copies non-TypeScript assets (JSON parameter sets, data tables) from src/ to dist/ after tsc.
import { cpSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".json") || name.endsWith(".csv")) cpSync(path, path.replace(/^src/, "dist"));
  }
}
if (existsSync("src")) walk("src");
