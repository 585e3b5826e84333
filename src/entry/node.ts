#!/usr/bin/env node
/**
 * The Node entry, the zero-configuration default: embedded SQLite and its migrations, the server listening at once,
 * then calendars/ applied (changed files only; /readyz answers 503 until done), the admin token generated on first
 * start when none is configured, the links to go next printed, and stale feeds rendered in the background.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { join, resolve } from 'node:path';
import { ConfigError, NodeConfigSchema, parseConfig } from '../config.ts';
import { createApp } from '../http/app.ts';
import { createFeedWorker } from '../jobs/feed-worker.ts';
import type { ServiceContext } from '../services/context.ts';
import { ServiceError } from '../services/errors.ts';
import { prepareAdminToken, prepareFirstStartFeeds } from '../services/prepare-service.ts';
import { openSqlite, readMigrations } from '../storage/drivers/sqlite.ts';
import { applyMigrations } from '../storage/sql.ts';
import { createStore } from '../storage/store.ts';
import { registerZaloWebhook, zaloWebhookFromConfig } from './notice-channels.ts';
import { sha256Hex } from '../services/secrets.ts';
import { applyCalendarsLater, calendarsReportLines } from './node-calendars.ts';
import { startNodeNotices } from './node-notices.ts';
import { startNodeSync } from './node-sync.ts';
import { YAML_DRAFT } from '../domain/letter/draft-yaml.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function main(): Promise<void> {
  const config = parseConfig(NodeConfigSchema, process.env);
  const publicUrl =
    config.LICHTRUC_PUBLIC_URL ??
    `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  const db = openSqlite(config.LICHTRUC_DB);
  await applyMigrations(db, readMigrations(join(ROOT, 'migrations')));
  const store = createStore(db);
  const sync = startNodeSync(
    config,
    store,
    () => new Date(),
    (message) => console.log(message),
  );
  const notices = startNodeNotices(
    config,
    store,
    () => new Date(),
    publicUrl,
    (message) => console.log(message),
  );
  const log = (message: string) => console.log(message);
  const ctx: ServiceContext = {
    store,
    now: () => new Date(),
    publicUrl,
    actor: { name: 'system', requestId: null },
    afterChange: () => {
      sync.worker?.kick();
      notices.worker.kick();
    },
    feedsChanged: () => feedWorker.kick(),
    holidayNoticesChanged: () => notices.worker.kick(),
  };
  const feedWorker = createFeedWorker(ctx, {
    onError: (error) => console.error('lichtruc: rendering feeds failed:', error),
    onProgress: (rendered) => log(`feeds: ${rendered} stale feeds rendered in the background`),
  });

  registerZaloWebhook(config, globalThis.fetch, publicUrl).catch((error: unknown) =>
    console.log(`notices: the Zalo bot's webhook was not set: ${String(error)}`),
  );
  // Listen first, whatever the number of rosters: calendars/ is applied afterwards (see /readyz).
  const calendars = applyCalendarsLater(ctx, resolve(config.LICHTRUC_CALENDARS), log);
  const prepared = await prepareAdminToken(ctx, config.LICHTRUC_ADMIN_TOKEN);
  const app = createApp({
    store,
    now: ctx.now,
    publicUrl,
    adminTokenHash: prepared.adminTokenHash,
    passwordPepper: config.LICHTRUC_PASSWORD_PEPPER,
    // The socket's peer: on Node a client could write any CF-Connecting-IP header itself.
    clientAddress: (c) => getConnInfo(c).remote.address,
    sync: sync.deps,
    afterChange: ctx.afterChange,
    feedsChanged: () => feedWorker.kick(),
    holidayNoticesChanged: ctx.holidayNoticesChanged,
    readiness: [calendars.readiness],
    // One-time sign-in links go out through the notices' e-mail channel (no second SMTP set-up).
    signInMail: notices.deps.channels.email,
    notices: {
      allowPrivateWebhooks: config.LICHTRUC_WEBHOOK_ALLOW_PRIVATE,
      kick: () => notices.worker.kick(),
      zalo: await zaloWebhookFromConfig(config, globalThis.fetch, sha256Hex),
    },
    // exceljs loads on the first XLSX download, not at start-up.
    renderWorkbook: async (...args) =>
      (await import('../providers/xlsx/report-workbook.ts')).renderReportWorkbook(...args),
    // The import page's draft in YAML, the roster files' own format (the Worker, without the yaml library, uses JSON).
    draftFormat: YAML_DRAFT,
    logError: (error, id) => console.error(`[${id}]`, error),
  });

  const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () => {
    console.log(`lichtruc is serving on ${publicUrl} (database ${config.LICHTRUC_DB})`);
    calendars.start();
  });
  calendars.applied
    .then(async (report) => {
      if (report)
        for (const line of calendarsReportLines(report, config.LICHTRUC_CALENDARS)) log(line);
      for (const line of [...prepared.messages, ...(await prepareFirstStartFeeds(ctx))]) log(line);
      log(
        `\nAdmin pages: ${publicUrl}/admin (sign in with the admin token)   API docs: ${publicUrl}/api/docs   health: ${publicUrl}/healthz   ready: ${publicUrl}/readyz`,
      );
      feedWorker.kick();
    })
    .catch((error: unknown) => console.error('lichtruc: first-start chores failed:', error));
  server.once('error', (error: NodeJS.ErrnoException) => {
    console.error(`lichtruc: ${listenFailure(error, config.HOST, config.PORT)}`);
    process.exit(1);
  });
  const stop = () => {
    sync.stop();
    notices.stop();
    feedWorker.stop();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** A listening failure in one line a newcomer can act on (the port is taken, or not ours to bind). */
function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use (another lichtruc, or another program). Stop it, or choose another port with PORT, e.g. PORT=8788 npm start`;
  }
  if (error.code === 'EACCES') {
    return `not allowed to listen on port ${port} on ${host}; choose a port above 1023 with PORT, e.g. PORT=8788 npm start`;
  }
  if (error.code === 'EADDRNOTAVAIL') {
    return `this machine has no address ${host}; set HOST to one of its addresses (default 127.0.0.1)`;
  }
  return `could not listen on ${host}:${port}: ${error.message}`;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`lichtruc: ${error.message}`);
  else if (error instanceof ServiceError)
    console.error(
      `lichtruc: ${error.message}\n${error.fields.map((f) => `  ${f.field}: ${f.message}`).join('\n')}`,
    );
  else console.error('lichtruc: could not start:', error);
  process.exit(1);
});
