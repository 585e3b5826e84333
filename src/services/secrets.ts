/** Tokens and digests with Web Crypto only, so the same code runs in Node and in workerd. */

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** 256 random bits, base64url: unguessable, and safe in a URL path. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * Compares a presented secret with the stored SHA-256 of the real one without leaking, through timing, how much
 * of it matched: both sides are fixed-length digests compared in full.
 */
export async function matchesHash(presented: string, storedHashHex: string): Promise<boolean> {
  const presentedHash = await sha256Hex(presented);
  if (presentedHash.length !== storedHashHex.length) return false;
  let difference = 0;
  for (let index = 0; index < presentedHash.length; index++) {
    difference |= presentedHash.charCodeAt(index) ^ storedHashHex.charCodeAt(index);
  }
  return difference === 0;
}
