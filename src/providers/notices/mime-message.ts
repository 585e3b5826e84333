/**
 * One notice as an RFC 5322 message with a MIME multipart/alternative body (text, then HTML), for the SMTP client
 * over sockets (the Worker's e-mail; nodemailer builds its own on Node). Everything non-ASCII is encoded: headers as
 * RFC 2047 encoded-words (UTF-8, base64, each word ≤ 75 characters, folded), bodies as base64 in 76-column lines,
 * so the message is 7-bit and no line can start with a dot. The boundary is derived from the attempt id, which keeps
 * the bytes of a message sent again after a crash the same but for its Date.
 */

export interface MimeInput {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Without angle brackets: `attempt@domain`. */
  messageId: string;
  date: Date;
  headers?: Record<string, string>;
}

const encoder = new TextEncoder();
const CRLF = '\r\n';

const base64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/** UTF-8 text as encoded-words of at most 39 bytes (52 base64 characters, 64 with the markers), so a header line
 * stays under 78 characters with its name. */
export function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (encoder.encode(chunk + char).length > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(encoder.encode(word))}?=`).join(`${CRLF} `);
}

/** `Name <address>` or a bare address, split; the address is what goes on the SMTP envelope. */
export function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  const [name, address] = match ? [match[1]!.replace(/^"|"$/g, ''), match[2]!] : ['', value.trim()];
  if (!/^[^\s@<>"]+@[^\s@<>"]+$/.test(address)) throw new Error(`not an e-mail address: ${value}`);
  return { name, address };
}

const mailboxHeader = (value: string): string => {
  const { name, address } = parseMailbox(value);
  if (!name) return address;
  const words = encodeWords(name);
  // An encoded name already fills most of a line: the address goes on the next one.
  return words === name
    ? `"${name.replace(/["\\]/g, '')}" <${address}>`
    : `${words}${CRLF} <${address}>`;
};

const wrap = (text: string, width: number): string =>
  text.match(new RegExp(`.{1,${width}}`, 'g'))?.join(CRLF) ?? '';

const part = (type: string, body: string, boundary: string): string =>
  [
    `--${boundary}`,
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    wrap(base64(encoder.encode(body)), 76),
  ].join(CRLF);

export function buildMimeMessage(input: MimeInput): string {
  for (const value of [input.to, input.messageId, ...Object.values(input.headers ?? {})])
    if (/[\r\n]/.test(value)) throw new Error('a header value may not contain a line break');
  // A boundary may be 70 characters; `=_` cannot occur in base64, so no body line can match it.
  const boundary = `=_lichtruc_${input.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 56)}`;
  const headers = [
    `From: ${mailboxHeader(input.from)}`,
    `To: ${mailboxHeader(input.to)}`,
    `Subject: ${encodeWords(input.subject)}`,
    `Date: ${input.date.toUTCString()}`,
    `Message-ID: <${input.messageId}>`,
    'MIME-Version: 1.0',
    ...Object.entries(input.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
  ];
  return [
    ...headers,
    '',
    part('text/plain', input.text, boundary),
    part('text/html', input.html, boundary),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
