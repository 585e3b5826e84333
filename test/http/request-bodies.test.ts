/**
 * Bodies the server cannot take are refused before they cost anything: a body over the limit while it streams in
 * (chunked, no Content-Length; before sign-in too), a multipart body without its boundary, JSON announced in another
 * charset. On a real Node server on 127.0.0.1, because a chunked body only exists on a socket.
 */
import { type ServerType, serve } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/request.ts';
import { pagesOf } from '../support/admin-pages.ts';
import { ADMIN_TOKEN, startTestService, type TestService } from '../support/service.ts';

const ROSTER = '/api/rosters/so-vhttdl-bac-giang';
let service: TestService;
let server: ServerType;
let port: number;
const { page, signIn } = pagesOf(() => service);

beforeAll(async () => {
  service = await startTestService();
  await new Promise<void>((listening) => {
    server = serve({ fetch: service.app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      port = (info as AddressInfo).port;
      listening();
    });
  });
});

afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

interface Answer {
  status: number;
  contentType: string | undefined;
  headers: Record<string, unknown>;
  body: string;
  /** Bytes the client had written when the answer came. */
  sent: number;
}

/**
 * POSTs a chunked body of 16 KiB chunks and never ends it unless `total` is reached: the answer must come while the
 * client is still sending, so the server cannot have waited for (or held) the whole body.
 */
function postChunked(path: string, headers: Record<string, string>, total: number) {
  return new Promise<Answer>((resolve, reject) => {
    let sent = 0;
    const chunk = Buffer.alloc(16 * 1024, 0x61);
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers });
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
    };
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        body += text;
      });
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          headers: res.headers,
          body,
          sent,
        });
        req.destroy();
      });
    });
    req.on('error', reject);
    pump();
  });
}

describe('a chunked body over the limit is refused while it streams', () => {
  it.each([
    [
      '/admin/login, before sign-in',
      '/admin/login',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    [
      '/api, with the admin token',
      `${ROSTER}/absences`,
      { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    ],
    ['/api, without a token', `${ROSTER}/absences`, { 'content-type': 'application/json' }],
  ])('%s: 413 problem+json', async (_name, path, headers) => {
    const answer = await postChunked(path, headers, 64 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.contentType).toBe('application/problem+json; charset=utf-8');
    // Answered like any other response: the request id of the log, the security headers.
    expect(answer.headers).toMatchObject({
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(JSON.parse(answer.body)).toMatchObject({
      status: 413,
      title: 'Nội dung quá lớn',
      detail: `the body is larger than ${MAX_BODY_BYTES} bytes`,
    });
    // Refused within a few chunks of the limit, not after 64 MiB.
    expect(answer.sent).toBeLessThan(MAX_BODY_BYTES + 4 * 1024 * 1024);
    expect(
      (await service.json<{ absences: unknown[] }>('GET', `${ROSTER}/absences`, 200)).body.absences,
    ).toEqual([]);
  });

  it('takes a chunked body within the limit as any other', async () => {
    const absence = JSON.stringify({
      memberId: 'nguyen-van-luyen',
      from: '2024-05-07',
      to: '2024-05-07',
      reason: 'sick',
    });
    const answer = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path: `${ROSTER}/absences`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (const part of absence.match(/.{1,7}/g) ?? []) req.write(part);
      req.end();
    });
    expect(answer).toBe(201);
    const { body } = await service.json<{ absences: { memberId: string }[] }>(
      'GET',
      `${ROSTER}/absences`,
      200,
    );
    expect(body.absences.map((stored) => stored.memberId)).toEqual(['nguyen-van-luyen']);
  });
});

describe('a multipart body without a usable boundary is a 400, not a 500', () => {
  const malformed = [
    ['no boundary', 'multipart/form-data'],
    ['a boundary the body does not use', 'multipart/form-data; boundary=zzz'],
  ];

  it.each(malformed)('POST /admin/login, before sign-in: %s', async (_name, type) => {
    const { response, html } = await page('POST', '/admin/login', {
      headers: { 'content-type': type },
      body: 'token=x',
    });
    expect(response.status).toBe(400);
    // An admin page answers a page, in words a person can act on.
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('Yêu cầu không đọc được');
    expect(html).toContain('hãy tải lại trang và gửi lại');
  });

  it.each(malformed)('POST /admin/feeds, signed in: %s', async (_name, type) => {
    const { cookie } = await signIn();
    const feedsBefore = (await service.json('GET', '/api/feeds', 200)).body;
    const { response } = await page('POST', '/admin/feeds', {
      cookie,
      headers: { 'content-type': type },
      body: 'csrf=x&rosterId=so-vhttdl-bac-giang&label=x',
    });
    expect(response.status).toBe(400);
    expect((await service.json('GET', '/api/feeds', 200)).body).toEqual(feedsBefore);
  });
});
