import { describe, expect, it } from "vitest";

describe("package", () => {
  it("exposes the library entry point", async () => {
    const lib = await import("../src/core/index.js");
    expect(typeof lib).toBe("object");
  });
});
