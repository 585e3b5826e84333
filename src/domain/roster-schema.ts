/**
 * The roster file format: one YAML (or JSON) document per roster, validated by this zod schema. The JSON Schema in
 * `schema/roster.schema.json` is generated from it (`npm run schema`), so editors validate roster files too.
 *
 * Conventions: every date range is inclusive (`from` and `to` are both days of duty, as in the letters that define
 * rosters); effective-dated lists are sorted and each entry holds until the next one's `from`.
 */
import * as z from 'zod';
import { checkRosterSemantics } from './roster-semantics.ts';
import {
  ClockTimeSchema,
  DocumentDateSchema,
  IsoDateSchema,
  lineText,
  MonthDaySchema,
  SlugSchema,
} from './schema-primitives.ts';
import { isKnownTimeZone } from './zone.ts';
import { lazySchema } from './lazy.ts';

export const WEEKDAY_KEYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];

export const PositionSchema = lazySchema(() =>
  z.enum(['primary', 'backup']).describe('primary: trực chính; backup: trực dự bị'),
);
export const HonorificSchema = lazySchema(() =>
  z.enum(['Ông', 'Bà']).describe('Stated in the assignment letter; never inferred from a name'),
);

const effectiveFrom = lazySchema(() =>
  IsoDateSchema.optional().describe('First day this entry applies; the first entry may omit it'),
);

export const OrganisationNameSchema = lazySchema(() =>
  z.object({
    from: effectiveFrom,
    name: lineText(),
    shortName: lineText().optional(),
    address: lineText(300).optional(),
  }),
);

export const DeskNameSchema = lazySchema(() =>
  z.object({
    from: effectiveFrom,
    location: lineText().describe(
      'Where the desk is, e.g. "Trung tâm Phục vụ hành chính công tỉnh Bắc Giang"',
    ),
    address: lineText(300).optional(),
  }),
);

export const SessionSchema = lazySchema(() =>
  z.object({
    start: ClockTimeSchema,
    end: ClockTimeSchema,
  }),
);

export const SeasonSchema = lazySchema(() =>
  z.object({
    name: lineText(),
    from: MonthDaySchema.describe('First day of the season each year, MM-DD'),
    to: MonthDaySchema.describe('Last day of the season each year, MM-DD (may wrap past 31/12)'),
    sessions: z.array(SessionSchema).min(1),
    confirmed: z
      .boolean()
      .default(true)
      .describe('false when the hours are a regional norm not yet confirmed'),
  }),
);

export const WorkingHoursSchema = lazySchema(() =>
  z.object({
    from: effectiveFrom,
    seasons: z.array(SeasonSchema).min(1),
  }),
);

export const MemberSchema = lazySchema(() =>
  z.object({
    id: SlugSchema,
    honorific: HonorificSchema,
    fullName: lineText(120),
    title: lineText(120).describe('Chức danh, e.g. "Chuyên viên"'),
    unit: lineText().describe('Đơn vị, e.g. "Văn phòng Sở"'),
    role: PositionSchema,
    email: z.email().optional(),
    googleAccount: z.email().optional(),
    outlookAddress: z.email().optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 .-]{6,20}$/, 'expected a phone number of digits, spaces, dots or dashes')
      .optional(),
  }),
);

export const AssignmentSchema = lazySchema(() =>
  z.object({ position: PositionSchema, memberId: SlugSchema }),
);

const DayPatternSchema = lazySchema(() =>
  z.union([AssignmentSchema, z.array(AssignmentSchema).min(1)]),
);

export const PeriodSchema = lazySchema(() =>
  z.object({
    id: SlugSchema,
    from: IsoDateSchema,
    to: IsoDateSchema.optional().describe('Last day of the period; omit for an open-ended period'),
    continuesAfterEnd: z
      .boolean()
      .default(false)
      .describe('The pattern stays in force after `to` until the next period starts'),
    pattern: z.partialRecord(z.enum(WEEKDAY_KEYS), DayPatternSchema),
  }),
);

