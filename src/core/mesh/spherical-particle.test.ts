import { describe, expect, it } from "vitest";
import {
  createSphericalParticleMesh,
  particleAverageConcentration,
  particleDiffusionRhs,
  particleSurfaceConcentration,
} from "./spherical-particle.js";

describe("spherical particle finite volumes", () => {
  const radius_m = 5e-6;
  const mesh = createSphericalParticleMesh(radius_m, 20);

  it("volume fractions sum to one", () => {
    expect(mesh.volumeFraction.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("is exact for the long-time constant-flux profile c = −N r²/(2 D R): dc/dt = −3N/R everywhere", () => {
    const D = 3e-14;
    const flux = 2e-5; // mol/m²/s outward
    const c = new Float64Array(20);
    for (let i = 0; i < 20; i++) c[i] = 20000 - (flux * mesh.nodes_m[i]! ** 2) / (2 * D * radius_m);
    const out = new Float64Array(20);
    particleDiffusionRhs(mesh, c, 0, 30000, () => D, flux, out, 0);
    for (const v of out) expect(v).toBeCloseTo((-3 * flux) / radius_m, 6);
  });

  it("conserves lithium: d/dt of the average equals −3N/R for any profile and D(c)", () => {
    const c = new Float64Array(20);
    for (let i = 0; i < 20; i++) c[i] = 10000 + 5000 * Math.sin(i);
    const out = new Float64Array(20);
    const flux = -1e-5;
    particleDiffusionRhs(mesh, c, 0, 30000, (s) => 1e-14 * (1 + s * s), flux, out, 0);
    expect(particleAverageConcentration(mesh, out, 0)).toBeCloseTo((-3 * flux) / radius_m, 8);
  });

  it("extrapolates a linear profile exactly to the surface", () => {
    const c = new Float64Array(20);
    for (let i = 0; i < 20; i++) c[i] = 100 + 3e9 * mesh.nodes_m[i]!;
    expect(particleSurfaceConcentration(mesh, c, 0)).toBeCloseTo(100 + 3e9 * radius_m, 8);
  });

  it("rejects a non-physical radius or mesh with a clear message", () => {
    expect(() => createSphericalParticleMesh(-1e-6, 20)).toThrow(/radius_m = -0.000001 m/);
    expect(() => createSphericalParticleMesh(1e-6, 1)).toThrow(/points = 1/);
  });
});
