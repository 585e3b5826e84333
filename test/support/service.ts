/**
 * A whole lichtruc service in memory for tests: embedded SQLite, the migrations, the shipped calendars applied, and
 * the Hono app called directly (no socket). The clock is the test's to move.
 */
import { join } from 'node:path';
import { loadCalendarSet } from '../../src/domain/calendar-set.ts';
import { YAML_DRAFT } from '../../src/domain/letter/draft-yaml.ts';
import { createApp } from '../../src/http/app.ts';
import { renderReportWorkbook } from '../../src/providers/xlsx/report-workbook.ts';
import type { AppDeps } from '../../src/http/env.ts';
import { applyCalendars } from '../../src/services/apply-calendars.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { sha256Hex } from '../../src/services/secrets.ts';
import { openSqlite, readMigrations } from '../../src/storage/drivers/sqlite.ts';
import { applyMigrations, type SqlDatabase } from '../../src/storage/sql.ts';
import { createStore } from '../../src/storage/store.ts';
import { readCalendarFiles } from './sample.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const PUBLIC_URL = 'https://lichtruc.test';

export interface TestService {
  ctx: ServiceContext;
  /** The app's dependencies, to attach a sync (`appDeps.sync = …`) after start. */
  appDeps: AppDeps;
  /** The Hono app itself, to serve it on a real socket (`serve({ fetch: app.fetch, … })`). */
  app: ReturnType<typeof createApp>;
  /** Sets the clock (an ISO instant). */
  setNow(iso: string): void;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; token?: string | null },
  ): Promise<Response>;
  /** JSON of a request that must succeed with `status`. */
  json<T = Record<string, unknown>>(
    method: string,
    path: string,
    status: number,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ body: T; response: Response }>;
}

export async function startTestService(
  now = '2024-05-02T01:00:00Z',
  calendars = readCalendarFiles(),
  options: { wrapDb?: (db: SqlDatabase) => SqlDatabase } = {},
): Promise<TestService> {
  const db = (options.wrapDb ?? ((plain) => plain))(openSqlite(':memory:'));
  await applyMigrations(db, readMigrations(join(import.meta.dirname, '../../migrations')));
  const store = createStore(db);
  let clock = new Date(now);
  const ctx: ServiceContext = {
    store,
    now: () => clock,
    publicUrl: PUBLIC_URL,
    actor: { name: 'test', requestId: null },
  };
  await applyCalendars(ctx, loadCalendarSet(calendars));
  const appDeps: AppDeps = {
    store,
    now: () => clock,
    publicUrl: PUBLIC_URL,
    adminTokenHash: await sha256Hex(ADMIN_TOKEN),
    renderWorkbook: renderReportWorkbook,
    draftFormat: YAML_DRAFT,
  };
  const app = createApp(appDeps);

  const request: TestService['request'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== null) headers.authorization ??= `Bearer ${options.token ?? ADMIN_TOKEN}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(
      app.request(path, { method, headers, ...(body === undefined ? {} : { body }) }),
    );
  };

  return {
    ctx,
    appDeps,
    app,
    setNow(iso) {
      clock = new Date(iso);
    },
    request,
    async json(method, path, status, body, headers) {
      const response = await request(method, path, { body, ...(headers ? { headers } : {}) });
      const text = await response.text();
      if (response.status !== status)
        throw new Error(`${method} ${path}: expected ${status}, got ${response.status}: ${text}`);
      return { body: text ? JSON.parse(text) : null, response };
    },
  };
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

export async function problemOf(response: Response): Promise<ProblemBody> {
  return (await response.json()) as ProblemBody;
}
