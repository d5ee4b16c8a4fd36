// A seeded pseudo-random generator, so that a simulation with the same seed replays exactly.
// xoshiro128** (Blackman & Vigna): fast in 32-bit integer arithmetic, period 2^128 − 1;
// the state is filled from the seed with splitmix32 so that close seeds give unrelated streams.

export interface Random {
  /** A uniform double in [0, 1), 53 bits of resolution. */
  next(): number;
}

/** `stream` picks one of several independent sequences for the same seed. */
export function createRandom(seed: number, stream = 0): Random {
  let s = (seed ^ Math.imul(stream, 0x6d2b79f5)) >>> 0;
  const splitmix32 = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  return {
    next(): number {
      // 27 high bits and 26 high bits make a 53-bit fraction.
      const high = next32() >>> 5;
      const low = next32() >>> 6;
      return (high * 67108864 + low) / 9007199254740992;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
