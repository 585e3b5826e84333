/**
 * The Standard Webhooks signature (`webhook-signature: v1,<base64>`): HMAC-SHA-256 of `id.timestamp.payload`, keyed by
 * the bytes of the `whsec_…` secret. Web Crypto instead of the `standardwebhooks` package, which brings its own SHA-256
 * and base64 into the Worker bundle; the receivers in the tests verify with that package.
 */
const PREFIX = 'whsec_';

export async function signWebhook(
  secret: string,
  id: string,
  timestamp: Date,
  payload: string,
): Promise<string> {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = await crypto.subtle.importKey(
    'raw',
    Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0)),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    new TextEncoder().encode(`${id}.${seconds}.${payload}`),
  );
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
}
