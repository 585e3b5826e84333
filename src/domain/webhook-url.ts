/**
 * Where a webhook may point. By default only https URLs to public hosts, so that an admin cannot make the server
 * call into the office network (SSRF): loopback, private, link-local, CGNAT and unique-local addresses and local
 * names are refused. A name that resolves to a private address is not caught here (no DNS in a pure check);
 * `LICHTRUC_WEBHOOK_ALLOW_PRIVATE=1` allows http and private addresses for tests and closed networks.
 */
const LOCAL_NAMES = /(^|\.)(localhost|local|internal|lan|home|intranet)$/i;

function privateIPv4(host: string): boolean {
  const parts = host.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part > 255))
    return false;
  const [a, b] = parts as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224
  );
}

function privateIPv6(host: string): boolean {
  const address = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (!address.includes(':')) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return privateIPv4(mapped[1]!);
  return (
    address === '::' || address === '::1' || /^f[cd]/.test(address) || /^fe[89ab]/.test(address)
  );
}

/** Why `url` may not be a webhook, or null when it may. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL, e.g. https://example.com/hooks/lichtruc';
  }
  if (parsed.username || parsed.password) return 'must not carry a user name or password';
  if (allowPrivate) return /^https?:$/.test(parsed.protocol) ? null : 'must be an http(s) URL';
  if (parsed.protocol !== 'https:') return 'must be an https:// URL';
  const host = parsed.hostname;
  if (LOCAL_NAMES.test(host) || !host.includes('.') || privateIPv4(host) || privateIPv6(host))
    return 'must point to a public address (set LICHTRUC_WEBHOOK_ALLOW_PRIVATE=1 for a closed network)';
  return null;
}
