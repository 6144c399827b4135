/**
 * Particle swarm optimisation (global-best, inertia weight) for bounded continuous problems; the
 * search engine behind `psoSearch` (the review's PSO-SVM / MLR-PSO hyperparameter tuning).
 * @see https://doi.org/10.1109/ICNN.1995.488968 (Kennedy & Eberhart 1995)
 * @see https://doi.org/10.1109/ICEC.1998.699146 (Shi & Eberhart 1998, inertia weight)
 */

import { RandomStream } from "../math/random.js";
import { MlInputError } from "./errors.js";

/** Options of `particleSwarmMinimize` (defaults: 20 particles, 30 iterations, w 0.7, c1 = c2 = 1.5). */
export interface ParticleSwarmOptions {
  readonly swarmSize?: number;
  readonly iterations?: number;
  readonly inertia?: number;
  readonly cognitive?: number;
  readonly social?: number;
  readonly seed?: number;
}

/** Best point found and the best value after each iteration. */
export interface ParticleSwarmResult {
  readonly best: Float64Array;
  readonly bestValue: number;
  readonly history: number[];
  readonly evaluations: number;
}

/** Minimises `objective` over the box [lower, upper] (positions clamped to the box). */
export function particleSwarmMinimize(
  objective: (x: Float64Array) => number,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  options: ParticleSwarmOptions = {},
): ParticleSwarmResult {
  const d = lower.length;
  if (upper.length !== d || d === 0)
    throw new MlInputError(`lower and upper need the same non-zero length (${d} vs ${upper.length})`);
  for (let j = 0; j < d; j++) {
    if (!(upper[j]! > lower[j]!))
      throw new MlInputError(`bound ${j}: upper ${upper[j]} must exceed lower ${lower[j]}`);
  }
  const S = options.swarmSize ?? 20;
  const iterations = options.iterations ?? 30;
  const w = options.inertia ?? 0.7;
  const c1 = options.cognitive ?? 1.5;
  const c2 = options.social ?? 1.5;
  if (!(S >= 1 && Number.isInteger(S)))
    throw new MlInputError(`swarmSize is ${S}, expected a positive integer`);
  if (!(iterations >= 0 && Number.isInteger(iterations)))
    throw new MlInputError(`iterations is ${iterations}, expected an integer ≥ 0`);
  const rng = new RandomStream(options.seed ?? 0);
  const x = new Float64Array(S * d);
  const v = new Float64Array(S * d);
  const pBest = new Float64Array(S * d);
  const pBestValue = new Float64Array(S);
  const gBest = new Float64Array(d);
  let gBestValue = Number.POSITIVE_INFINITY;
  let evaluations = 0;
  const evaluate = (s: number): number => {
    const value = objective(x.subarray(s * d, s * d + d));
    evaluations++;
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  for (let s = 0; s < S; s++) {
    for (let j = 0; j < d; j++) {
      const span = upper[j]! - lower[j]!;
      x[s * d + j] = lower[j]! + span * rng.uniform();
      v[s * d + j] = span * (rng.uniform() - 0.5) * 0.2;
    }
    pBest.set(x.subarray(s * d, s * d + d), s * d);
    pBestValue[s] = evaluate(s);
    if (pBestValue[s]! < gBestValue) {
      gBestValue = pBestValue[s]!;
      gBest.set(x.subarray(s * d, s * d + d));
    }
  }
  const history = [gBestValue];
  for (let it = 0; it < iterations; it++) {
    for (let s = 0; s < S; s++) {
      for (let j = 0; j < d; j++) {
        const k = s * d + j;
        const span = upper[j]! - lower[j]!;
        let vel =
          w * v[k]! + c1 * rng.uniform() * (pBest[k]! - x[k]!) + c2 * rng.uniform() * (gBest[j]! - x[k]!);
        vel = Math.max(-span, Math.min(span, vel));
        v[k] = vel;
        x[k] = Math.max(lower[j]!, Math.min(upper[j]!, x[k]! + vel));
      }
      const value = evaluate(s);
      if (value < pBestValue[s]!) {
        pBestValue[s] = value;
        pBest.set(x.subarray(s * d, s * d + d), s * d);
        if (value < gBestValue) {
          gBestValue = value;
          gBest.set(x.subarray(s * d, s * d + d));
        }
      }
    }
    history.push(gBestValue);
  }
  return { best: gBest, bestValue: gBestValue, history, evaluations };
}
