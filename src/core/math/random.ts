/**
 * Seeded, jumpable pseudo-random streams (xoshiro128**, Blackman & Vigna 2018).
 *
 * Pure: the state lives in the object you pass around; nothing global. `jump()` advances a stream by
 * 2^64 draws, so `split(n)` hands out n non-overlapping streams for parallel Monte Carlo.
 * @see https://prng.di.unimi.it/ (algorithm and jump polynomial)
 */

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** SplitMix32-style scrambler used to expand a seed into a non-zero 128-bit state. */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded random stream; every draw advances its own state only. */
export class RandomStream {
  private readonly s = new Uint32Array(4);
  private spareNormal = Number.NaN;

  /** Creates a stream from an integer seed (any 32-bit value; equal seeds give equal streams). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const next = splitmix32(Math.floor(seed));
    for (let i = 0; i < 4; i++) this.s[i] = next();
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Uniform integer in [0, n) without modulo bias. */
  integer(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError(`n must be a positive integer, got ${n}`);
    if (n <= 0x100000000) {
      const limit = 0x100000000 - (0x100000000 % n);
      let x = this.nextUint32();
      while (x >= limit) x = this.nextUint32();
      return x % n;
    }
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal draw (Marsaglia polar method, caching the spare value). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const v = this.spareNormal;
      this.spareNormal = Number.NaN;
      return v;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T>(items: T[] | Int32Array | Float64Array | Uint32Array): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
  }

  /** Advances this stream by 2^64 draws (the xoshiro128 jump polynomial). */
  jump(): void {
    const s = this.s;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          s0 ^= s[0]!;
          s1 ^= s[1]!;
          s2 ^= s[2]!;
          s3 ^= s[3]!;
        }
        this.nextUint32();
      }
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
    this.spareNormal = Number.NaN;
  }

  /** An independent copy of the current state. */
  clone(): RandomStream {
    const c = new RandomStream(0);
    c.s.set(this.s);
    c.spareNormal = this.spareNormal;
    return c;
  }

  /** `count` non-overlapping streams: the first is a copy of this one, each next one jumped 2^64 further. */
  split(count: number): RandomStream[] {
    const streams: RandomStream[] = [];
    const cursor = this.clone();
    for (let i = 0; i < count; i++) {
      streams.push(cursor.clone());
      cursor.jump();
    }
    return streams;
  }
}
