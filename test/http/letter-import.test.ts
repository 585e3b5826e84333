/**
 * POST /api/rosters/import: a letter in (text/plain or JSON), `{ text, draft, findings, complete }` out, nothing
 * stored; admin only; every bad input a problem+json in Vietnamese (English on request), never a 5xx.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LetterImport } from '../../src/domain/letter/import-letter.ts';
import { problemOf, startTestService, type TestService } from '../support/service.ts';
import { letterText } from '../support/letter-corpus.ts';

const LETTER = letterText();
let service: TestService;

beforeEach(async () => {
  service = await startTestService();
});

describe('POST /api/rosters/import', () => {
  it('reads a letter sent as JSON into a draft with findings, and stores nothing', async () => {
    const { body } = await service.json<LetterImport>('POST', '/api/rosters/import', 200, {
      text: LETTER,
    });
    expect(body.draft).toMatchObject({
      id: 'so-vhttdl-bac-giang',
      basis: { number: '/SVHTTDL-VP' },
    });
    expect(body.complete).toBe(false);
    const gap = body.findings.find((finding) => finding.kind === 'gap' && finding.blocking);
    expect(gap).toMatchObject({
      field: 'workingHours',
      messageEn: expect.stringContaining('working hours'),
    });
    const name = body.findings.find((finding) => finding.field === 'members.1.fullName')!;
    expect(body.text.slice(name.span!.start, name.span!.end)).toBe('Ông Nguyễn Văn Luyện');
    const { body: list } = await service.json<{ rosters: unknown[] }>('GET', '/api/rosters', 200);
    expect(list.rosters).toHaveLength(1);
  });

  it('reads the same letter sent as text/plain', async () => {
    const json = await service.json<LetterImport>('POST', '/api/rosters/import', 200, {
      text: LETTER,
    });
    const plain = await service.request('POST', '/api/rosters/import', {
      body: LETTER,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toEqual(json.body);
  });

  it('is for admins only', async () => {
    const response = await service.request('POST', '/api/rosters/import', {
      body: { text: LETTER },
      token: null,
    });
    expect(response.status).toBe(401);
  });

  it.each([
    [
      'a letter in VNI',
      { text: 'Sôû Vaên hoùa, Theå thao vaø Du lòch tænh Baéc Giang' },
      422,
      'VNI',
    ],
    ['an empty letter', { text: '   \n ' }, 422, 'trống'],
    ['JSON without text', { letter: LETTER }, 422, 'the body is not valid'],
    ['a form', 'text=abc', 415, 'text/plain'],
  ])('refuses %s with a problem in words', async (_, body, status, words) => {
    const headers: Record<string, string> =
      typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
    const response = await service.request('POST', '/api/rosters/import', { body, headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await problemOf(response);
    expect(problem.detail).toContain(words);
    expect(problem.title).toMatch(/[ạ-ỹđ]/u);
  });

  it('titles the problem in English when asked', async () => {
    const response = await service.request('POST', '/api/rosters/import', {
      body: { text: '' },
      headers: { 'accept-language': 'en' },
    });
    expect((await problemOf(response)).title).toBe('Invalid input');
  });

  it('refuses a body larger than a letter can be', async () => {
    const response = await service.request('POST', '/api/rosters/import', {
      body: 'a'.repeat(300 * 1024),
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(413);
  });
});