export const CoverPolicySchema = lazySchema(() =>
  z.object({
    strategy: z
      .enum(['rotation', 'none'])
      .default('rotation')
      .describe(
        'rotation: the remaining members cover in turn, fairly; none: leave the slot uncovered for an admin',
      ),
    members: z
      .array(SlugSchema)
      .optional()
      .describe('Who may cover; default: every member in the period pattern'),
  }),
);

export const MakeUpSaturdayPolicySchema = lazySchema(() =>
  z.object({
    strategy: z
      .enum(['replaced-weekday', 'member', 'unstaffed'])
      .default('replaced-weekday')
      .describe(
        'replaced-weekday: the day takes the pattern of the weekday it replaces; member: one named member',
      ),
    memberId: SlugSchema.optional(),
  }),
);

export const BasisSchema = lazySchema(() =>
  z.object({
    kind: lineText().default('Công văn'),
    number: lineText().describe('Số hiệu as printed; keep blanks that the letter left blank'),
    date: DocumentDateSchema,
    subject: lineText(400).optional(),
    signer: lineText(),
    signerTitle: lineText().optional(),
    issuer: lineText().optional(),
  }),
);

export const PublishSchema = lazySchema(() =>
  z.object({
    google: z.object({ calendarId: z.string().min(1) }).optional(),
    outlook: z.object({ mailbox: z.email(), calendarId: z.string().min(1).optional() }).optional(),
    publicDesk: z
      .boolean()
      .optional()
      .describe(
        "Publish the public desk page and feed (/desks/{id}, no secret): who is on duty (honorific, name, title), hours, place, closed days. Default false: putting officers' names on the open web is the organisation's decision",
      ),
  }),
);

export const RosterObjectSchema = lazySchema(() =>
  z.object({
    $schema: z.string().optional(),
    id: SlugSchema.describe(
      'Stable id: feed URLs and event identities derive from it; never change it',
    ),
    name: lineText(),
    organisation: z.object({ id: SlugSchema, names: z.array(OrganisationNameSchema).min(1) }),
    desk: z.object({
      id: SlugSchema,
      title: lineText().describe('The desk as named in event titles, e.g. "Bộ phận Một cửa"'),
      names: z.array(DeskNameSchema).min(1),
    }),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, 'unknown IANA time zone')
      .default('Asia/Ho_Chi_Minh'),
    workingHours: z.array(WorkingHoursSchema).min(1),
    members: z.array(MemberSchema).min(1),
    periods: z.array(PeriodSchema).min(1),
    cover: CoverPolicySchema.prefault({}),
    makeUpSaturday: MakeUpSaturdayPolicySchema.prefault({}),
    holidays: z
      .object({ table: z.literal('vn').default('vn') })
      .prefault({})
      .describe('Which holiday table closes the office and adds làm bù Saturdays'),
    basis: BasisSchema.optional().describe('The document that made the assignment'),
    publish: PublishSchema.optional(),
    requests: z
      .object({
        swapsWithoutApproval: z
          .boolean()
          .default(false)
          .describe(
            'A swap two members agree on (proposed on one staff page, accepted on the other) is recorded at once, without a roster manager approving it. Absences always need approval',
          ),
      })
      .optional()
      .describe('Requests officers make from their staff page'),
  }),
);

export const RosterSchema = lazySchema(() => RosterObjectSchema.superRefine(checkRosterSemantics));

export type Roster = z.infer<typeof RosterSchema>;
export type RosterObject = z.infer<typeof RosterObjectSchema>;
export type RosterInput = z.input<typeof RosterSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Assignment = z.infer<typeof AssignmentSchema>;
export type Position = z.infer<typeof PositionSchema>;
export type Season = z.infer<typeof SeasonSchema>;
export type Session = z.infer<typeof SessionSchema>;
