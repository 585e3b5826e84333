/** Building blocks shared by the roster, holiday and facts schemas. Text is normalised to NFC on the way in. */
import * as z from 'zod';
import { isIsoDate, isSupportedDate, SUPPORTED_RANGE_TEXT } from './dates.ts';
import { lazySchema } from './lazy.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day within the supported years (dates.ts): holidays cannot be worked out outside them. One issue per bad date,
 * and no `abort`: an aborted issue would also stop the roster's semantic checks.
 */
export const IsoDateSchema = lazySchema(() =>
  z
    .string()
    .regex(ISO_DATE, 'expected a date written YYYY-MM-DD')
    .superRefine((value, ctx) => {
      if (!ISO_DATE.test(value)) return;
      if (!isIsoDate(value))
        ctx.addIssue({ code: 'custom', message: 'no such date in the calendar' });
      else if (!isSupportedDate(value))
        ctx.addIssue({ code: 'custom', message: `expected ${SUPPORTED_RANGE_TEXT}` });
    }),
);

/** A document date that may be known only to the month ("ngày   tháng 4 năm 2024"). */
export const DocumentDateSchema = lazySchema(() =>
  z
    .string()
    .regex(
      /^\d{4}-\d{2}(-\d{2})?$/,
      'expected a date written YYYY-MM-DD, or YYYY-MM when the day is not known',
    )
    .refine((value) => value.length === 7 || isIsoDate(value), 'no such date in the calendar'),
);

export const ClockTimeSchema = lazySchema(() =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time written HH:MM'),
);

/** `MM-DD`, a day of the year that recurs every year (season boundaries). */
export const MonthDaySchema = lazySchema(() =>
  z
    .string()
    .regex(/^\d{2}-\d{2}$/, 'expected a day of the year written MM-DD')
    .refine((value) => isIsoDate(`2024-${value}`), 'no such day of the year'),
);

export const SlugSchema = lazySchema(() =>
  z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'expected lower-case letters, digits and single dashes (e.g. nguyen-van-a)',
    )
    .max(64),
);

// C0 controls (CR and LF among them) and DEL would break ICS lines and CSV rows; a one-line name never needs them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: notes may hold line breaks, nothing else
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** A one-line piece of text (a name, a title): trimmed, NFC, no control characters. */
export function lineText(max = 200) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .refine(
          (value) => !CONTROL_CHARACTERS.test(value),
          'must be one line without control characters',
        ),
    );
}

/** Free text that may span lines (a note): NFC, no control characters other than line feeds. */
export function noteText(max = 2000) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, `must be at most ${max} characters`)
        .refine(
          (value) => !CONTROL_EXCEPT_NEWLINE.test(value),
          'must not contain control characters',
        ),
    );
}

/** A slug from Vietnamese text (`Trần Thị Mai` → `tran-thi-mai`, `99/TB-VPCP` → `99-tb-vpcp`), for generated ids. */
export function slugOf(text: string, max = 64): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
