/**
 * The workerd test project: the Worker of wrangler.toml (src/entry/worker.ts, D1 binding DB) run by
 * @cloudflare/vitest-plugin inside workerd, offline. Migrations are read here (Node) and applied in a setup file
 * (workerd); the stand-ins run in the global setup (Node), and the Worker's outbound fetch is routed back to them
 * through `outboundService`. The Worker's configuration is the test's: bindings are strings, as secrets are.
 */
import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineProject } from 'vitest/config';
import { forwardToStandIns } from './outbound.ts';
import {
  ADMIN_TOKEN,
  MS_APP,
  PASSWORD_PEPPER,
  PUBLIC_URL,
  ZALO_WEBHOOK_SECRET,
} from './provided.ts';

const ROOT = join(import.meta.dirname, '../..');

// Offline (no test reaches Cloudflare): no request.cf download by Miniflare, no telemetry, no banner.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
process.env.WRANGLER_SEND_METRICS ??= 'false';
process.env.WRANGLER_HIDE_BANNER ??= 'true';

export default defineProject(async () => {
  const migrations = await readD1Migrations(join(ROOT, 'migrations'));
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: join(ROOT, 'wrangler.toml') },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            LICHTRUC_ADMIN_TOKEN: ADMIN_TOKEN,
            LICHTRUC_PUBLIC_URL: PUBLIC_URL,
            LICHTRUC_PASSWORD_PEPPER: PASSWORD_PEPPER,
            // A short horizon keeps each push to a few dozen events (wrangler.toml: 30 and 365 days).
            LICHTRUC_SYNC_PAST_DAYS: '7',
            LICHTRUC_SYNC_FUTURE_DAYS: '35',
            GOOGLE_API_ROOT_URL: inject('googleRootUrl'),
            GOOGLE_SERVICE_ACCOUNT_KEY: inject('googleServiceAccountKey'),
            MS_TENANT_ID: MS_APP.tenantId,
            MS_CLIENT_ID: MS_APP.clientId,
            MS_CLIENT_SECRET: MS_APP.clientSecret,
            MS_GRAPH_BASE_URL: inject('graphBaseUrl'),
            MS_LOGIN_BASE_URL: inject('graphLoginUrl'),
            // Notices: the receiver is on 127.0.0.1, and a change's notice leaves within its request.
            LICHTRUC_WEBHOOK_ALLOW_PRIVATE: '1',
            LICHTRUC_NOTICE_COALESCE_SECONDS: '0',
            LICHTRUC_QUIET_HOURS: 'off',
            // Zalo: the bot stand-in; only members who linked a chat get Zalo notices.
            ZALO_BOT_TOKEN: inject('zaloBotToken'),
            ZALO_WEBHOOK_SECRET,
            ZALO_API_BASE_URL: inject('zaloBaseUrl'),
          },
          outboundService: forwardToStandIns(inject('graphCaPem')),
          // wrangler.toml's feed and notice queues with their retries and dead-letter queue, minus the waits (delivery within
          // 50 ms, retries at once) so a test sees a message die in a second rather than in twenty.
          queueConsumers: {
            'lichtruc-feeds': {
              maxBatchSize: 25,
              maxBatchTimeout: 0.05,
              maxRetries: 2,
              retryDelay: 0,
              deadLetterQueue: 'lichtruc-feeds-dead',
            },
            'lichtruc-feeds-dead': { maxBatchSize: 100, maxBatchTimeout: 0.05 },
            'lichtruc-notices': {
              maxBatchSize: 10,
              maxBatchTimeout: 0.05,
              maxRetries: 2,
              retryDelay: 0,
              deadLetterQueue: 'lichtruc-feeds-dead',
            },
            // The push queue likewise; a retry still waits the delay the consumer asks for (Retry-After, backoff).
            'lichtruc-push': {
              maxBatchSize: 5,
              maxBatchTimeout: 0.05,
              maxRetries: 2,
              retryDelay: 0,
              deadLetterQueue: 'lichtruc-push-dead',
            },
            'lichtruc-push-dead': { maxBatchSize: 100, maxBatchTimeout: 0.05 },
          },
        },
      })),
    ],
    test: {
      name: 'workerd',
      root: ROOT,
      include: ['test/worker/**/*.test.ts'],
      globalSetup: ['test/worker/global-setup.ts'],
      setupFiles: ['test/worker/workerd/apply-migrations.ts'],
      testTimeout: 30_000,
    },
  };
});
