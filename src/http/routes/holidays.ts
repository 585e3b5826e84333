/** The holiday table: read a year; set or remove one day's entry when a government notice arrives. */
import { Hono } from 'hono';
import * as z from 'zod';
import { dateProblem, SUPPORTED_YEARS } from '../../domain/dates.ts';
import { HolidayEntrySchema, HolidaySourceSchema } from '../../domain/holiday-schema.ts';
import { lineText } from '../../domain/schema-primitives.ts';
import { getHolidayTable, putHolidayEntry } from '../../services/edit-holidays.ts';
import { invalid } from '../../services/errors.ts';
import type { HonoEnv } from '../env.ts';
import { describe } from '../openapi.ts';
import { param, parseWith, serviceContext } from '../request.ts';
import { lazySchema } from '../../domain/lazy.ts';

const TAG = 'Holidays';
// Month close: an edit that changes a closed month of any roster must say why (recorded with each correction).
const CorrectionReasonSchema = lazySchema(() =>
  lineText(500).describe(
    'Why a closed month is changed: required when the edit touches a month closed by month close',
  ),
);
const HolidayEditSchema = lazySchema(() =>
  z.object({
    entry: HolidayEntrySchema,
    source: HolidaySourceSchema.optional().describe(
      'The notice the entry cites, when the table does not list it yet',
    ),
    correctionReason: CorrectionReasonSchema.optional(),
  }),
);
export const holidays = new Hono<HonoEnv>();

function dateParam(value: string): string {
  const problem = dateProblem(value);
  if (problem) throw invalid('the date is not valid', [{ field: 'date', message: problem }]);
  return value;
}

holidays.get(
  describe({
    method: 'get',
    path: '/api/holidays/{year}',
    summary: 'The holiday table of a year (official or estimated)',
    tag: TAG,
    responses: { 200: 'The table', 422: 'Bad year' },
  }).path,
  async (c) => {
    const { first, last } = SUPPORTED_YEARS;
    const year = z.coerce.number().int().min(first).max(last).safeParse(param(c, 'year'));
    if (!year.success)
      throw invalid('the year is not valid', [
        { field: 'year', message: `expected a year between ${first} and ${last}` },
      ]);
    return c.json(await getHolidayTable(serviceContext(c), year.data));
  },
);

const putDayRoute = describe({
  method: 'put',
  path: '/api/holidays/days/{date}',
  summary: "Set a day's entry (a swap, a làm bù day, a pending day in force)",
  tag: TAG,
  body: HolidayEditSchema,
  responses: { 200: 'The table of that year', 422: 'Invalid entry' },
});
holidays.put(putDayRoute.path, async (c) => {
  const date = dateParam(param(c, 'date'));
  const edit = await putDayRoute.body(c);
  return c.json(
    await putHolidayEntry(
      { ...serviceContext(c), correctionReason: edit.correctionReason },
      date,
      edit.entry,
      edit.source ?? null,
    ),
  );
});

holidays.delete(
  describe({
    method: 'delete',
    path: '/api/holidays/days/{date}',
    summary: "Remove a day's entry",
    tag: TAG,
    query: { reason: 'Why a closed month is changed (required when the edit touches one)' },
    responses: { 200: 'The table of that year', 422: 'Touches a closed month without a reason' },
  }).path,
  async (c) => {
    const reason = c.req.query('reason');
    const correctionReason =
      reason === undefined ? undefined : parseWith(CorrectionReasonSchema, reason, 'the reason');
    return c.json(
      await putHolidayEntry(
        { ...serviceContext(c), correctionReason },
        dateParam(param(c, 'date')),
        null,
      ),
    );
  },
);
