import { describe, expect, it } from "vitest";
import { InputError } from "../core/errors.js";
import { parseDesignText } from "./design-file.js";

describe("design files", () => {
  it("YAML and JSON give the same request; chemistry recipe fields can be overridden", () => {
    const yaml =
      "kind: cellforge.design\nschemaVersion: 1\nchemistry: { id: NMC622-G, npRatio: 1.15, positive: { porosity: 0.3 } }\nformat: '21700'\nplant: { packsPerYear: 50000 }\n";
    const json = JSON.stringify({
      kind: "cellforge.design",
      schemaVersion: 1,
      chemistry: { id: "NMC622-G", npRatio: 1.15, positive: { porosity: 0.3 } },
      format: "21700",
      plant: { packsPerYear: 50000 },
    });
    const a = parseDesignText(yaml, "a.yaml");
    const b = parseDesignText(json, "b.json");
    expect(a).toEqual(b);
    expect(a.input.chemistry.npRatio).toBe(1.15);
    expect(a.input.chemistry.positive.porosity).toBe(0.3);
    expect(a.input.chemistry.positive.activeMaterialId).toBe("NMC622");
    expect(a.input.format).toEqual({ kind: "cylindrical", diameter_m: 0.021, height_m: 0.07 });
    expect(a.options.plant.packsPerYear).toBe(50000);
  });
  it("errors name the file, field and allowed values", () => {
    expect(() => parseDesignText("chemistry: XYZ", "d.yaml")).toThrow(/d.yaml: chemistry = "XYZ"/);
    expect(() => parseDesignText("pack: { energy_kWh: big }", "d.yaml")).toThrow(/pack.energy_kWh = "big"/);
    expect(() => parseDesignText("colour: red", "d.yaml")).toThrow(/colour/);
    expect(() => parseDesignText("{ not json", "d.json")).toThrow(InputError);
    expect(() => parseDesignText("kind: other", "d.yaml")).toThrow(/kind = "other"/);
  });
});
