/**
 * Configuration from the environment, validated once at start-up: each missing or malformed value gets a message
 * naming the variable, what it should be, and what was given.
 */
import * as z from 'zod';
import { parseQuietHours } from './domain/quiet-hours.ts';
import { ServiceAccountKeySchema } from './providers/google/service-account.ts';
import { lazySchema } from './domain/lazy.ts';

const port = lazySchema(() =>
  z.coerce
    .number({ error: 'must be a whole number between 1 and 65535' })
    .int('must be a whole number between 1 and 65535')
    .min(1, 'must be a whole number between 1 and 65535')
    .max(65535, 'must be a whole number between 1 and 65535'),
);

const httpUrl = lazySchema(() =>
  z
    .url({
      protocol: /^https?$/,
      error: 'must be an http:// or https:// URL, e.g. https://lichtruc.example.gov.vn',
    })
    .transform((url) => url.replace(/\/+$/, '')),
);

const days = (max: number) =>
  z.coerce
    .number({ error: `must be a whole number of days from 0 to ${max}` })
    .int(`must be a whole number of days from 0 to ${max}`)
    .min(0)
    .max(max);

/** A service-account key given as its JSON text (the file Google lets you download), checked field by field. */
const serviceAccountKey = lazySchema(() =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'must be the JSON text of a Google service account key',
        });
        return z.NEVER;
      }
    })
    .pipe(ServiceAccountKeySchema),
);

const writesPerMinute = lazySchema(() =>
  z.coerce
    .number({ error: 'must be a whole number of writes per minute from 1 to 100000' })
    .int('must be a whole number of writes per minute from 1 to 100000')
    .min(1, 'must be a whole number of writes per minute from 1 to 100000')
    .max(100_000, 'must be a whole number of writes per minute from 1 to 100000'),
);

/** The secret keying account passwords before PBKDF2 (services/passwords.ts); unset, accounts use tokens only. */
const passwordPepper = lazySchema(() =>
  z
    .string()
    .min(32, 'must be at least 32 characters of random text, e.g. from: openssl rand -base64 32')
    .optional(),
);

/** Calendar push settings, the same on Node and on Workers. */
export const SyncConfigSchema = lazySchema(() =>
  z
    .object({
      GOOGLE_SERVICE_ACCOUNT_KEY: serviceAccountKey.optional(),
      GOOGLE_API_ROOT_URL: httpUrl.default('https://www.googleapis.com'),
      MS_TENANT_ID: z.string().min(1).optional(),
      MS_CLIENT_ID: z.string().min(1).optional(),
      MS_CLIENT_SECRET: z.string().min(1).optional(),
      MS_GRAPH_BASE_URL: httpUrl.default('https://graph.microsoft.com/v1.0'),
      MS_LOGIN_BASE_URL: httpUrl.default('https://login.microsoftonline.com'),
      LICHTRUC_SYNC_PAST_DAYS: days(366).default(30),
      LICHTRUC_SYNC_FUTURE_DAYS: days(1100).default(365),
      // Google's per-user quota is of the order of 600 a minute; Graph allows 10,000 requests per 10 minutes per app
      // and mailbox. Every call inside a batch counts.
      LICHTRUC_GOOGLE_WRITES_PER_MINUTE: writesPerMinute.default(600),
      LICHTRUC_GRAPH_WRITES_PER_MINUTE: writesPerMinute.default(1000),
    })
    .superRefine((config, ctx) => {
      const microsoft = ['MS_TENANT_ID', 'MS_CLIENT_ID', 'MS_CLIENT_SECRET'] as const;
      const given = microsoft.filter((name) => config[name]);
      if (given.length > 0 && given.length < microsoft.length) {
        for (const name of microsoft.filter((candidate) => !config[candidate])) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `is needed with ${given.join(' and ')} to push to Outlook`,
          });
        }
      }
    }),
);

export type SyncConfig = z.infer<typeof SyncConfigSchema>;

const quietHours = lazySchema(() =>
  z.string().transform((text, ctx) => {
    const parsed = parseQuietHours(text);
    if (parsed === undefined)
      ctx.addIssue({ code: 'custom', message: 'must be HH:MM-HH:MM such as 21:00-06:30, or off' });
    return parsed ?? null;
  }),
);

const timeOfDay = lazySchema(() =>
  z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM such as 16:30, or off')
    .transform((text) => (text === 'off' ? null : text)),
);

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const weeklyAt = lazySchema(() =>
  z
    .string()
    .regex(
      /^(off|(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d)$/,
      'must be a weekday and HH:MM such as "fri 15:00", or off',
    )
    .transform((text) =>
      text === 'off'
        ? null
        : { weekday: WEEKDAYS.indexOf(text.slice(0, 3)) + 1, time: text.slice(4) },
    ),
);

const flag = lazySchema(() =>
  z
    .enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })
    .transform((value) => value === '1' || value === 'true'),
);

