// Writes src/mediation/kernel-simd-module.ts: the WebAssembly module (SIMD) that accumulates the
// bootstrap kernel's cross-product passes (src/mediation/kernel-simd.ts). The module is generated
// from the text below and assembled by wabt (a dev dependency only): the package ships the bytes.
// `node scripts/build-kernel-simd.mjs` rewrites the file; `--check` fails if it is out of date
// (test/mediation/kernel-simd.test.ts runs the check).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'mediation', 'kernel-simd-module.ts');

/**
 * One pass: `width` sums (width/2 f64x2 accumulators) of w·v over `m` cases, where for case k
 * w = counts[i] and v = the width products stored for the case. The modes differ in i and in
 * where the case's products are stored:
 *   all:  i = k,       products at values + k·width  (every case, in order)
 *   list: i = idx[k],  products at values + i·width  (the cases drawn, products of all cases)
 *   rows: i = idx[k],  products at values + k·width  (the cases where a 0/1 column is 1)
 * Each lane adds in case order with one multiply and one add (no fused multiply-add), so the sums
 * are bit-identical to the JavaScript loops in kernel.ts.
 */
export function pass(mode, width) {
  const stride = width * 8;
  const lanes = width / 2;
  const acc = Array.from({ length: lanes }, (_, j) => `$a${j}`);
  const base = mode === 'list' ? `(i32.add (local.get $values) (i32.mul (local.get $i) (i32.const ${stride})))` : `(local.get $o)`;
  const index = mode === 'all' ? `(local.set $i (local.get $k))` : `(local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))`;
  const body = acc.map((a, j) => `        (local.set ${a} (f64x2.add (local.get ${a}) (f64x2.mul (local.get $w) (v128.load offset=${j * 16} (local.get $p)))))`).join('\n');
  return `  (func (export "${mode}${width}") (param $values i32) (param $idx i32) (param $m i32) (param $counts i32) (param $out i32)
    (local $k i32) (local $i i32) (local $o i32) (local $p i32) (local $w v128) ${acc.map((a) => `(local ${a} v128)`).join(' ')}
    (local.set $o (local.get $values))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $m)))
        ${index}
        (local.set $w (f64x2.splat (f64.load (i32.add (local.get $counts) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $p ${base})
${body}
        (local.set $o (i32.add (local.get $o) (i32.const ${stride})))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
${acc.map((a, j) => `    (v128.store offset=${j * 16} (local.get $out) (local.get ${a}))`).join('\n')})`;
}

/**
 * The same for two lanes' counts at once (`counts` and `counts2`): each product is loaded once
 * and multiplied by both weights; sums of lane 1 at out, of lane 2 at out + width. Every case is
 * visited, drawn or not: adding a zero product leaves a sum as it was (sums start at +0, so none
 * is ever −0), so the sums equal the one-lane loops that skip the cases not drawn.
 */
export function pairPass(mode, width) {
  const stride = width * 8;
  const lanes = width / 2;
  const acc = Array.from({ length: lanes }, (_, j) => `$a${j}`);
  const acc2 = Array.from({ length: lanes }, (_, j) => `$b${j}`);
  const index = mode === 'all' ? `(local.set $i (local.get $k))` : `(local.set $i (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))))`;
  const body = acc
    .map(
      (a, j) => `        (local.set $v (v128.load offset=${j * 16} (local.get $o)))
        (local.set ${a} (f64x2.add (local.get ${a}) (f64x2.mul (local.get $w) (local.get $v))))
        (local.set ${acc2[j]} (f64x2.add (local.get ${acc2[j]}) (f64x2.mul (local.get $w2) (local.get $v))))`,
    )
    .join('\n');
  return `  (func (export "${mode}${width}x2") (param $values i32) (param $idx i32) (param $m i32) (param $counts i32) (param $counts2 i32) (param $out i32)
    (local $k i32) (local $i i32) (local $o i32) (local $c i32) (local $w v128) (local $w2 v128) (local $v v128) ${[...acc, ...acc2].map((a) => `(local ${a} v128)`).join(' ')}
    (local.set $o (local.get $values))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $m)))
        ${index}
        (local.set $c (i32.shl (local.get $i) (i32.const 3)))
        (local.set $w (f64x2.splat (f64.load (i32.add (local.get $counts) (local.get $c)))))
        (local.set $w2 (f64x2.splat (f64.load (i32.add (local.get $counts2) (local.get $c)))))
${body}
        (local.set $o (i32.add (local.get $o) (i32.const ${stride})))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
${[...acc, ...acc2].map((a, j) => `    (v128.store offset=${j * 16} (local.get $out) (local.get ${a}))`).join('\n')})`;
}

export const WAT = `(module
  (import "kernel" "memory" (memory 1))
${['all', 'list', 'rows'].flatMap((mode) => [4, 8].map((width) => pass(mode, width))).join('\n')}
${['all', 'rows'].flatMap((mode) => [4, 8].map((width) => pairPass(mode, width))).join('\n')}
)
`;

export async function assemble() {
  const wabt = await wabtInit();
  const module = wabt.parseWat('kernel-simd.wat', WAT, { simd: true });
  const { buffer } = module.toBinary({});
  module.destroy();
  return Buffer.from(buffer).toString('base64');
}

export function source(base64) {
  const lines = base64.match(/.{1,96}/g).map((l) => `  '${l}'`).join(' +\n');
  return `// Generated by scripts/build-kernel-simd.mjs from the WebAssembly text there; do not edit.
// The bootstrap kernel's cross-product passes, as a WebAssembly module with 128-bit SIMD
// (${Buffer.from(base64, 'base64').length} bytes): exports all4, all8, list4, list8, rows4, rows8 (one lane)
// and all4x2, all8x2, rows4x2, rows8x2 (two lanes).
export const KERNEL_SIMD_MODULE =
${lines};
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = source(await assemble());
  if (process.argv.includes('--check')) {
    if (readFileSync(out, 'utf8') !== text) {
      console.error(`${out} is out of date: run node scripts/build-kernel-simd.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
