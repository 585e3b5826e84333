/**
 * Whatever text arrives, the import answers a draft or refuses with a LetterError, never another exception; a
 * draft called complete is a valid roster; and the same text always gives the same answer.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importLetter } from '../../../src/domain/letter/import-letter.ts';
import { LetterError } from '../../../src/domain/letter/prepare-letter.ts';
import { RosterSchema } from '../../../src/domain/roster-schema.ts';

const FOUNDING = readFileSync(
  join(import.meta.dirname, '../../fixtures/letters/00-cong-van-phan-cong-truc-mot-cua-2024.txt'),
  'utf8',
);
const lines = FOUNDING.split('\n');

function attempt(text: string) {
  try {
    return importLetter(text);
  } catch (error) {
    if (error instanceof LetterError) return error;
    throw error;
  }
}

describe('importing any text', () => {
  it('answers a draft or a LetterError for arbitrary text, and complete drafts are valid rosters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const result = attempt(text);
        if (!(result instanceof LetterError) && result.complete)
          expect(RosterSchema.safeParse(result.draft).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every span inside the text for shuffled, dropped and doubled lines of the founding letter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: lines.length - 1 }), { maxLength: 80 }),
        (picks) => {
          const text = picks.map((index) => lines[index]).join('\n');
          const result = attempt(text);
          if (result instanceof LetterError) return;
          for (const finding of result.findings)
            if (finding.span) {
              expect(finding.span.start).toBeGreaterThanOrEqual(0);
              expect(finding.span.end).toBeLessThanOrEqual(result.text.length);
            }
          expect(attempt(text)).toEqual(result);
        },
      ),
      { numRuns: 150 },
    );
  });
});
