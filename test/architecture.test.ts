import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) files.push(path);
  }
  return files;
}

const coreFiles = sourceFiles("src/core");

/** Code with comments and string literals removed, so prose like "no Date.now" does not count. */
function code(path: string): string {
  return readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/`(?:\\.|[^`\\])*`/g, "``")
    .replace(/"(?:\\.|[^"\\])*"/g, '""');
}

describe("architecture", () => {
  it("keeps src/core pure: no node: imports, clock, global randomness, console or process", () => {
    const offences: string[] = [];
    for (const file of coreFiles) {
      const text = readFileSync(file, "utf8");
      const body = code(file);
      if (/from\s+["']node:|require\(|from\s+["'](fs|path|os|child_process)["']/.test(text)) {
        offences.push(`${file}: imports a Node module`);
      }
      for (const banned of [
        "Date.now",
        "new Date(",
        "Math.random",
        "console.",
        "process.",
        "performance.now",
      ]) {
        if (body.includes(banned)) offences.push(`${file}: uses ${banned}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it("imports only downwards: core never imports io/cli; models never import solvers or simulation", () => {
    const offences: string[] = [];
    for (const file of coreFiles) {
      const rel = relative("src/core", file);
      for (const match of readFileSync(file, "utf8").matchAll(/from\s+["']([^"']+)["']/g)) {
        const target = match[1]!;
        if (/\/(io|cli|server)\//.test(target) || target.startsWith("../../io")) {
          offences.push(`${rel} imports ${target}`);
        }
        if (rel.startsWith("models/") && /\/(solvers|simulation)\//.test(target)) {
          if (!target.endsWith("solvers/problem.js")) offences.push(`${rel} imports ${target}`);
        }
        if (rel.startsWith("math/") && /\.\.\/(models|simulation|parameters|economics|ml)\//.test(target)) {
          offences.push(`${rel} imports ${target}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
