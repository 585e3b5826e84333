/**
 * Account passwords: PBKDF2-SHA-256 through Web Crypto, so the same code runs on Node and on Workers. Production
 * Workers refuse more than 100,000 iterations (workerd#1346), below OWASP's 600,000, so the password is first keyed
 * with a secret pepper (HMAC-SHA-256 with LICHTRUC_PASSWORD_PEPPER): a stolen database alone is not enough to guess
 * passwords offline. Each stored hash names its scheme and iteration count, so either can be raised later.
 */

import { invalid } from './errors.ts';

/** The ceiling of production Workers, and our count. */
export const PBKDF2_ITERATIONS = 100_000;
const SCHEME = 'pbkdf2-sha256';
const HASH_BITS = 256;

const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function peppered(password: string, pepper: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(pepper),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(password)));
}

async function derive(
  password: string,
  pepper: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    await peppered(password, pepper),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** `pbkdf2-sha256$100000$<salt>$<hash>`, salt and hash in base64url. */
export async function hashPassword(password: string, pepper: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, pepper, salt, PBKDF2_ITERATIONS);
  return [SCHEME, PBKDF2_ITERATIONS, base64url(salt), base64url(hash)].join('$');
}

/** Whether `password` matches a stored hash; false for a hash of an unknown scheme or a malformed one. */
export async function verifyPassword(
  password: string,
  pepper: string,
  stored: string,
): Promise<boolean> {
  const [scheme, count, salt, hash] = stored.split('$');
  const iterations = Number(count);
  if (scheme !== SCHEME || !salt || !hash) return false;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS)
    return false;
  const expected = fromBase64url(hash);
  const actual = await derive(password, pepper, fromBase64url(salt), iterations);
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < actual.length; index++)
    difference |= actual[index]! ^ expected[index]!;
  return difference === 0;
}

/** The refusal of a password where the server keeps no pepper: no password can be set or checked there. */
export function requirePepper(pepper: string | undefined): string {
  if (pepper) return pepper;
  const coded = { code: 'no-password-here' };
  const message = 'passwords need LICHTRUC_PASSWORD_PEPPER on the server';
  throw invalid(message, [{ field: 'password', message, ...coded }], coded);
}
