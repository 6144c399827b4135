import { describe, expect, it } from "vitest";
import { readCurrentProfileFile, readLoadProfileFile } from "./drive-cycle-csv.js";

describe("drive-cycle CSV files", () => {
  it("reads PyBaMM's US06 current profile from disk", () => {
    const profile = readCurrentProfileFile("fixtures/drive-cycles/pybamm_US06.csv");
    expect(profile.time_s[0]).toBe(0);
    expect(profile.time_s[1]).toBe(1);
    expect(profile.current_A[0]).toBe(0.012859);
    expect(readLoadProfileFile("fixtures/drive-cycles/pybamm_car_current.csv").quantity).toBe("current");
  });

  it("names the file when it is missing", () => {
    expect(() => readLoadProfileFile("fixtures/drive-cycles/none.csv")).toThrow(
      /load profile fixtures\/drive-cycles\/none\.csv: file not found/,
    );
  });
});
