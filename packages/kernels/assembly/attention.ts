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

/** Scratch bytes for a given headDim: two score blocks + two accumulators (query rows are paired). */
export function attention_scratch_bytes(headDim: i32): i32 {
  return (2 * ATTN_BLOCK + 2 * headDim + 8) << 2;
}

export function attention_f32_causal(
  out: usize, q: usize, k: usize, v: usize, T: i32, heads: i32, kvHeads: i32, headDim: i32, kvLen: i32, pos0: i32,
  scale: f32, slopes: usize, weights: usize, h0: i32, h1: i32, scratch: usize,
): void {
  const group = heads / kvHeads;
  const headBytes = <usize>headDim << 2;
  const kvStride = <usize>kvHeads * headBytes;
  const qStride = <usize>heads * headBytes;
  for (let h = h0; h < h1; h++) {
    const kh = k + <usize>(h / group) * headBytes;
    const vh = v + <usize>(h / group) * headBytes;
    const slope: f32 = slopes ? load<f32>(slopes + (<usize>h << 2)) : 0;
    let t = 0;
    // Prefill: two query rows at a time share every key and value load (see attendPair).
    if (!weights) {
      for (; t + 2 <= T; t += 2) {
        const qo = <usize>t * qStride + <usize>h * headBytes;
        attendPair(out + qo, q + qo, qStride, kh, vh, kvStride, headDim, pos0 + t, scale, slope, scratch);
      }
    }
    for (; t < T; t++) {
      const qo = <usize>t * qStride + <usize>h * headBytes;
      const wr = weights ? weights + <usize>((h * T + t) * kvLen) * 4 : 0;
      attendRow(out + qo, q + qo, kh, vh, kvStride, headDim, kvLen, pos0 + t, scale, slope, wr, scratch);
    }
  }
}

/**
 * One query row at position qpos (keys 0..qpos), online softmax over key blocks; when wr ≠ 0 also
 * writes its normalised weights [0..kvLen) (zeros past qpos).
 */
function attendRow(
  op: usize, qp: usize, kh: usize, vh: usize, kvStride: usize, headDim: i32, kvLen: i32, qpos: i32, scale: f32,
  slope: f32, wr: usize, scratch: usize,
): void {
  const sc = scratch;
  const acc = scratch + (<usize>ATTN_BLOCK << 2);
  const nk = qpos + 1;
  let m: f32 = -Infinity;
  let l: f32 = 0;
  memory.fill(acc, 0, <usize>headDim << 2);
  for (let j0 = 0; j0 < nk; j0 += ATTN_BLOCK) {
    const jn = min(ATTN_BLOCK, nk - j0);
    scores(sc, qp, kh + <usize>j0 * kvStride, kvStride, jn, headDim, scale, slope, j0 - qpos);
    const mNew = max(m, blockMax(sc, jn));
    const corr = sexp(m - mNew); // 0 on the first block (m = −∞)
    l = l * corr + expInPlace(sc, jn, mNew);
    if (corr != 1) scaleInPlace(acc, headDim, corr);
    accumulateValues(acc, sc, vh + <usize>j0 * kvStride, kvStride, jn, headDim);
    m = mNew;
  }
  const inv: f32 = 1 / l;
  scaleTo(op, acc, headDim, inv);
  if (wr) {
    // Opt-in: recompute the scores and write the normalised weights.
    for (let j0 = 0; j0 < nk; j0 += ATTN_BLOCK) {
      const jn = min(ATTN_BLOCK, nk - j0);
      const p = wr + (<usize>j0 << 2);
      scores(p, qp, kh + <usize>j0 * kvStride, kvStride, jn, headDim, scale, slope, j0 - qpos);
      expInPlace(p, jn, m);
      scaleTo(p, p, jn, inv);
    }
    if (nk < kvLen) memory.fill(wr + (<usize>nk << 2), 0, <usize>(kvLen - nk) << 2);
  }
}

/**
 * Query rows at positions qpos and qpos + 1 (q rows qStride apart, outputs likewise), same head.
 * Row 1 sees one key more than row 0; in the last block that key's score is set to −∞ for row 0.
 * Scores take 8 multiply-add chains (2 rows × 4 keys) per loaded q/k vector set instead of 4, and
 * the weighted sum of values 8 (2 rows × 16 dims), halving the key and value loads per result.
 */
