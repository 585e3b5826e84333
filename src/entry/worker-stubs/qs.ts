/**
 * `qs` in the Worker bundle (wrangler.toml aliases the package here). The official calendar client uses it for one
 * thing: the query string of a call, `qs.stringify(params, { arrayFormat: 'repeat' })` (googleapis-common's
 * apirequest.js; its http2 path is never taken). The calendar API's parameters are flat: strings, numbers, booleans
 * and arrays of them (`privateExtendedProperty=a&privateExtendedProperty=b`). This writes those exactly as qs does
 * (RFC 3986 percent-encoding, `null` as an empty value, `undefined` left out) for 19 KiB gzip less to compile at
 * start-up; `test/entry/worker-stubs.test.ts` compares it with qs itself. A nested object is refused rather than
 * written differently.
 */
type Flat = string | number | boolean | null | undefined;

/** encodeURIComponent leaves `!'()*` as they are; qs (RFC 3986) escapes them. */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function pair(key: string, value: Flat): string | null {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object')
    throw new Error(`lichtruc's Worker writes flat query parameters only (${key})`);
  return `${encode(key)}=${value === null ? '' : encode(String(value))}`;
}

export function stringify(
  params: Record<string, Flat | readonly Flat[]> | null | undefined,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const written = pair(key, item as Flat);
      if (written !== null) parts.push(written);
    }
  }
  return parts.join('&');
}

export function parse(): never {
  throw new Error("qs.parse is not in lichtruc's Worker");
}

export default { stringify, parse };
