/**
 * POST /api/rosters/import: an assignment letter in, a roster draft out (`{ text, draft, findings, complete }`);
 * nothing is stored. The letter comes as text/plain (UTF-8, or 8-bit TCVN3 bytes) or as JSON `{ text }`.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { readLetter } from '../../services/read-letter.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { HttpError } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

export const LetterBodySchema = lazySchema(() =>
  z.object({
    text: z.string().min(1).describe('The letter as text (a copy of the công văn)'),
  }),
);

export const letterImport = new Hono<HonoEnv>();

const importRoute = describe({
  method: 'post',
  path: '/api/rosters/import',
  summary: 'Read an assignment letter into a roster draft (also text/plain)',
  tag: 'Rosters',
  body: LetterBodySchema,
  textBody: 'The letter itself: UTF-8, or 8-bit TCVN3 bytes',
  responses: {
    200: '{ text, draft, findings, complete }',
    415: 'Not text',
    422: 'Unreadable letter',
  },
});
letterImport.post(importRoute.path, async (c) => {
  const type = c.req.header('content-type') ?? '';
  // The app's body limit has bounded the size while the body streamed in.
  if (/^text\/plain\b/i.test(type))
    return c.json(await readLetter({ bytes: await importRoute.text(c) }));
  if (!/json/i.test(type))
    throw new HttpError(
      'unsupported-media-type',
      'send the letter as text/plain or as JSON { "text": … }',
    );
  const { text } = await importRoute.body(c);
  return c.json(await readLetter({ text }));
});