function attendPair(
  op: usize, qp: usize, qStride: usize, kh: usize, vh: usize, kvStride: usize, headDim: i32, qpos: i32, scale: f32,
  slope: f32, scratch: usize,
): void {
  const sc0 = scratch;
  const sc1 = sc0 + (<usize>ATTN_BLOCK << 2);
  const acc0 = sc1 + (<usize>ATTN_BLOCK << 2);
  const acc1 = acc0 + (<usize>headDim << 2);
  const nk0 = qpos + 1;
  const nk1 = qpos + 2;
  let m0: f32 = -Infinity, m1: f32 = -Infinity;
  let l0: f32 = 0, l1: f32 = 0;
  memory.fill(acc0, 0, <usize>headDim << 3);
  for (let j0 = 0; j0 < nk1; j0 += ATTN_BLOCK) {
    const jn = min(ATTN_BLOCK, nk1 - j0);
    scoresPair(sc0, sc1, qp, qp + qStride, kh + <usize>j0 * kvStride, kvStride, jn, headDim, scale, slope, j0 - qpos);
    if (nk0 < j0 + jn) store<f32>(sc0 + (<usize>(nk0 - j0) << 2), -Infinity); // causal mask of row 0
    const n0 = max(m0, blockMax(sc0, jn));
    const n1 = max(m1, blockMax(sc1, jn));
    const c0 = sexp(m0 - n0);
    const c1 = sexp(m1 - n1);
    l0 = l0 * c0 + expInPlace(sc0, jn, n0);
    l1 = l1 * c1 + expInPlace(sc1, jn, n1);
    if (c0 != 1) scaleInPlace(acc0, headDim, c0);
    if (c1 != 1) scaleInPlace(acc1, headDim, c1);
    accumulateValuesPair(acc0, acc1, sc0, sc1, vh + <usize>j0 * kvStride, kvStride, jn, headDim);
    m0 = n0;
    m1 = n1;
  }
  scaleTo(op, acc0, headDim, 1 / l0);
  scaleTo(op + qStride, acc1, headDim, 1 / l1);
}

/** Largest of sc[0..n). */
function blockMax(sc: usize, n: i32): f32 {
  let vm = f32x4.splat(-Infinity);
  const end4 = <usize>(n & ~3) << 2;
  let off: usize = 0;
  for (; off < end4; off += 16) vm = f32x4.pmax(vm, v128.load(sc + off));
  const s = f32x4.pmax(vm, v128.shuffle<f32>(vm, vm, 2, 3, 0, 1));
  let mx = f32x4.extract_lane(f32x4.pmax(s, v128.shuffle<f32>(s, s, 1, 0, 3, 2)), 0);
  const end = <usize>n << 2;
  for (; off < end; off += 4) mx = max(mx, load<f32>(sc + off));
  return mx;
}

/**
 * Scores of two query rows against jn keys: scR[j] = (qR · k_j)·scale + slope·(j + rel0 − R)
 * (row 1 sits one position later). Four keys at a time, eight accumulators.
 */
function scoresPair(
  sc0: usize, sc1: usize, q0: usize, q1: usize, kb: usize, kvStride: usize, jn: i32, hd: i32, scale: f32, slope: f32,
  rel0: i32,
): void {
  const hd4 = <usize>(hd & ~3) << 2;
  const hdBytes = <usize>hd << 2;
  const vscale = f32x4.splat(scale);
  const vslope = f32x4.splat(slope);
  let j = 0;
  for (; j + 4 <= jn; j += 4) {
    const k0 = kb + <usize>j * kvStride;
    const k1 = k0 + kvStride;
    const k2 = k1 + kvStride;
    const k3 = k2 + kvStride;
    let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
    let b0 = a0, b1 = a0, b2 = a0, b3 = a0;
    let off: usize = 0;
    for (; off < hd4; off += 16) {
      const x0 = v128.load(q0 + off);
      const x1 = v128.load(q1 + off);
      let kv = v128.load(k0 + off);
      a0 = madd(x0, kv, a0);
      b0 = madd(x1, kv, b0);
      kv = v128.load(k1 + off);
      a1 = madd(x0, kv, a1);
      b1 = madd(x1, kv, b1);
      kv = v128.load(k2 + off);
      a2 = madd(x0, kv, a2);
      b2 = madd(x1, kv, b2);
      kv = v128.load(k3 + off);
      a3 = madd(x0, kv, a3);
      b3 = madd(x1, kv, b3);
    }
    let s0 = hsum4(a0, a1, a2, a3);
    let s1 = hsum4(b0, b1, b2, b3);
    if (off < hdBytes) {
      s0 = f32x4.add(s0, tailDots(q0, k0, kvStride, off, hdBytes));
      s1 = f32x4.add(s1, tailDots(q1, k0, kvStride, off, hdBytes));
    }
    const pos = f32x4.convert_i32x4_s(i32x4.add(i32x4.splat(j + rel0), i32x4(0, 1, 2, 3)));
    v128.store(sc0 + (<usize>j << 2), f32x4.add(f32x4.mul(s0, vscale), f32x4.mul(vslope, pos)));
    v128.store(sc1 + (<usize>j << 2), f32x4.add(f32x4.mul(s1, vscale), f32x4.mul(vslope, f32x4.sub(pos, f32x4.splat(1)))));
  }
  for (; j < jn; j++) {
    const kj = kb + <usize>j * kvStride;
    store<f32>(sc0 + (<usize>j << 2), dot(q0, kj, hd) * scale + slope * <f32>(j + rel0));
    store<f32>(sc1 + (<usize>j << 2), dot(q1, kj, hd) * scale + slope * <f32>(j + rel0 - 1));
  }
}

