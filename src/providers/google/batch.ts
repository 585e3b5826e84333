/**
 * Google's batch endpoint (`POST /batch/calendar/v3`, multipart/mixed, at most 50 calls, each answered on its own).
 * The official Node client has no batch helper, so requests are written and answers read here.
 */
export interface BatchCall {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Path from the API root, e.g. `/calendar/v3/calendars/{id}/events`. */
  path: string;
  body?: unknown;
}

export interface BatchAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const GOOGLE_BATCH_LIMIT = 50;

export function buildBatch(calls: readonly BatchCall[], boundary: string): string {
  const parts = calls.map((call, index) => {
    const json = call.body === undefined ? '' : JSON.stringify(call.body);
    const inner = [
      `${call.method} ${call.path} HTTP/1.1`,
      ...(json ? ['Content-Type: application/json; charset=UTF-8'] : []),
      '',
      json,
    ].join('\r\n');
    return [
      `--${boundary}`,
      'Content-Type: application/http',
      `Content-ID: <item-${index}>`,
      '',
      inner,
    ].join('\r\n');
  });
  return `${parts.join('\r\n')}\r\n--${boundary}--\r\n`;
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Answers in call order (matched by Content-ID, `response-item-N`); a call without an answer gets status 0. */
export function parseBatch(text: string, contentType: string, count: number): BatchAnswer[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const answers: BatchAnswer[] = Array.from({ length: count }, () => ({
    status: 0,
    headers: {},
    body: null,
  }));
  if (!boundary) return answers;
  for (const part of text.split(`--${boundary}`)) {
    const [outer = '', ...rest] = part.split(/\r?\n\r?\n/);
    const index = Number(/content-id:\s*<?response-item-(\d+)>?/i.exec(outer)?.[1]);
    const http = rest.join('\r\n\r\n');
    const [head = '', ...bodyParts] = http.split(/\r?\n\r?\n/);
    const [statusLine = '', ...headerLines] = head.split(/\r?\n/);
    const status = Number(/^HTTP\/[\d.]+\s+(\d{3})/.exec(statusLine)?.[1]);
    if (!Number.isInteger(index) || index >= count || !status) continue;
    const raw = bodyParts.join('\r\n\r\n').trim();
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    answers[index] = { status, headers: parseHeaders(headerLines), body };
  }
  return answers;
}
