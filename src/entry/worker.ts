/**
 * The Cloudflare Workers entry: D1 is the store, the bundled calendars/ are applied once per new bundle, a change
 * made over the API sends a message to the push queue (its consumer pushes within the write budget:
 * jobs/push-queue.ts) and to the feed queue, a holiday edit one to the notice queue, and Cron Triggers catch up (a
 * fan-out message for rosters no push touched lately, holiday jobs still pending, stale feeds) and start the nightly
 * full reconcile (one message per roster); notices (webhooks, Zalo, e-mail) go within the request and the cron.
 * Everything else is the same core as on Node.
 */
import { ConfigError, parseConfig, WorkerConfigSchema } from '../config.ts';
import { createApp } from '../http/app.ts';
import { drainOutbox } from '../services/drain-outbox.ts';
import { reconcileAll } from '../services/reconcile-rosters.ts';
import type { SyncDeps } from '../services/sync-deps.ts';
import { syncFromConfig } from './sync-from-config.ts';
import { runNotices } from '../jobs/notice-worker.ts';
import {
  noticeChannelsFromConfig,
  socketEmailFromConfig,
  zaloWebhookFromConfig,
} from './notice-channels.ts';
import { applyCalendars } from '../services/apply-calendars.ts';
import type { NoticeDeps } from '../services/notice-deps.ts';
import {
  consumeFeedMessages,
  type FeedMessage,
  type FeedQueue,
  recordDeadFeedMessages,
} from '../jobs/feed-queue.ts';
import {
  catchUpHolidayJobs,
  consumeNoticeMessages,
  type NoticeMessage,
} from '../jobs/notice-queue.ts';
import {
  consumePushMessages,
  type PushMessage,
  type PushQueue,
  recordDeadPushMessages,
} from '../jobs/push-queue.ts';
import type { ServiceContext } from '../services/context.ts';
import { sha256Hex } from '../services/secrets.ts';
import type { SqlDatabase } from '../storage/sql.ts';
import { createStore } from '../storage/store.ts';
import { BUNDLED_CALENDARS, CALENDARS_HASH } from './bundled-calendars.ts';
import { noticeSettingsFromConfig } from './notice-settings.ts';

/** The nightly cron of wrangler.toml; the other one (every 5 minutes) catches up. */
// Not exported: workerd takes every named export of the main module for an entrypoint and refuses a plain value.
const NIGHTLY_CRON = '17 19 * * *';
/** wrangler.toml's feed queue and its dead-letter queue. */
const FEED_QUEUE = 'lichtruc-feeds';
const DEAD_FEED_QUEUE = 'lichtruc-feeds-dead';
/** wrangler.toml's queue of holiday-edit notices (its dead letters go to the feed queue's). */
const NOTICE_QUEUE = 'lichtruc-notices';
/** wrangler.toml's push queue and its dead-letter queue. */
const PUSH_QUEUE = 'lichtruc-push';
const DEAD_PUSH_QUEUE = 'lichtruc-push-dead';

interface Runtime {
  app: ReturnType<typeof createApp>;
  sync: SyncDeps | undefined;
  notices: NoticeDeps;
  ctx: ServiceContext;
}

/** The feed queue, when bound (without it feeds still render on their first GET). */
const feedQueueOf = (env: Env): Queue<FeedMessage> | undefined =>
  (env as { FEED_QUEUE?: Queue<FeedMessage> }).FEED_QUEUE;
/** The push queue, when bound (without it a change is pushed within its request, and the cron drains the outbox). */
const pushQueueOf = (env: Env): Queue<PushMessage> | undefined =>
  (env as { PUSH_QUEUE?: Queue<PushMessage> }).PUSH_QUEUE;

/** A change of one roster ('*': every roster, a holiday edit) as a push message. */
const pushMessageOf = (rosterId: string): PushMessage =>
  rosterId === '*' ? { kind: 'fan-out', idleOnly: false } : { kind: 'push', rosterId, band: 0 };

