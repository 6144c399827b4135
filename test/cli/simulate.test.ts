import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNumericCsv, rmseAgainst } from "../helpers/reference-csv.js";
import { runCli } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "cellforge-cli-"));

describe("cellforge simulate (CLI contract)", () => {
  it("writes the contract's CSV for an SPM discharge, matching PyBaMM", async () => {
    const r = await runCli([
      "simulate",
      "--params",
      "chen2020",
      "--model",
      "spm",
      "--experiment",
      "Discharge at 1C until 2.5 V",
      "--period",
      "5",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("time_s,voltage_V,current_A,dischargeCapacity_Ah");
    const path = join(dir, "spm.csv");
    writeFileSync(path, r.stdout);
    const ours = readNumericCsv(path);
    const reference = readNumericCsv("fixtures/pybamm-spm/Chen2020_SPM_1C.csv");
    expect(rmseAgainst(reference.time_s!, reference.voltage_V!, ours.time_s!, ours.voltage_V!)).toBeLessThan(
      2e-3,
    );
    expect(ours.current_A!.every((i) => Math.abs(i - 5) < 1e-9)).toBe(true);
  });

  it("writes the contract's JSON with solve-time statistics over --repeat runs, and a plot", async () => {
    const out = join(dir, "run.json");
    const plot = join(dir, "run.svg");
    const r = await runCli([
      "simulate",
      "--params",
      "marquis2019",
      "--experiment",
      "Discharge at 1C until 3.105 V; Rest for 10 minutes",
      "--output",
      "json",
      "--repeat",
      "3",
      "--out",
      out,
      "--plot",
      plot,
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, "utf8"));
    for (const key of [
      "model",
      "parameterSet",
      "terminationReason",
      "finalTime_s",
      "dischargeCapacity_Ah",
      "solveTime_ms",
      "series",
    ]) {
      expect(doc).toHaveProperty(key);
    }
    expect(doc.model).toBe("spm");
    expect(doc.parameterSet).toBe("marquis2019");
    expect(doc.solveTime_ms.min).toBeLessThanOrEqual(doc.solveTime_ms.median);
    expect(doc.solveTime_ms.median).toBeLessThanOrEqual(doc.solveTime_ms.max);
    expect(doc.series.time_s.length).toBe(doc.series.voltage_V.length);
    expect(doc.finalTime_s).toBeCloseTo(3622.9 + 600, -1);
    expect(readFileSync(plot, "utf8")).toMatch(/^<svg/);
  });

  it("runs a current profile from an initial SOC and overrides a parameter with --set", async () => {
    const profile = join(dir, "profile.csv");
    writeFileSync(profile, "time_s,current_A\n0,2\n300,2\n301,-1\n600,-1\n");
    const r = await runCli([
      "simulate",
      "--current-profile",
      profile,
      "--initial-soc",
      "0.5",
      "--output",
      "json",
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.finalTime_s).toBeCloseTo(600, 6);
    // ∫ I dt of the piecewise-linear profile: 2·300 + (2 − 1)/2·1 − 1·299 = 301.5 A s.
    expect(doc.dischargeCapacity_Ah).toBeCloseTo(301.5 / 3600, 6);
  });

  it("exits 3 with a one-line reason when the experiment stops early, keeping the data", async () => {
    const r = await runCli(["simulate", "--experiment", "Discharge at 2C for 2 hours", "--output", "json"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/incomplete: .*lower voltage cut-off/);
    const doc = JSON.parse(r.stdout);
    expect(doc.isComplete).toBe(false);
    expect(doc.series.voltage_V.at(-1)).toBeCloseTo(2.5, 6);
  });

  it("notes a step skipped because its condition already holds", async () => {
    const r = await runCli([
      "simulate",
      "--experiment",
      "Charge at 1C until 2.6 V; Discharge at 1C for 1 minute",
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/note: step 1 .* skipped/);
  });

  it("rejects bad input with one line and exit code 2", async () => {
    const cases: [string[], RegExp][] = [
      [["simulate", "--experiment", "Discharge at 1C until banana"], /expected/i],
      [["simulate", "--params", "nope", "--experiment", "Rest for 1 hour"], /nope/],
      [["simulate", "--model", "xyz", "--experiment", "Rest for 1 hour"], /xyz/],
      [["simulate", "--experiment", "Rest for 1 hour", "--initial-soc", "1.5"], /1\.5/],
      [["simulate", "--experiment", "Rest for 1 hour", "--mesh", "0"], /mesh/],
      [["simulate", "--experiment", "Rest for 1 hour", "--output", "xml"], /xml/],
      [["simulate", "--experiment", "Rest for 1 hour", "--set", "no.such.path=3"], /no\.such\.path/],
      [["simulate", "--experiment", "Rest for 1 hour", "--ambient-K", "25"], /298\.15 K\?/],
      [["simulate", "--experiment", "Rest for 1 hour", "--no-such-flag"], /^cellforge: unknown option/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