/** [Σ q·k0, Σ q·k1, Σ q·k2, Σ q·k3] over bytes off..end of the head (keys kvStride apart), scalar. */
function tailDots(qp: usize, k0: usize, kvStride: usize, off: usize, end: usize): v128 {
  let t0: f32 = 0, t1: f32 = 0, t2: f32 = 0, t3: f32 = 0;
  for (; off < end; off += 4) {
    const qv = load<f32>(qp + off);
    t0 += qv * load<f32>(k0 + off);
    t1 += qv * load<f32>(k0 + kvStride + off);
    t2 += qv * load<f32>(k0 + 2 * kvStride + off);
    t3 += qv * load<f32>(k0 + 3 * kvStride + off);
  }
  let tv = f32x4.splat(t0);
  tv = f32x4.replace_lane(tv, 1, t1);
  tv = f32x4.replace_lane(tv, 2, t2);
  return f32x4.replace_lane(tv, 3, t3);
}

/** accR[d] += Σ_j pR_j · v_j[d] for two rows; 16 columns × 2 rows of accumulators stay in registers. */
function accumulateValuesPair(acc0: usize, acc1: usize, p0: usize, p1: usize, vb: usize, kvStride: usize, jn: i32, hd: i32): void {
  const hd16 = <usize>(hd & ~15) << 2;
  let d: usize = 0;
  for (; d < hd16; d += 64) {
    let a0 = v128.load(acc0 + d), a1 = v128.load(acc0 + d, 16), a2 = v128.load(acc0 + d, 32), a3 = v128.load(acc0 + d, 48);
    let b0 = v128.load(acc1 + d), b1 = v128.load(acc1 + d, 16), b2 = v128.load(acc1 + d, 32), b3 = v128.load(acc1 + d, 48);
    let vp = vb + d;
    for (let j = 0; j < jn; j++) {
      const x0 = v128.load32_splat(p0 + (<usize>j << 2));
      const x1 = v128.load32_splat(p1 + (<usize>j << 2));
      let vv = v128.load(vp);
      a0 = madd(x0, vv, a0);
      b0 = madd(x1, vv, b0);
      vv = v128.load(vp, 16);
      a1 = madd(x0, vv, a1);
      b1 = madd(x1, vv, b1);
      vv = v128.load(vp, 32);
      a2 = madd(x0, vv, a2);
      b2 = madd(x1, vv, b2);
      vv = v128.load(vp, 48);
      a3 = madd(x0, vv, a3);
      b3 = madd(x1, vv, b3);
      vp += kvStride;
    }
    v128.store(acc0 + d, a0);
    v128.store(acc0 + d, a1, 16);
    v128.store(acc0 + d, a2, 32);
    v128.store(acc0 + d, a3, 48);
    v128.store(acc1 + d, b0);
    v128.store(acc1 + d, b1, 16);
    v128.store(acc1 + d, b2, 32);
    v128.store(acc1 + d, b3, 48);
  }
  if (d < (<usize>hd << 2)) {
    // The last hd mod 16 columns: one row at a time.
    accumulateValues(acc0 + d, p0, vb + d, kvStride, jn, hd - <i32>(d >> 2));
    accumulateValues(acc1 + d, p1, vb + d, kvStride, jn, hd - <i32>(d >> 2));
  }
}

/**
 * sc[j] = (q · k_j)·scale + slope·(j + rel0) for j in 0..jn-1 (k_j at kb + j·kvStride).
 * Four keys at a time: four dot products reduced into one vector of scores.
 */
function scores(sc: usize, qp: usize, kb: usize, kvStride: usize, jn: i32, hd: i32, scale: f32, slope: f32, rel0: i32): void {
  const hd4 = <usize>(hd & ~3) << 2;
  const hdBytes = <usize>hd << 2;
  const vscale = f32x4.splat(scale);
  const vslope = f32x4.splat(slope);
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
  }
  for (; j < jn; j++) {
    const s = dot(qp, kb + <usize>j * kvStride, hd) * scale + slope * <f32>(j + rel0);
    store<f32>(sc + (<usize>j << 2), s);
  }
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