/** The notice queue, when bound (without it the notice run tells a holiday edit's rosters itself, 500 a run). */
const noticeQueueOf = (env: Env): Queue<NoticeMessage> | undefined =>
  (env as { NOTICE_QUEUE?: Queue<NoticeMessage> }).NOTICE_QUEUE;
const noticeRun = (env: Env, notices: NoticeDeps) =>
  runNotices(notices, noticeQueueOf(env) ? { holidayRosters: 0 } : {});

// One runtime per isolate (and per environment object, so tests with several envs stay apart).
const runtimes = new WeakMap<object, Promise<Runtime>>();

/** `Env` is generated from wrangler.toml by `npm run types:worker`; secrets arrive on the same object as strings. */
async function start(env: Env): Promise<Runtime> {
  const strings = Object.entries(env as unknown as Record<string, unknown>).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  const config = parseConfig(WorkerConfigSchema, Object.fromEntries(strings));
  const now = () => new Date();
  // D1's binding has the shape of the store's SQL port (prepare/bind/all/first/run, batch, exec).
  const store = createStore(env.DB as unknown as SqlDatabase);
  const ctx: ServiceContext = {
    store,
    now,
    publicUrl: config.LICHTRUC_PUBLIC_URL,
    actor: { name: 'system', requestId: null },
  };
  if ((await store.setting('calendars_hash')) !== CALENDARS_HASH) {
    await applyCalendars(ctx, BUNDLED_CALENDARS);
    await store.putSetting('calendars_hash', CALENDARS_HASH);
  }
  const sync = syncFromConfig(config, {
    store,
    now,
    // A bound call: workerd throws "Illegal invocation" for a detached global fetch.
    fetch: (input, init) => fetch(input, init),
    // A cron invocation may run for about 30 s of wall time; the next cron goes on nearest first.
    runLimitMs: 25_000,
  });
  // Webhooks and Zalo over fetch; e-mail over SMTP on `cloudflare:sockets` (ports 587/465: Cloudflare blocks 25).
  const email = socketEmailFromConfig(
    config,
    // Imported when the first e-mail goes (and so never by the Node test that loads this module).
    async () => (await import('cloudflare:sockets')).connect,
    new URL(config.LICHTRUC_PUBLIC_URL).hostname,
  );
  const notices: NoticeDeps = {
    store,
    now,
    settings: noticeSettingsFromConfig(config),
    channels: {
      ...noticeChannelsFromConfig(config, (input, init) => fetch(input, init), now),
      ...(email ? { email } : {}),
    },
    random: Math.random,
  };
  const app = createApp({
    store,
    now,
    publicUrl: config.LICHTRUC_PUBLIC_URL,
    adminTokenHash: await sha256Hex(config.LICHTRUC_ADMIN_TOKEN),
    passwordPepper: config.LICHTRUC_PASSWORD_PEPPER,
    sync,
    afterChange: (rosterId, waitUntil) => {
      const queue = pushQueueOf(env);
      if (sync && waitUntil)
        waitUntil(queue ? queue.send(pushMessageOf(rosterId)) : drainOutbox(sync));
      // Sends at once when the coalescing window is 0; otherwise the cron picks the changes up after it.
      if (waitUntil) waitUntil(noticeRun(env, notices));
    },
    notices: {
      allowPrivateWebhooks: config.LICHTRUC_WEBHOOK_ALLOW_PRIVATE,
      zalo: await zaloWebhookFromConfig(config, (input, init) => fetch(input, init), sha256Hex),
    },
    // One-time sign-in links go out through the notices' e-mail channel (the request's waitUntil sends them).
    signInMail: email,
    // One message whatever the change: its consumer finds the stale feeds and fans them out.
    feedsChanged: (waitUntil) => {
      const queue = feedQueueOf(env);
      if (queue && waitUntil) waitUntil(queue.send({ kind: 'refresh' }));
    },
    // One message whatever the number of rosters: its consumer pages through them.
    holidayNoticesChanged: (waitUntil) => {
      const queue = noticeQueueOf(env);
      if (queue && waitUntil) waitUntil(queue.send({ kind: 'holiday-jobs' }));
    },
    logError: (error, requestId) => console.error(`[${requestId}]`, error),
  });
  return { app, sync, notices, ctx };
}