/** Change notices (e-mail, Zalo, webhooks), the same on Node and on Workers. */
const noticeConfigShape = () => ({
  LICHTRUC_NOTICE_DAYS: days(60).default(14),
  LICHTRUC_NOTICE_COALESCE_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds from 0 to 3600' })
    .int('must be a whole number of seconds from 0 to 3600')
    .min(0, 'must be a whole number of seconds from 0 to 3600')
    .max(3600, 'must be a whole number of seconds from 0 to 3600')
    .default(120),
  LICHTRUC_QUIET_HOURS: quietHours.default({ start: '21:00', end: '06:30' }),
  LICHTRUC_REMINDER_AT: timeOfDay.default('16:30'),
  LICHTRUC_DIGEST_AT: weeklyAt.default({ weekday: 5, time: '15:00' }),
  LICHTRUC_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be smtp://user:pass@host:port or smtps://…' })
    .optional(),
  LICHTRUC_MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>]*<[^\s@<>"]+@[^\s@<>"]+>|[^\s@<>"]+@[^\s@<>"]+)$/,
      'must be an address or "Name <address>", e.g. "Lịch trực <lichtruc@example.gov.vn>"',
    )
    .optional(),
  ZALO_BOT_TOKEN: z.string().min(8, 'must be the bot token from bot.zapps.me').optional(),
  ZALO_WEBHOOK_SECRET: z.string().min(8, 'must be 8 to 256 characters').max(256).optional(),
  ZALO_API_BASE_URL: httpUrl.default('https://bot-api.zaloplatforms.com'),
  LICHTRUC_WEBHOOK_ALLOW_PRIVATE: flag.default(false),
});

export type NoticeConfig = z.infer<z.ZodObject<ReturnType<typeof noticeConfigShape>>>;

/** Settings that only make sense together. */
function checkNoticePairs(config: Partial<NoticeConfig>, ctx: z.RefinementCtx): void {
  if (config.LICHTRUC_SMTP_URL && !config.LICHTRUC_MAIL_FROM)
    ctx.addIssue({
      code: 'custom',
      path: ['LICHTRUC_MAIL_FROM'],
      message: 'is needed with LICHTRUC_SMTP_URL, e.g. "Lịch trực <lichtruc@example.gov.vn>"',
    });
  if (config.ZALO_BOT_TOKEN && !config.ZALO_WEBHOOK_SECRET)
    ctx.addIssue({
      code: 'custom',
      path: ['ZALO_WEBHOOK_SECRET'],
      message: 'is needed with ZALO_BOT_TOKEN (8 to 256 characters; the bot webhook carries it)',
    });
}

export const NodeConfigSchema = lazySchema(() =>
  SyncConfigSchema.safeExtend({
    ...noticeConfigShape(),
    HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
    PORT: port.default(8787),
    LICHTRUC_DB: z
      .string()
      .min(1, 'must be a file path, or :memory:')
      .default('./data/lichtruc.db'),
    LICHTRUC_ADMIN_TOKEN: z
      .string()
      .min(24, 'must be at least 24 characters (or unset it to have one generated)')
      .optional(),
    LICHTRUC_PUBLIC_URL: httpUrl.optional(),
    LICHTRUC_PASSWORD_PEPPER: passwordPepper,
    LICHTRUC_CALENDARS: z.string().min(1, 'must be a directory path').default('./calendars'),
    /** When the full reconcile (drift repair) runs; node-cron syntax, checked by the Node entry. */
    LICHTRUC_SYNC_CRON: z.string().min(1).default('17 2 * * *'),
  }).superRefine(checkNoticePairs),
);

export type NodeConfig = z.infer<typeof NodeConfigSchema>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.problems = problems;
  }
}

/** The password of a URL such as LICHTRUC_SMTP_URL's, never echoed back. */
const URL_PASSWORD = /(\/\/[^:@/]*:)[^@/]*@/;

/** Empty strings count as unset, as shells and .env files often leave them. */
export function parseConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const given = present[name];
      const secret = /TOKEN|KEY|SECRET|PEPPER/.test(name);
      const where = issue.path.length > 1 ? ` (field ${issue.path.slice(1).join('.')})` : '';
      const shown = secret ? '…' : given?.replace(URL_PASSWORD, '$1…@');
      return `${name}: ${issue.message}${where}${given === undefined ? '' : ` (got "${shown}")`}`;
    }),
  );
}

/** Cloudflare refuses outbound connections to port 25: said at start-up rather than by every send. */
function checkWorkerSmtpPort(config: Partial<NoticeConfig>, ctx: z.RefinementCtx): void {
  const url = config.LICHTRUC_SMTP_URL;
  if (url && URL.canParse(url) && new URL(url).port === '25')
    ctx.addIssue({
      code: 'custom',
      path: ['LICHTRUC_SMTP_URL'],
      message: 'port 25 is blocked on Cloudflare Workers: use 587 (STARTTLS) or smtps:// on 465',
    });
}

/** The Worker's configuration: wrangler vars and secrets (`wrangler secret put LICHTRUC_ADMIN_TOKEN`). */
export const WorkerConfigSchema = lazySchema(() =>
  SyncConfigSchema.safeExtend({
    ...noticeConfigShape(),
    LICHTRUC_ADMIN_TOKEN: z
      .string({ error: 'is required on Workers: npx wrangler secret put LICHTRUC_ADMIN_TOKEN' })
      .min(24, 'must be at least 24 characters'),
    LICHTRUC_PUBLIC_URL: httpUrl,
    LICHTRUC_PASSWORD_PEPPER: passwordPepper,
  })
    .superRefine(checkNoticePairs)
    .superRefine(checkWorkerSmtpPort),
);

export type WorkerConfig = z.infer<typeof WorkerConfigSchema>;
