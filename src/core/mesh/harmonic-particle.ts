/**
 * Spherical-particle diffusion with harmonic-mean edge diffusivities, matching PyBaMM's finite-volume
 * treatment of a flux `D(c)·∇c` (a node quantity times a gradient is mapped to the edges by the harmonic
 * mean). Uses the geometry of {@link createSphericalParticleMesh}.
 */
import type { SphericalParticleMesh } from "./spherical-particle.js";

/** Harmonic mean of two node values on an edge; `leftWeight` = h_left / (h_left + h_right). */
export function harmonicEdgeMean(left: number, right: number, leftWeight: number): number {
  const denominator = leftWeight * right + (1 - leftWeight) * left;
  return denominator === 0 ? 0 : (left * right) / denominator;
}

/**
 * Writes dc/dt of one particle into `out[outOffset…]`. `nodeDiffusivity_m2_per_s[nodeOffset…]` holds D at the
 * nodes (caller-evaluated); `surfaceFlux_mol_per_m2_s` is the outward molar flux at r = R.
 */
export function harmonicParticleDiffusionRhs(
  mesh: SphericalParticleMesh,
  c: Float64Array,
  offset: number,
  nodeDiffusivity_m2_per_s: Float64Array,
  nodeOffset: number,
  surfaceFlux_mol_per_m2_s: number,
  out: Float64Array,
  outOffset: number,
): void {
  const n = mesh.points;
  const h = mesh.spacing_m;
  const area = mesh.edgeAreaFactor_m2;
  const inv = mesh.inverseShellVolumeFactor_per_m3;
  let previousFluxTimesArea = 0;
  for (let i = 0; i < n - 1; i++) {
    const d0 = nodeDiffusivity_m2_per_s[nodeOffset + i]!;
    const d1 = nodeDiffusivity_m2_per_s[nodeOffset + i + 1]!;
    const edge = d0 + d1 === 0 ? 0 : (2 * d0 * d1) / (d0 + d1);
    const fluxTimesArea = (area[i + 1]! * -edge * (c[offset + i + 1]! - c[offset + i]!)) / h;
    out[outOffset + i] = -(fluxTimesArea - previousFluxTimesArea) * inv[i]!;
    previousFluxTimesArea = fluxTimesArea;
  }
  out[outOffset + n - 1] = -(area[n]! * surfaceFlux_mol_per_m2_s - previousFluxTimesArea) * inv[n - 1]!;
}