function runtimeOf(env: Env): Promise<Runtime> {
  let runtime = runtimes.get(env);
  if (!runtime) {
    runtime = start(env);
    // A failed start (bad configuration) is retried by the next request rather than cached.
    runtime.catch(() => runtimes.delete(env));
    runtimes.set(env, runtime);
  }
  return runtime;
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      const { app } = await runtimeOf(env);
      return await app.fetch(request, env, ctx);
    } catch (error) {
      const detail = error instanceof ConfigError ? error.message : 'lichtruc could not start';
      console.error(error);
      return new Response(
        JSON.stringify({
          type: 'urn:lichtruc:problem:unavailable',
          title: 'Service unavailable',
          status: 503,
          detail,
        }),
        {
          status: 503,
          headers: { 'content-type': 'application/problem+json; charset=utf-8' },
        },
      );
    }
  },

  async scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { sync, notices, ctx: service } = await runtimeOf(env);
    ctx.waitUntil(noticeRun(env, notices));
    // Catch up on feeds a lost message (or a dead letter) left stale, and on holiday edits not yet fanned out.
    if (controller.cron !== NIGHTLY_CRON) await feedQueueOf(env)?.send({ kind: 'refresh' });
    const noticeQueue = noticeQueueOf(env);
    if (noticeQueue) await catchUpHolidayJobs(service, noticeQueue);
    if (!sync) return;
    const pushQueue = pushQueueOf(env);
    const nightly = controller.cron === NIGHTLY_CRON;
    if (pushQueue)
      await pushQueue.send(
        nightly ? { kind: 'reconcile-all' } : { kind: 'fan-out', idleOnly: true },
      );
    else ctx.waitUntil(nightly ? reconcileAll(sync) : drainOutbox(sync));
  },

  async queue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
    const runtime = await runtimeOf(env);
    const consume = consumers[batch.queue];
    if (!consume) throw new Error(`no consumer for the queue ${batch.queue}`);
    await consume(runtime, batch, env);
  },
};

const log = (line: string) => console.error(line);

/** Each queue of wrangler.toml and what consumes its batches. */
const consumers: Record<
  string,
  (runtime: Runtime, batch: MessageBatch<unknown>, env: Env) => Promise<void>
> = {
  [DEAD_FEED_QUEUE]: ({ ctx }, batch) => recordDeadFeedMessages(ctx, batch.messages),
  [DEAD_PUSH_QUEUE]: ({ ctx }, batch) => recordDeadPushMessages(ctx, batch.messages),
  [PUSH_QUEUE]: async ({ sync }, batch, env) => {
    const queue = pushQueueOf(env);
    if (!sync || !queue) return batch.ackAll(); // push credentials removed since: the outbox keeps the rows
    // The consumer never sleeps: a spent budget or a Retry-After brings the message back later instead.
    await consumePushMessages({ ...sync, maxWaitMs: 0 }, batch.messages, queue as PushQueue, log);
  },
  [NOTICE_QUEUE]: async ({ ctx }, batch, env) => {
    const queue = noticeQueueOf(env);
    if (!queue) throw new Error(`no NOTICE_QUEUE binding to fan out batch of ${batch.queue}`);
    await consumeNoticeMessages(ctx, batch.messages, queue, log);
  },
  [FEED_QUEUE]: async ({ ctx }, batch, env) => {
    const queue = feedQueueOf(env);
    if (!queue) throw new Error(`no FEED_QUEUE binding to fan out batch of ${batch.queue}`);
    await consumeFeedMessages(ctx, batch.messages, queue as FeedQueue, log);
  },
};
