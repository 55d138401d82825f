// Fused causal scaled dot-product attention with grouped-query heads, optional ALiBi and an
// opt-in weights output. q/out [T, heads, headDim], k/v caches [kvLen, kvHeads, headDim]. Heads
// h0..h1-1 only (a thread takes a slice of the heads; each head is computed the same either way).
// Query row t (position pos0 + t) of head h sees keys 0..pos0+t of kv head h / (heads/kvHeads).
//
// Per (query row, head) the keys are visited in blocks of ATTN_BLOCK with an online softmax: a
// running max m and sum l; when a block raises the max, l and the output accumulator are
// rescaled by e^(m_old − m_new). Scratch is one block of scores plus one headDim accumulator,
// so memory stays O(block + headDim) whatever T and kvLen are (never O(T²)).

import { hsum4, madd } from "./simd";
import { sexp, vexpNonPos } from "./exp";
import { dot } from "./gemv";

export const ATTN_BLOCK: i32 = 128;

/** Scratch bytes for a given headDim: scores block + accumulator. */
export function attention_scratch_bytes(headDim: i32): i32 {
  return (ATTN_BLOCK + headDim + 4) << 2;
}

export function attention_f32_causal(
  out: usize, q: usize, k: usize, v: usize, T: i32, heads: i32, kvHeads: i32, headDim: i32, kvLen: i32, pos0: i32,
  scale: f32, slopes: usize, weights: usize, h0: i32, h1: i32, scratch: usize,
): void {
  const group = heads / kvHeads;
  const headBytes = <usize>headDim << 2;
  const kvStride = <usize>kvHeads * headBytes;
  const sc = scratch;
  const acc = scratch + (<usize>ATTN_BLOCK << 2);
  for (let t = 0; t < T; t++) {
    const qpos = pos0 + t;
    const nk = qpos + 1;
    for (let h = h0; h < h1; h++) {
      const kvOff = <usize>(h / group) * headBytes;
      const qp = q + <usize>(t * heads + h) * headBytes;
      const slope: f32 = slopes ? load<f32>(slopes + (<usize>h << 2)) : 0;
      let m: f32 = -Infinity;
      let l: f32 = 0;
      memory.fill(acc, 0, headBytes);
      for (let j0 = 0; j0 < nk; j0 += ATTN_BLOCK) {
        const jn = min(ATTN_BLOCK, nk - j0);
        const kb = k + <usize>j0 * kvStride + kvOff;
        const bmax = scores(sc, qp, kb, kvStride, jn, headDim, scale, slope, j0 - qpos);
        const mNew = max(m, bmax);
        const corr = sexp(m - mNew); // 0 on the first block (m = −∞)
        l = l * corr + expInPlace(sc, jn, mNew);
        if (corr != 1) scaleInPlace(acc, headDim, corr);
        accumulateValues(acc, sc, v + <usize>j0 * kvStride + kvOff, kvStride, jn, headDim);
        m = mNew;
      }
      const inv: f32 = 1 / l;
      scaleTo(out + <usize>(t * heads + h) * headBytes, acc, headDim, inv);
      if (weights) {
        // Opt-in: recompute the scores and write the normalised weights [h, t, 0..kvLen).
        const wr = weights + <usize>((h * T + t) * kvLen) * 4;
        for (let j0 = 0; j0 < nk; j0 += ATTN_BLOCK) {
          const jn = min(ATTN_BLOCK, nk - j0);
          scores(wr + (<usize>j0 << 2), qp, k + <usize>j0 * kvStride + kvOff, kvStride, jn, headDim, scale, slope, j0 - qpos);
          expInPlace(wr + (<usize>j0 << 2), jn, m);
          scaleTo(wr + (<usize>j0 << 2), wr + (<usize>j0 << 2), jn, inv);
        }
        if (nk < kvLen) memory.fill(wr + (<usize>nk << 2), 0, <usize>(kvLen - nk) << 2);
      }
    }
  }
}

/**
 * sc[j] = (q · k_j)·scale + slope·(j + rel0) for j in 0..jn-1 (k_j at kb + j·kvStride); returns max.
 * Four keys at a time: four dot products reduced into one vector of scores.
 */
