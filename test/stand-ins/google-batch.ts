/**
 * Google's batch format (`POST /batch/calendar/v3`): a multipart/mixed body of `application/http` parts, each a whole
 * HTTP request; the answer is multipart/mixed too, one `application/http` part per request, in order, with the
 * request's Content-ID echoed as `response-<id>`.
 */
import { randomBytes } from 'node:crypto';
import { type ApiRequest, type ApiResponse, GoogleApiError, statusText } from './google-http.ts';

export const MAX_BATCH_PARTS = 50;

export interface BatchPart {
  contentId: string | null;
  request: ApiRequest;
}

/** Parses a batch body (any number of parts); a malformed one is a 400, as Google answers it. */
export function parseBatch(contentType: string | undefined, body: string): BatchPart[] {
  const boundary = /^multipart\/mixed\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(
    contentType ?? '',
  );
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker)
    throw new GoogleApiError(
      400,
      'badContent',
      'Batch requests need Content-Type multipart/mixed with a boundary.',
    );
  const chunks = body.split(`--${marker}`);
  // chunks[0] is the preamble; a chunk starting with `--` is the close delimiter and what follows it.
  const parts = chunks.slice(1).filter((chunk) => !chunk.startsWith('--'));
  if (parts.length === 0)
    throw new GoogleApiError(400, 'badContent', 'The batch request has no parts.');
  return parts.map(parsePart);
}

/** Google takes at most 50 calls in one batch and refuses the whole batch otherwise. */
export function checkBatchSize(parts: BatchPart[]): void {
  if (parts.length > MAX_BATCH_PARTS) {
    throw new GoogleApiError(
      400,
      'limitExceeded',
      `A batch request may contain at most ${MAX_BATCH_PARTS} calls; this one has ${parts.length}.`,
    );
  }
}

function parsePart(chunk: string): BatchPart {
  const [mimeHeaders, http] = splitHead(chunk.replace(/^\r?\n/, ''));
  const contentId = mimeHeaders['content-id'] ?? null;
  const [head, rest] = splitOnce(http, /\r?\n/);
  const line = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?$/i.exec(head.trim());
  if (!line)
    throw new GoogleApiError(
      400,
      'badContent',
      `Malformed request line in batch part: ${head.trim()}`,
    );
  const [headers, body] = splitHead(rest);
  const url = new URL(line[2]!, 'http://batch.invalid');
  return {
    contentId,
    request: {
      method: line[1]!.toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: body.replace(/\r?\n$/, ''),
    },
  };
}

/** Header block (lower-case names) and what follows the blank line. */
function splitHead(text: string): [Record<string, string>, string] {
  const blank = /\r?\n\r?\n/.exec(text);
  const head = blank ? text.slice(0, blank.index) : text;
  const rest = blank ? text.slice(blank.index + blank[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, rest];
}

function splitOnce(text: string, separator: RegExp): [string, string] {
  const match = separator.exec(text);
  return match
    ? [text.slice(0, match.index), text.slice(match.index + match[0].length)]
    : [text, ''];
}

export function responseContentId(contentId: string | null): string | null {
  if (contentId === null) return null;
  const bracketed = /^<(.*)>$/.exec(contentId);
  return bracketed ? `<response-${bracketed[1]}>` : `response-${contentId}`;
}

/** The batch answer: its Content-Type (with a fresh `batch_…` boundary) and body. */
export function renderBatch(answers: { contentId: string | null; response: ApiResponse }[]): {
  contentType: string;
  body: string;
} {
  const boundary = `batch_${randomBytes(12).toString('base64url')}`;
  const parts = answers.map(({ contentId, response }) => {
    const id = responseContentId(contentId);
    const mime = ['Content-Type: application/http', ...(id ? [`Content-ID: ${id}`] : [])];
    const headers = Object.entries(response.headers).map(
      ([name, value]) => `${headerCase(name)}: ${value}`,
    );
    const http = [
      `HTTP/1.1 ${response.status} ${statusText(response.status)}`,
      ...headers,
      `Content-Length: ${Buffer.byteLength(response.body)}`,
    ];
    return `--${boundary}\r\n${mime.join('\r\n')}\r\n\r\n${http.join('\r\n')}\r\n\r\n${response.body}\r\n`;
  });
  return {
    contentType: `multipart/mixed; boundary=${boundary}`,
    body: `${parts.join('')}--${boundary}--\r\n`,
  };
}

function headerCase(name: string): string {
  return name.replace(
    /(^|-)([a-z])/g,
    (_m, dash: string, letter: string) => dash + letter.toUpperCase(),
  );
}
