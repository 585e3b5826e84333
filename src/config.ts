/**
 * Configuration from the environment, validated once at start-up: each missing or malformed value gets a message
 * naming the variable, what it should be, and what was given.
 */
import * as z from 'zod';

const port = z.coerce
  .number({ error: 'must be a whole number between 1 and 65535' })
  .int('must be a whole number between 1 and 65535')
  .min(1, 'must be a whole number between 1 and 65535')
  .max(65535, 'must be a whole number between 1 and 65535');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, e.g. https://lichtruc.example.gov.vn' })
  .transform((url) => url.replace(/\/+$/, ''));

export const NodeConfigSchema = z.object({
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: port.default(8787),
  LICHTRUC_DB: z.string().min(1, 'must be a file path, or :memory:').default('./data/lichtruc.db'),
  LICHTRUC_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters (or unset it to have one generated)').optional(),
  LICHTRUC_PUBLIC_URL: httpUrl.optional(),
  LICHTRUC_CALENDARS: z.string().min(1, 'must be a directory path').default('./calendars'),
});

export type NodeConfig = z.infer<typeof NodeConfigSchema>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Empty strings count as unset, as shells and .env files often leave them. */
export function parseConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const given = present[name];
      return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${name.includes('TOKEN') ? '…' : given}")`}`;
    }),
  );
}
