/**
 * The official holiday table of one country and year, as data: admins edit it when a late government notice arrives,
 * and every calendar follows. Weekend days need no entry (civil servants rest on Saturday and Sunday) unless they
 * become working days (`makeup-workday`).
 */
import * as z from 'zod';
import { SUPPORTED_YEARS, weekdayOf, yearOf } from './dates.ts';
import { DocumentDateSchema, IsoDateSchema, lineText, SlugSchema } from './schema-primitives.ts';
import { lazySchema } from './lazy.ts';

export const HolidayStatusSchema = lazySchema(() =>
  z
    .enum(['official', 'estimated', 'pending'])
    .describe(
      'official: fixed by a notice; estimated: computed, shown as "dự kiến"; pending: not in force until an admin switches it on',
    ),
);

export const HolidayKindSchema = lazySchema(() =>
  z
    .enum(['holiday', 'compensatory', 'swapped', 'makeup-workday'])
    .describe(
      'holiday: a public holiday; compensatory: nghỉ bù; swapped: a working day given off against a làm bù Saturday; makeup-workday: a weekend day that becomes a working day (làm bù)',
    ),
);

export const HolidaySourceSchema = lazySchema(() =>
  z.object({
    id: SlugSchema,
    number: lineText().describe('Số hiệu văn bản, e.g. 5015/TB-LĐTBXH'),
    date: DocumentDateSchema,
    issuer: lineText(),
    title: lineText(400).optional(),
  }),
);

export const HolidayEntrySchema = lazySchema(() =>
  z.object({
    date: IsoDateSchema,
    kind: HolidayKindSchema,
    name: lineText().describe(
      'Vietnamese name, e.g. "Tết Nguyên Đán" or "Nghỉ bù Giỗ Tổ Hùng Vương"',
    ),
    nameEn: lineText().optional(),
    status: HolidayStatusSchema,
    source: SlugSchema.optional().describe('id of the source document in `sources`'),
    replaces: IsoDateSchema.optional().describe(
      'makeup-workday: the weekday whose work this day makes up',
    ),
    swappedWith: IsoDateSchema.optional().describe('swapped: the làm bù day that pays for it'),
    note: lineText(400).optional(),
  }),
);

export const HolidayTableSchema = lazySchema(() =>
  z
    .object({
      $schema: z.string().optional(),
      country: z.literal('vn'),
      year: z.number().int().min(SUPPORTED_YEARS.first).max(SUPPORTED_YEARS.last),
      sources: z.array(HolidaySourceSchema).default([]),
      entries: z.array(HolidayEntrySchema),
    })
    .superRefine((table, ctx) => {
      const sourceIds = new Set(table.sources.map((source) => source.id));
      const seen = new Set<string>();
      table.entries.forEach((entry, index) => {
        const issue = (message: string, field: string, code?: string) =>
          ctx.addIssue({
            code: 'custom',
            message,
            path: ['entries', index, field],
            ...(code ? { params: { code, date: entry.date, replaces: entry.replaces ?? '' } } : {}),
          });
        if (yearOf(entry.date) !== table.year)
          issue(`date ${entry.date} is not in ${table.year}`, 'date');
        if (seen.has(entry.date))
          issue(`${entry.date} appears twice in the table`, 'date', 'holiday-twice');
        seen.add(entry.date);
        if (entry.source && !sourceIds.has(entry.source))
          issue(`unknown source "${entry.source}"`, 'source');
        if (entry.status === 'official' && !entry.source)
          issue('an official entry must cite its source', 'source');
        const weekend = weekdayOf(entry.date) >= 6;
        if (entry.kind === 'makeup-workday') {
          if (!weekend)
            issue(
              `${entry.date} is a weekday: only a Saturday or Sunday can be a làm bù day`,
              'date',
              'makeup-on-weekday',
            );
          if (!entry.replaces) issue('a làm bù day must name the weekday it replaces', 'replaces');
          else if (weekdayOf(entry.replaces) >= 6)
            issue(`${entry.replaces} is not a weekday`, 'replaces', 'replaces-weekend');
        } else if (entry.replaces) {
          issue('only a makeup-workday replaces another day', 'replaces');
        }
        if (entry.kind === 'swapped' && !entry.swappedWith)
          issue('a swapped day must name its làm bù day', 'swappedWith');
      });
    }),
);

export type HolidayStatus = z.infer<typeof HolidayStatusSchema>;
export type HolidayKind = z.infer<typeof HolidayKindSchema>;
export type HolidayEntry = z.infer<typeof HolidayEntrySchema>;
export type HolidaySource = z.infer<typeof HolidaySourceSchema>;
export type HolidayTable = z.infer<typeof HolidayTableSchema>;