function scores(sc: usize, qp: usize, kb: usize, kvStride: usize, jn: i32, hd: i32, scale: f32, slope: f32, rel0: i32): f32 {
  const hd4 = <usize>(hd & ~3) << 2;
  const hdBytes = <usize>hd << 2;
  const vscale = f32x4.splat(scale);
  const vslope = f32x4.splat(slope);
  let vmax = f32x4.splat(-Infinity);
  let j = 0;
  for (; j + 4 <= jn; j += 4) {
    const k0 = kb + <usize>j * kvStride;
    const k1 = k0 + kvStride;
    const k2 = k1 + kvStride;
    const k3 = k2 + kvStride;
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
    let off: usize = 0;
    for (; off < hd4; off += 16) {
      const qv = v128.load(qp + off);
      a0 = madd(qv, v128.load(k0 + off), a0);
      a1 = madd(qv, v128.load(k1 + off), a1);
      a2 = madd(qv, v128.load(k2 + off), a2);
      a3 = madd(qv, v128.load(k3 + off), a3);
    }
    let s = hsum4(a0, a1, a2, a3);
    if (off < hdBytes) {
      let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0, t3: f32 = 0;
      for (; off < hdBytes; off += 4) {
        const qv = load<f32>(qp + off);
        t0 += qv * load<f32>(k0 + off);
        t1 += qv * load<f32>(k1 + off);
        t2 += qv * load<f32>(k2 + off);
        t3 += qv * load<f32>(k3 + off);
      }
      let tv = f32x4.splat(t0);
      tv = f32x4.replace_lane(tv, 1, t1);
      tv = f32x4.replace_lane(tv, 2, t2);
      tv = f32x4.replace_lane(tv, 3, t3);
      s = f32x4.add(s, tv);
    }
    const pos = f32x4.convert_i32x4_s(i32x4.add(i32x4.splat(j + rel0), i32x4(0, 1, 2, 3)));
    s = f32x4.add(f32x4.mul(s, vscale), f32x4.mul(vslope, pos));
    v128.store(sc + (<usize>j << 2), s);
    vmax = f32x4.max(vmax, s);
  }
  let mx = max(max(f32x4.extract_lane(vmax, 0), f32x4.extract_lane(vmax, 1)), max(f32x4.extract_lane(vmax, 2), f32x4.extract_lane(vmax, 3)));
  for (; j < jn; j++) {
    const s = dot(qp, kb + <usize>j * kvStride, hd) * scale + slope * <f32>(j + rel0);
    store<f32>(sc + (<usize>j << 2), s);
    mx = max(mx, s);
  }
  return mx;
}

/** sc[j] = e^(sc[j] − m) in place; returns Σ. */
function expInPlace(sc: usize, n: i32, m: f32): f32 {
  const vm = f32x4.splat(m);
  let s = f32x4.splat(0);
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) {
    const e = vexpNonPos(f32x4.sub(v128.load(sc + off), vm));
    v128.store(sc + off, e);
    s = f32x4.add(s, e);
  }
  let sum = f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + (f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3));
  for (; off < end; off += 4) {
    const e = sexp(load<f32>(sc + off) - m);
    store<f32>(sc + off, e);
    sum += e;
  }
  return sum;
}

function scaleInPlace(p: usize, n: i32, f: f32): void {
  scaleTo(p, p, n, f);
}

function scaleTo(dst: usize, src: usize, n: i32, f: f32): void {
  const vf = f32x4.splat(f);
  const end4 = <usize>(n & ~3) << 2;
  const end = <usize>n << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) v128.store(dst + off, f32x4.mul(v128.load(src + off), vf));
  for (; off < end; off += 4) store<f32>(dst + off, load<f32>(src + off) * f);
}

/** acc[d] += Σ_j p_j · v_j[d]; 16 columns of acc at a time stay in registers across the block. */
function accumulateValues(acc: usize, p: usize, vb: usize, kvStride: usize, jn: i32, hd: i32): void {
  const hd16 = <usize>(hd & ~15) << 2;
  const hd4 = <usize>(hd & ~3) << 2;
  const hdBytes = <usize>hd << 2;
  let d: usize = 0;
  for (; d < hd16; d += 64) {
    let a0 = v128.load(acc + d), a1 = v128.load(acc + d, 16), a2 = v128.load(acc + d, 32), a3 = v128.load(acc + d, 48);
    let vp = vb + d;
    for (let j = 0; j < jn; j++) {
      const pj = v128.load32_splat(p + (<usize>j << 2));
      a0 = madd(pj, v128.load(vp), a0);
      a1 = madd(pj, v128.load(vp, 16), a1);
      a2 = madd(pj, v128.load(vp, 32), a2);
      a3 = madd(pj, v128.load(vp, 48), a3);
      vp += kvStride;
    }
    v128.store(acc + d, a0);
    v128.store(acc + d, a1, 16);
    v128.store(acc + d, a2, 32);
    v128.store(acc + d, a3, 48);
  }
  for (; d < hd4; d += 16) {
    let a0 = v128.load(acc + d);
    let vp = vb + d;
    for (let j = 0; j < jn; j++) {
      a0 = madd(v128.load32_splat(p + (<usize>j << 2)), v128.load(vp), a0);
      vp += kvStride;
    }
    v128.store(acc + d, a0);
  }
  for (; d < hdBytes; d += 4) {
    let a: f32 = load<f32>(acc + d);
    let vp = vb + d;
    for (let j = 0; j < jn; j++) {
      a += load<f32>(p + (<usize>j << 2)) * load<f32>(vp);
      vp += kvStride;
    }
    store<f32>(acc + d, a);
  }
}
