/**
 * Test problems with known or published solutions, shared by the conformance tests and benchmarks.
 * (Only imported by *.test.ts and bench/ files.)
 */
import type { DaeProblem, JacobianStructure } from "../problem.js";

/** y' = −y, y(0) = 1 → y = e^{−t}. */
export function exponentialDecay(): DaeProblem {
  return {
    size: 1,
    mass: Float64Array.of(1),
    rhs(_t, y, out) {
      out[0] = -y[0];
    },
  };
}

/** y' = −2 t y², y(0) = 1 → y = 1 / (1 + t²) (nonlinear, non-autonomous). */
export function rationalDecay(): DaeProblem {
  return {
    size: 1,
    mass: Float64Array.of(1),
    rhs(t, y, out) {
      out[0] = -2 * t * y[0] * y[0];
    },
  };
}

/**
 * Robertson's stiff chemical kinetics (ODE form, or with y3 algebraic: y1 + y2 + y3 = 1).
 * @see Robertson (1966); Hairer & Wanner, Solving ODEs II (1996) §IV.1; Mazzia & Magherini, Test Set for IVP Solvers (ROBER).
 */
export function robertson(asDae = false): DaeProblem {
  return {
    size: 3,
    mass: Float64Array.of(1, 1, asDae ? 0 : 1),
    rhs(_t, y, out) {
      out[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
      out[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
      out[2] = asDae ? y[0] + y[1] + y[2] - 1 : 3e7 * y[1] * y[1];
    },
    jacobian(_t, y, out) {
      out[0] = -0.04;
      out[1] = 1e4 * y[2];
      out[2] = 1e4 * y[1];
      out[3] = 0.04;
      out[4] = -1e4 * y[2] - 6e7 * y[1];
      out[5] = -1e4 * y[1];
      if (asDae) {
        out[6] = 1;
        out[7] = 1;
        out[8] = 1;
      } else {
        out[6] = 0;
        out[7] = 6e7 * y[1];
        out[8] = 0;
      }
    },
  };
}

/**
 * Index-1 DAE with exact solution y = e^{−t}, z = e^{−2t}:
 *   y' = −z / y,   0 = z + z³ − y² − y⁶   (z + z³ is monotone, so z = y² is the unique root).
 */
export function nonlinearIndexOneDae(): DaeProblem {
  return {
    size: 2,
    mass: Float64Array.of(1, 0),
    rhs(_t, v, out) {
      const y = v[0];
      const z = v[1];
      out[0] = -z / y;
      out[1] = z + z * z * z - y * y - y ** 6;
    },
  };
}

/**
 * Heat equation u_t = u_xx on (0, 1), u = 0 at both ends, `nodes` interior nodes (central differences).
 * With u(x, 0) = sin(πx) the semi-discrete solution is exactly u_i = e^{−λt} sin(π x_i),
 * λ = (2/Δx²)(1 − cos πΔx). `bordered = true` appends two border unknowns like a cell model's
 * capacity counter and current: Q' = a and the algebraic a = ½(u_0 + u_{n−1})(1 + 0.1 Q), while a
 * drives a sink −10⁻³·a·u_i in every node (dense border column): a 40 + 2 bordered-banded problem.
 */
export function heatEquation(
  nodes: number,
  structure: JacobianStructure["kind"],
  bordered = false,
): DaeProblem {
  const dx = 1 / (nodes + 1);
  const inv = 1 / (dx * dx);
  const size = nodes + (bordered ? 2 : 0);
  const mass = new Float64Array(size).fill(1);
  if (bordered) mass[nodes + 1] = 0;
  const jacobianStructure: JacobianStructure =
    structure === "dense"
      ? { kind: "dense" }
      : structure === "banded"
        ? bordered
          ? { kind: "banded", lower: size - 1, upper: size - 1 }
          : { kind: "banded", lower: 1, upper: 1 }
        : { kind: "bordered-banded", lower: 1, upper: 1, border: bordered ? 2 : 0 };
  return {
    size,
    mass,
    jacobianStructure,
    rhs(_t, u, out) {
      const sink = bordered ? 1e-3 * u[nodes + 1] : 0;
      for (let i = 0; i < nodes; i++) {
        const left = i > 0 ? u[i - 1] : 0;
        const right = i < nodes - 1 ? u[i + 1] : 0;
        out[i] = (left - 2 * u[i] + right) * inv - sink * u[i];
      }
      if (bordered) {
        out[nodes] = u[nodes + 1];
        out[nodes + 1] = u[nodes + 1] - 0.5 * (u[0] + u[nodes - 1]) * (1 + 0.1 * u[nodes]);
      }
    },
  };
}

/** Initial state sin(π x_i) (plus Q = 0 and a consistent a) and the semi-discrete decay rate λ. */
export function heatInitialState(
  nodes: number,
  bordered = false,
): { y0: Float64Array; decayRate_per_s: number } {
  const dx = 1 / (nodes + 1);
  const y0 = new Float64Array(nodes + (bordered ? 2 : 0));
  for (let i = 0; i < nodes; i++) y0[i] = Math.sin(Math.PI * (i + 1) * dx);
  if (bordered) y0[nodes + 1] = 0.5 * (y0[0] + y0[nodes - 1]);
  return { y0, decayRate_per_s: (2 / (dx * dx)) * (1 - Math.cos(Math.PI * dx)) };
}

/**
 * Chemical Akzo Nobel problem (CHEMAKZO), an index-1 DAE of 5 differential + 1 algebraic unknowns on
 * [0, 180] min. @see Mazzia & Magherini, Test Set for IVP Solvers, release 2.4 (2008), problem CHEMAKZO.
 */
export function chemakzo(): { problem: DaeProblem; y0: Float64Array } {
  const k1 = 18.7;
  const k2 = 0.58;
  const k3 = 0.09;
  const k4 = 0.42;
  const bigK = 34.4;
  const klA = 3.3;
  const ks = 115.83;
  const pCO2 = 0.9;
  const henry = 737;
  return {
    y0: Float64Array.of(0.444, 0.00123, 0, 0.007, 0, ks * 0.444 * 0.007),
    problem: {
      size: 6,
      mass: Float64Array.of(1, 1, 1, 1, 1, 0),
      rhs(_t, y, out) {
        const sqrtY2 = Math.sqrt(y[1]);
        const r1 = k1 * y[0] ** 4 * sqrtY2;
        const r2 = k2 * y[2] * y[3];
        const r3 = (k2 / bigK) * y[0] * y[4];
        const r4 = k3 * y[0] * y[3] * y[3];
        const r5 = k4 * y[5] * y[5] * sqrtY2;
        const fin = klA * (pCO2 / henry - y[1]);
        out[0] = -2 * r1 + r2 - r3 - r4;
        out[1] = -0.5 * r1 - r4 - 0.5 * r5 + fin;
        out[2] = r1 - r2 + r3;
        out[3] = -r2 + r3 - 2 * r4;
        out[4] = r2 - r3 + r5;
        out[5] = ks * y[0] * y[3] - y[5];
      },
    },
  };
}
