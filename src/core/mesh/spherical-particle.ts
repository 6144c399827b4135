/**
 * Finite-volume discretisation of Fickian diffusion in a sphere, shared by the particle models.
 *
 * Uniform cells in r ∈ [0, R]; unknowns are cell-average concentrations at the cell centres. Fluxes live
 * on cell edges (zero at r = 0, the prescribed surface flux at r = R) and the divergence is taken over
 * spherical shells, so the scheme conserves lithium exactly:
 *   dc_i/dt = −(r_{i+½}² N_{i+½} − r_{i−½}² N_{i−½}) · 3 / (r_{i+½}³ − r_{i−½}³),  N = −D ∂c/∂r.
 * Interior edge diffusivities are arithmetic means of the node values; the surface value is the linear
 * extrapolation from the last two nodes (the choice of PyBaMM's default finite-volume scheme).
 * @see Crank, The Mathematics of Diffusion (1975), ch. 6 (diffusion in a sphere)
 */

/** Geometry of one spherically symmetric particle mesh. */
export interface SphericalParticleMesh {
  /** Number of finite-volume cells. */
  readonly points: number;
  readonly radius_m: number;
  /** Cell width (m). */
  readonly spacing_m: number;
  /** Cell-centre radii (m), length `points`. */
  readonly nodes_m: Float64Array;
  /** r² at the cell edges (m²), length `points + 1`. */
  readonly edgeAreaFactor_m2: Float64Array;
  /** 3 / (r_{i+½}³ − r_{i−½}³) (1/m³), length `points`. */
  readonly inverseShellVolumeFactor_per_m3: Float64Array;
  /** (r_{i+½}³ − r_{i−½}³) / R³: the fraction of the particle volume in each cell. */
  readonly volumeFraction: Float64Array;
}

/** Builds a uniform spherical finite-volume mesh with `points` cells on a particle of radius `radius_m`. */
export function createSphericalParticleMesh(radius_m: number, points: number): SphericalParticleMesh {
  if (!(radius_m > 0) || !Number.isFinite(radius_m)) {
    throw new RangeError(`particle radius_m = ${radius_m} m: must be a positive finite length`);
  }
  if (!Number.isInteger(points) || points < 2) {
    throw new RangeError(`particle mesh points = ${points}: must be an integer ≥ 2`);
  }
  const spacing_m = radius_m / points;
  const nodes_m = new Float64Array(points);
  const edgeAreaFactor_m2 = new Float64Array(points + 1);
  const inverseShellVolumeFactor_per_m3 = new Float64Array(points);
  const volumeFraction = new Float64Array(points);
  for (let i = 0; i <= points; i++) edgeAreaFactor_m2[i] = (i * spacing_m) ** 2;
  const r3 = radius_m ** 3;
  for (let i = 0; i < points; i++) {
    const inner = i * spacing_m;
    const outer = (i + 1) * spacing_m;
    nodes_m[i] = (i + 0.5) * spacing_m;
    const shell = outer ** 3 - inner ** 3;
    inverseShellVolumeFactor_per_m3[i] = 3 / shell;
    volumeFraction[i] = shell / r3;
  }
  return {
    points,
    radius_m,
    spacing_m,
    nodes_m,
    edgeAreaFactor_m2,
    inverseShellVolumeFactor_per_m3,
    volumeFraction,
  };
}

/**
 * Writes dc/dt of one particle into `out[outOffset…]` from concentrations `c[offset…]`.
 * `edgeDiffusivity_m2_per_s` (length points − 1, caller-owned) receives the interior edge diffusivities;
 * `diffusivity(sto)` gives D at a node (or a number when D does not depend on the stoichiometry); `surfaceFlux_mol_per_m2_s` is the outward molar flux at r = R.
 */
export function particleDiffusionRhs(
  mesh: SphericalParticleMesh,
  c: Float64Array,
  offset: number,
  maxConcentration_mol_per_m3: number,
  diffusivity: number | ((stoichiometry: number) => number),
  surfaceFlux_mol_per_m2_s: number,
  out: Float64Array,
  outOffset: number,
): void {
  const n = mesh.points;
  const h = mesh.spacing_m;
  const area = mesh.edgeAreaFactor_m2;
  const inv = mesh.inverseShellVolumeFactor_per_m3;
  let previousFluxTimesArea = 0; // N at r = 0 vanishes by symmetry
  if (typeof diffusivity === "number") {
    // Constant diffusivity: no per-node function calls.
    const dOverH = diffusivity / h;
    for (let i = 0; i < n - 1; i++) {
      const fluxTimesArea = -area[i + 1]! * dOverH * (c[offset + i + 1]! - c[offset + i]!);
      out[outOffset + i] = -(fluxTimesArea - previousFluxTimesArea) * inv[i]!;
      previousFluxTimesArea = fluxTimesArea;
    }
    out[outOffset + n - 1] = -(area[n]! * surfaceFlux_mol_per_m2_s - previousFluxTimesArea) * inv[n - 1]!;
    return;
  }
  let dPrev = diffusivity(c[offset]! / maxConcentration_mol_per_m3);
  for (let i = 0; i < n - 1; i++) {
    const dNext = diffusivity(c[offset + i + 1]! / maxConcentration_mol_per_m3);
    const flux = (-0.5 * (dPrev + dNext) * (c[offset + i + 1]! - c[offset + i]!)) / h;
    const fluxTimesArea = area[i + 1]! * flux;
    out[outOffset + i] = -(fluxTimesArea - previousFluxTimesArea) * inv[i]!;
    previousFluxTimesArea = fluxTimesArea;
    dPrev = dNext;
  }
  out[outOffset + n - 1] = -(area[n]! * surfaceFlux_mol_per_m2_s - previousFluxTimesArea) * inv[n - 1]!;
}

/** Surface concentration by linear extrapolation from the two outermost cell centres. */
export function particleSurfaceConcentration(
  mesh: SphericalParticleMesh,
  c: Float64Array,
  offset: number,
): number {
  const n = mesh.points;
  return 1.5 * c[offset + n - 1]! - 0.5 * c[offset + n - 2]!;
}

/** Volume-averaged concentration of one particle (mol/m³). */
export function particleAverageConcentration(
  mesh: SphericalParticleMesh,
  c: Float64Array,
  offset: number,
): number {
  let sum = 0;
  for (let i = 0; i < mesh.points; i++) sum += mesh.volumeFraction[i]! * c[offset + i]!;
  return sum;
}
