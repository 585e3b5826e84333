/**
 * Reading the holiday page's forms: the dates and the source document a notice cites. Every problem of a form is
 * reported at once (each next to its field), before anything is checked against the table.
 */
import { isIsoDate, isSupportedDate, SUPPORTED_RANGE_TEXT, weekdayOf } from '../../domain/dates.ts';
import type { HolidaySource, HolidayTable } from '../../domain/holiday-schema.ts';
import { HolidaySourceSchema } from '../../domain/holiday-schema.ts';
import { slugOf } from '../../domain/schema-primitives.ts';
import { type FieldProblem, invalid, zodFieldProblems } from '../../services/errors.ts';
import type { Form } from './admin-auth.ts';

export const optional = (value: string | undefined) =>
  value && value.trim() !== '' ? value.trim() : undefined;

/** A source id from the document's number: `99/TB-VPCP` → `99-tb-vpcp`; another id when the table holds a different document under it. */
function sourceIdOf(table: HolidayTable, source: Omit<HolidaySource, 'id'>): string {
  const base = slugOf(source.number, 56) || `van-ban-${source.date}`.replace(/[^a-z0-9-]/g, '');
  const same = (known: HolidaySource) =>
    known.number === source.number && known.date === source.date && known.issuer === source.issuer;
  for (let index = 1; ; index++) {
    const id = index === 1 ? base : `${base}-${index}`;
    const known = table.sources.find((candidate) => candidate.id === id);
    if (!known || same(known)) return id;
  }
}

const SOURCE_FIELDS = {
  number: 'sourceNumber',
  date: 'sourceDate',
  issuer: 'sourceIssuer',
  title: 'sourceTitle',
} as const;

const sourceInput = (form: Form) => ({
  id: 'van-ban',
  number: optional(form.sourceNumber),
  date: optional(form.sourceDate),
  issuer: optional(form.sourceIssuer),
  title: optional(form.sourceTitle),
});

/** The problems of the cited document's fields, named as the form names them. */
function sourceProblems(form: Form): FieldProblem[] {
  const input = sourceInput(form);
  const result = HolidaySourceSchema.safeParse(input);
  if (result.success) return [];
  return zodFieldProblems(result.error, input).map((problem) => ({
    ...problem,
    field: SOURCE_FIELDS[problem.field as keyof typeof SOURCE_FIELDS] ?? problem.field,
  }));
}

interface DateField {
  name: string;
  /** A làm bù day: a Saturday or Sunday. */
  saturday?: boolean;
  /** A day off: a working weekday (a weekend day is off already). */
  weekday?: boolean;
}

function dateProblem(form: Form, { name, saturday, weekday }: DateField): FieldProblem[] {
  const value = form[name]?.trim() ?? '';
  if (value === '') return [{ field: name, message: 'required', code: 'required' }];
  if (!isIsoDate(value))
    return [
      { field: name, message: 'expected a real date written YYYY-MM-DD', code: 'not-a-date' },
    ];
  if (!isSupportedDate(value))
    return [
      { field: name, message: `expected ${SUPPORTED_RANGE_TEXT}`, code: 'date-out-of-range' },
    ];
  if (saturday && weekdayOf(value) < 6)
    return [
      {
        field: name,
        message: `${value} is a weekday: only a Saturday or Sunday can be a làm bù day`,
        code: 'makeup-on-weekday',
        params: { date: value },
      },
    ];
  if (weekday && weekdayOf(value) >= 6)
    return [
      {
        field: name,
        message: `${value} is a weekend day: it is off already`,
        code: 'day-off-on-weekend',
        params: { date: value },
      },
    ];
  return [];
}

/**
 * Checks a form's dates (`saturday`: a làm bù day) and, when `withSource`, its document; refuses with every
 * problem at once. Answers the dates.
 */
export function checkForm(form: Form, dates: readonly DateField[], withSource: boolean): string[] {
  const problems = [
    ...dates.flatMap((field) => dateProblem(form, field)),
    ...(withSource ? sourceProblems(form) : []),
  ];
  if (problems.length > 0)
    throw invalid('the form is not valid', problems, { code: 'form-invalid' });
  return dates.map(({ name }) => form[name]!.trim());
}

/** The document a checked form cites, with an id that does not clash with another document of the table. */
export function sourceOf(table: HolidayTable, form: Form): HolidaySource {
  const input = sourceInput(form) as Omit<HolidaySource, 'id'>;
  return HolidaySourceSchema.parse({ ...input, id: sourceIdOf(table, input) });
}
