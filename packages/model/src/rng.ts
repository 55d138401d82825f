// Random numbers for sampling. Both generators are deterministic from a seed.

/** llama2.c's xorshift64* (run.c `random_u32` / `random_f32`), bit for bit, on BigInt state. */
export class XorShiftRng {
  #state: bigint;
  constructor(seed: number | bigint) {
    this.#state = BigInt.asUintN(64, BigInt(seed));
  }
  /** run.c random_u32. */
  nextU32(): number {
    let s = this.#state;
    s ^= s >> 12n;
    s = BigInt.asUintN(64, s ^ (s << 25n));
    s ^= s >> 27n;
    this.#state = s;
    return Number(BigInt.asUintN(64, s * 0x2545f4914f6cdd1dn) >> 32n);
  }
  /** run.c random_f32: a float32 in [0, 1). */
  next(): number {
    return Math.fround((this.nextU32() >>> 8) / 16777216);
  }
}

/** A fast seeded generator (mulberry32) for everyday sampling; next() in [0, 1). */
export class SeededRng {
  #a: number;
  constructor(seed: number) {
    this.#a = seed >>> 0;
  }
  next(): number {
    let t = (this.#a = (this.#a + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
