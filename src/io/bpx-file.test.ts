import { describe, expect, it } from "vitest";
import { getParameterSet } from "../core/parameters/index.js";
import { readBpxFile, readParameterSetOrBpxFile } from "./bpx-file.js";

describe("BPX files", () => {
  it("reads a BPX file and tells it apart from a cellforge set by content", () => {
    const bpx = readParameterSetOrBpxFile("fixtures/bpx/nmc_pouch_cell_BPX.json");
    expect(bpx.cell.nominalCapacity_Ah).toBe(12.5); // the file's "Nominal cell capacity [A.h]"
    expect(bpx.cell.electrodesInParallel).toBe(34);
    const own = readParameterSetOrBpxFile("src/core/parameters/sets/chen2020.json");
    expect(own).toEqual(getParameterSet("chen2020"));
  });

  it("names the file on errors", () => {
    expect(() => readBpxFile("fixtures/bpx/missing.json")).toThrow(
      /BPX file fixtures\/bpx\/missing\.json: file not found/,
    );
    expect(() => readBpxFile("src/core/parameters/sets/chen2020.json")).toThrow(
      /chen2020\.json: invalid BPX document: Header = missing .*required field is missing/,
    );
  });
});
