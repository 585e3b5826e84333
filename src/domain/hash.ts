/**
 * A fast, stable, non-cryptographic hash for "did this content change" checks: two 32-bit FNV-1a lanes with
 * different offsets, 64 bits together. Not for secrets (tokens use SHA-256).
 */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
