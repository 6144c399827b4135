import { describe, expect, it } from "vitest";
import { chemistries } from "../materials/index.js";
import { RandomStream } from "../math/random.js";
import type { CellFormat } from "./design-types.js";
import { defaultPackTargets, standardFormats } from "./design-types.js";
import { DesignInputError } from "./errors.js";
import { evaluateDesign } from "./evaluate.js";

const formats: CellFormat[] = [
  { kind: "pouch", thickness_m: 0.02, lengthToWidth: 3 },
  { kind: "prismatic-can", thickness_m: 0.03, lengthToWidth: 2, wallThickness_m: 0.6e-3 },
  standardFormats["18650"],
  standardFormats["21700"],
  standardFormats["4680"],
];

describe("evaluateDesign over random inputs", () => {
  it("either returns finite, positive figures or throws a DesignInputError — never NaN or a crash", () => {
    const rng = new RandomStream(42);
    const ids = Object.keys(chemistries);
    let finite = 0;
    for (let i = 0; i < 100; i++) {
      const chemistry = chemistries[ids[rng.integer(ids.length)]!]!;
      const input = {
        chemistry: { ...chemistry, npRatio: rng.uniformIn(0.8, 1.4) },
        format: formats[rng.integer(formats.length)]!,
        pack: {
          ...defaultPackTargets,
          energy_kWh: rng.uniformIn(-5, 200),
          power_kW: rng.uniformIn(1, 1500),
          fastChargeTime_min: rng.uniformIn(3, 120),
        },
      };
      try {
        const { summary } = evaluateDesign(input, {
          plant: { packsPerYear: Math.round(rng.uniformIn(1_000, 2e6)) },
        });
        for (const [key, value] of Object.entries(summary)) {
          if (typeof value === "number") {
            expect(Number.isFinite(value), key).toBe(true);
            expect(value, key).toBeGreaterThanOrEqual(0);
          }
        }
        finite++;
      } catch (error) {
        expect(error).toBeInstanceOf(DesignInputError);
      }
    }
    expect(finite).toBeGreaterThan(20);
  });
});
