import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type ExperimentStep,
  ExperimentStepError,
  ExperimentSyntaxError,
  flattenExperiment,
  formatExperiment,
  formatStep,
  loadProfileData,
  parseCurrentProfileCsv,
  parseExperiment,
  parseExperimentJson,
  parseLoadProfileCsv,
  parseStep,
  resolveStep,
} from "./index.js";

const chen = { nominalCapacity_Ah: 5, lowerVoltageCutoff_V: 2.5, upperVoltageCutoff_V: 4.2 };

function syntaxError(text: string): ExperimentSyntaxError {
  try {
    parseExperiment(text);
  } catch (error) {
    if (error instanceof ExperimentSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe("parseExperiment: the PyBaMM-style step strings", () => {
  const cases: [string, ExperimentStep][] = [
    [
      "Discharge at 1C until 2.5 V",
      { kind: "current", direction: "discharge", cRate: 1, until: [{ kind: "voltage", voltage_V: 2.5 }] },
    ],
    [
      "Charge at 0.5C until 4.2 V",
      { kind: "current", direction: "charge", cRate: 0.5, until: [{ kind: "voltage", voltage_V: 4.2 }] },
    ],
    [
      "Hold at 4.2 V until C/50",
      { kind: "voltage-hold", voltage_V: 4.2, until: [{ kind: "current", cRate: 1 / 50 }] },
    ],
    ["Rest for 1 hour", { kind: "rest", duration_s: 3600 }],
    [
      "Discharge at 5 A for 10 minutes",
      { kind: "current", direction: "discharge", current_A: 5, duration_s: 600 },
    ],
    [
      "Discharge at 15 W until 3 V",
      { kind: "power", direction: "discharge", power_W: 15, until: [{ kind: "voltage", voltage_V: 3 }] },
    ],
    [
      "Charge at 1C until 80% SOC",
      { kind: "current", direction: "charge", cRate: 1, until: [{ kind: "soc", stateOfCharge_percent: 80 }] },
    ],
    [
      "Discharge at C/3 for 2 hours or until 3.3 V",
      {
        kind: "current",
        direction: "discharge",
        cRate: 1 / 3,
        duration_s: 7200,
        until: [{ kind: "voltage", voltage_V: 3.3 }],
      },
    ],
    [
      "discharge at 500 mA for 30 s",
      { kind: "current", direction: "discharge", current_A: 0.5, duration_s: 30 },
    ],
    [
      "Charge at 250mW until 4100 mV",
      { kind: "power", direction: "charge", power_W: 0.25, until: [{ kind: "voltage", voltage_V: 4.1 }] },
    ],
    [
      "Hold at 4.2V until 50 mA",
      { kind: "voltage-hold", voltage_V: 4.2, until: [{ kind: "current", current_A: 0.05 }] },
    ],
    [
      "Charge at 2 A until 4.1 V or 90% SOC",
      {
        kind: "current",
        direction: "charge",
        current_A: 2,
        until: [
          { kind: "voltage", voltage_V: 4.1 },
          { kind: "soc", stateOfCharge_percent: 90 },
        ],
      },
    ],
  ];

  it.each(cases)("%s", (text, expected) => {
    expect(parseStep(text)).toEqual(expected);
  });

  it.each(cases)("round trip: parse(format(parse(%s))) is unchanged", (text) => {
    const step = parseStep(text);
    expect(parseStep(formatStep(step))).toEqual(step);
  });

  it("formats canonically", () => {
    expect(formatStep(parseStep("discharge at C/3 for 120 min or until 3.3V"))).toBe(
      "Discharge at C/3 for 2 hours or until 3.3 V",
    );
    expect(formatStep(parseStep("Rest for 90 s"))).toBe("Rest for 90 seconds");
    expect(formatStep(parseStep("Hold at 4.2 V until C/50"))).toBe("Hold at 4.2 V until C/50");
  });
});

describe("multi-step experiments and repeats", () => {
  it("splits on ';' and new lines, and accepts arrays", () => {
    const e = parseExperiment("Discharge at 1C until 2.5 V; Rest for 1 hour\nCharge at 1C until 4.2 V");
    expect(e.kind).toBe("cellforge.experiment");
    expect(e.steps).toHaveLength(3);
    expect(
      parseExperiment(["Discharge at 1C until 2.5 V", "Rest for 1 hour", "Charge at 1C until 4.2 V"]),
    ).toEqual(e);
  });

  it("repeats a block N times with [..] x N or (..) x N", () => {
    const e = parseExperiment("Rest for 10 s; [Discharge at 1C until 3 V; Charge at 1C until 4.2 V] x 3");
    expect(e.steps[1]).toMatchObject({ repeat: 3 });
    const flat = flattenExperiment(e);
    expect(flat.map((s) => s.kind === "current" && s.direction)).toEqual([
      false,
      "discharge",
      "charge",
      "discharge",
      "charge",
      "discharge",
      "charge",
    ]);
    expect(parseExperiment("(Discharge at 1C until 3 V; Charge at 1C until 4.2 V) × 3")).toEqual(
      parseExperiment("[Discharge at 1C until 3 V; Charge at 1C until 4.2 V] x3"),
    );
    expect(formatExperiment(e)).toBe(
      "Rest for 10 seconds; [Discharge at 1C until 3 V; Charge at 1C until 4.2 V] x 3",
    );
    expect(parseExperiment(formatExperiment(e))).toEqual(e);
  });

  it("validates experiment JSON and round-trips it", () => {
    const e = parseExperiment("[Discharge at 1C until 3 V; Hold at 4.2 V until C/20] x 2");
    expect(parseExperimentJson(JSON.parse(JSON.stringify(e)))).toEqual(e);
    expect(() => parseExperimentJson({ kind: "cellforge.experiment", schemaVersion: 1, steps: [] })).toThrow(
      /invalid experiment JSON/,
    );
  });
});

describe("rejects unknown or ambiguous text, saying what was expected", () => {
  it.each([
    [
      "Dischrge at 1C until 2.5 V",
      /expected "Discharge", "Charge", "Hold", "Rest" or "Run" but found "Dischrge" \(position 1\)/,
    ],
    ["Discharge at 1 until 2.5 V", /unit after the number: "C", "A", "mA", "W" or "mW" but found "until"/],
    ["Discharge 1C until 2.5 V", /expected "at" but found "1"/],
    [
      "Discharge at 1C until 2.5",
      /unit after the number: "V", "mV", "A", "mA", "C" or "% SOC" but found the end/,
    ],
    ["Discharge at 1C for 5 fortnights", /time unit: "seconds", "minutes" or "hours"/],
    [
      "Discharge at 1C until 2.5 V and rest",
      /"or" and another condition, or the end of the step but found "and"/,
    ],
    ["Rest", /a rest needs a duration/],
    ["Hold at 4.2 V", /voltage hold needs "until <current>"/],
    ["Discharge at 1C until 1 A", /constant-current step cannot end on current/],
    ["Charge at 1C until 120% SOC", /state of charge 120% is above 100%/],
    ["Discharge at 0C until 2.5 V", /must be a positive number, got 0/],
    ["[Discharge at 1C until 3 V; Rest for 1 hour]", /repeat count after "\]"/],
    ["[Discharge at 1C until 3 V] x 0", /repeat count 0 must be a whole number/],
    ["[[Rest for 1 s] x 2] x 2", /cannot be nested/],
    ["Discharge at 1C until 2.5 V, Rest for 1 hour", /unexpected character "," at position 28/],
    ["", /expected at least one step/],
    ["Run current profile udds", /no load profile named "udds" was supplied/],
  ])("%s", (text, pattern) => {
    const error = syntaxError(text);
    expect(error.message).toMatch(pattern);
    expect(error.message).toMatch(/Discharge at 1C until 2\.5 V/); // the expected forms are listed
  });

  it("reports the position of the offending token", () => {
    expect(syntaxError("Rest for 1 hour; Dischrge at 1C").position).toBe(17);
  });
});

describe("resolveStep", () => {
  it("converts C-rates to amperes with the sign convention (discharge positive) and guards", () => {
    const d = resolveStep(parseStep("Discharge at C/2 until 3 V"), chen);
    expect(d.control.mode).toBe("current");
    expect(d.control.value(0)).toBe(2.5);
    expect(d.duration_s).toBe(Number.POSITIVE_INFINITY);
    expect(d.terminations).toEqual([{ kind: "voltage", voltage_V: 3, isFalling: true }]);
    expect([d.guardsLowerCutoff, d.guardsUpperCutoff]).toEqual([true, false]);
    const c = resolveStep(parseStep("Charge at 1C for 30 minutes or until 4.1 V"), chen);
    expect(c.control.value(100)).toBe(-5);
    expect(c.duration_s).toBe(1800);
    expect(c.terminations).toEqual([{ kind: "voltage", voltage_V: 4.1, isFalling: false }]);
    expect([c.guardsLowerCutoff, c.guardsUpperCutoff]).toEqual([false, true]);
  });

  it("CV hold ends on current magnitude; rest guards both cut-offs; power and SOC targets", () => {
    const h = resolveStep(parseStep("Hold at 4.2 V until C/50"), chen);
    expect(h.control.mode).toBe("voltage");
    expect(h.control.value(0)).toBe(4.2);
    expect(h.terminations).toEqual([{ kind: "current-magnitude-below", current_A: 0.1 }]);
    // A hold imposes V: guarding the cut-offs would stop "Hold at 4.2 V" at once on solver noise.
    expect([h.guardsLowerCutoff, h.guardsUpperCutoff]).toEqual([false, false]);
    const r = resolveStep(parseStep("Rest for 1 hour"), chen);
    expect([
      r.control.mode,
      r.control.value(5),
      r.duration_s,
      r.guardsLowerCutoff,
      r.guardsUpperCutoff,
    ]).toEqual(["current", 0, 3600, true, true]);
    const p = resolveStep(parseStep("Charge at 15 W until 80% SOC"), chen);
    expect([p.control.mode, p.control.value(0)]).toEqual(["power", -15]);
    expect(p.terminations).toEqual([{ kind: "soc", soc: 0.8, isFalling: false }]);
    expect(p.description).toBe("Charge at 15 W until 80% SOC");
  });

  it("refuses steps that cannot run on this cell", () => {
    expect(() => resolveStep(parseStep("Discharge at 1C until 2 V"), chen)).toThrow(ExperimentStepError);
    expect(() => resolveStep(parseStep("Discharge at 1C until 2 V"), chen)).toThrow(
      /target 2 V is outside the cell's cut-offs 2\.5–4\.2 V/,
    );
    expect(() => resolveStep(parseStep("Hold at 4.3 V until C/20"), chen)).toThrow(
      /hold voltage 4\.3 V is outside/,
    );
  });
});

describe("load profiles", () => {
  it("reads PyBaMM's car-current drive cycle (comment header) and drives a step with it", () => {
    const text = readFileSync("fixtures/drive-cycles/pybamm_car_current.csv", "utf8");
    const profile = parseCurrentProfileCsv(text);
    expect(profile.time_s).toHaveLength(14);
    expect(profile.time_s[13]).toBe(3600);
    expect(profile.current_A[2]).toBe(-0.5);
    const e = parseExperiment("Run current profile car; Rest for 10 minutes", {
      profiles: { car: loadProfileData(parseLoadProfileCsv(text)) },
    });
    const step = resolveStep(flattenExperiment(e)[0]!, chen);
    expect(step.control.mode).toBe("current");
    expect(step.duration_s).toBe(3600);
    expect(step.control.value(25)).toBe(1);
    expect(step.control.value(55)).toBeCloseTo(-0.5, 12);
    // Linear between 410 s (1 A) and 410.001 s (2 A).
    expect(step.control.value(410.0005)).toBeCloseTo(1.5, 9);
    expect([step.guardsLowerCutoff, step.guardsUpperCutoff]).toEqual([true, true]);
    expect(formatExperiment(e)).toBe("Run current profile car; Rest for 10 minutes");
  });

  it("reads US06 (601 rows) and time offsets start the step at the first sample", () => {
    const profile = parseCurrentProfileCsv(readFileSync("fixtures/drive-cycles/pybamm_US06.csv", "utf8"));
    expect(profile.time_s.length).toBeGreaterThan(590);
    const shifted = {
      time_s: Array.from(profile.time_s, (t) => t + 100),
      current_A: Array.from(profile.current_A),
    };
    const step = resolveStep(
      parseStep("Run current profile us06 for 5 minutes", { profiles: { us06: shifted } }),
      chen,
    );
    expect(step.duration_s).toBe(300);
    expect(step.control.value(10)).toBe(profile.current_A[10]);
  });

  it("accepts headers time_s,current_A and time_s,power_W (and kW)", () => {
    expect(parseLoadProfileCsv("time_s,current_A\n0,1\n10,2\n")).toMatchObject({ quantity: "current" });
    const p = parseLoadProfileCsv("# time [s],Power [kW]\n0,0.5\n1,1.5\n");
    expect(p.quantity).toBe("power");
    expect(p.quantity === "power" && Array.from(p.power_W)).toEqual([500, 1500]);
    expect(() => parseCurrentProfileCsv("time_s,power_W\n0,1\n1,2")).toThrow(/holds power, not current/);
    expect(() =>
      parseExperiment("Run power profile p", { profiles: { p: { time_s: [0, 1], current_A: [1, 1] } } }),
    ).toThrow(/profile "p" holds current, not power/);
  });

  it("rejects non-monotone time, non-numbers and too few rows with the line number", () => {
    expect(() => parseCurrentProfileCsv("time_s,current_A\n0,1\n5,1\n5,2")).toThrow(
      /line 4: time 5 s is not after the previous time 5 s/,
    );
    expect(() => parseCurrentProfileCsv("time_s,current_A\n0,1\n5,abc")).toThrow(
      /line 3: current "abc" \(A\) is not a finite number/,
    );
    expect(() => parseCurrentProfileCsv("time_s,current_A\n0,1\n")).toThrow(/at least 2 rows/);
    expect(() => parseCurrentProfileCsv("t,i\n0,1\n1,1")).toThrow(/unknown header.*time_s,current_A/);
  });
});
