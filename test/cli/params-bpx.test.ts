import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

describe("cellforge params show --bpx and simulate --params <bpx file>", () => {
  it("exports a set as BPX and simulates the exported file to the same discharge", async () => {
    const exported = await runCli(["params", "show", "chen2020", "--bpx"]);
    expect(exported.status).toBe(0);
    const doc = JSON.parse(exported.stdout);
    expect(doc.Header).toBeDefined();
    expect(doc.Parameterisation).toBeDefined();
    const file = join(mkdtempSync(join(tmpdir(), "cellforge-bpx-")), "chen2020.bpx.json");
    writeFileSync(file, exported.stdout);
    const args = ["--model", "spm", "--experiment", "Discharge at 1C until 2.5 V", "--output", "json"];
    const fromBpx = await runCli(["simulate", "--params", file, ...args]);
    const builtIn = await runCli(["simulate", "--params", "chen2020", ...args]);
    expect(fromBpx.status).toBe(0);
    const a = JSON.parse(fromBpx.stdout);
    const b = JSON.parse(builtIn.stdout);
    expect(a.finalTime_s).toBeCloseTo(b.finalTime_s, 3);
    expect(a.dischargeCapacity_Ah).toBeCloseTo(b.dischargeCapacity_Ah, 6);
  });

  it("rejects an unknown BPX layout", async () => {
    const r = await runCli(["params", "show", "chen2020", "--bpx", "--bpx-layout", "2.0"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--bpx-layout 2\.0/);
  });
});
