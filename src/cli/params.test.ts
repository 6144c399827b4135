import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getParameterSet } from "../core/parameters/index.js";
import { CliInputError } from "./options.js";
import { registerParamsCommand, resolveParameterSetArgument } from "./params.js";

async function run(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerParamsCommand(program);
  let out = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await program.parseAsync(["node", "cellforge", ...args]);
  vi.restoreAllMocks();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe("cellforge params", () => {
  it("list names the built-in sets", async () => {
    const out = await run("params", "list");
    expect(out).toMatch(/^chen2020 +LG M50/m);
    expect(out).toMatch(/^marquis2019 +Kokam/m);
    expect(JSON.parse(await run("params", "list", "--json")).map((s: { name: string }) => s.name)).toContain(
      "chen2020",
    );
  });

  it("show --json prints the whole set, which reads back from a file unchanged", async () => {
    const json = JSON.parse(await run("params", "show", "chen2020", "--json"));
    expect(json).toEqual(getParameterSet("chen2020"));
    const dir = mkdtempSync(join(tmpdir(), "cellforge-params-"));
    const file = join(dir, "my-cell.json");
    writeFileSync(file, JSON.stringify({ ...json, name: "my-cell" }));
    expect(
      resolveParameterSetArgument(file, ["positive.particleRadius_m=4e-6"]).positive.particleRadius_m,
    ).toBe(4e-6);
    expect(JSON.parse(await run("params", "show", file, "--json")).name).toBe("my-cell");
  });

  it("show without --json prints a summary with the SOC stoichiometry window", async () => {
    const out = await run("params", "show", "chen2020", "--set", "negative.thickness_m=9e-5");
    expect(out).toMatch(/negative +graphite-SiOx: thickness 90 µm/);
    expect(out).toMatch(/stoichiometry +negative 0\.0\d+–0\.9\d+/);
  });

  it("turns bad names, files and overrides into CliInputError", () => {
    expect(() => resolveParameterSetArgument("nope", [])).toThrow(CliInputError);
    expect(() => resolveParameterSetArgument("nope", [])).toThrow(/expected one of chen2020, marquis2019/);
    expect(() => resolveParameterSetArgument("missing.json", [])).toThrow(
      /parameter set file missing\.json: file not found/,
    );
    expect(() => resolveParameterSetArgument("chen2020", ["separator.porosity=-1"])).toThrow(
      /separator\.porosity = -1 \(dimensionless\): must be > 0/,
    );
    const dir = mkdtempSync(join(tmpdir(), "cellforge-params-"));
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect(() => resolveParameterSetArgument(join(dir, "bad.json"), [])).toThrow(/not valid JSON/);
  });

  it("the real CLI (main.ts) exits 2 with a one-line reason on bad input", () => {
    const bad = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "src/cli/main.ts",
        "params",
        "show",
        "chen2020",
        "--set",
        "cell.nominalCapacity_Ah=0",
      ],
      {
        encoding: "utf8",
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(/cell\.nominalCapacity_Ah = 0 \(Ah\): must be > 0/);
  });
});
