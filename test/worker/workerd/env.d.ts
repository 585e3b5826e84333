/**
 * The bindings the workerd tests add to the Worker's (src/entry/worker-configuration.d.ts, from wrangler.toml): the
 * migrations for the setup file, and the secrets test/worker/vitest.config.ts sets.
 */
import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      LICHTRUC_ADMIN_TOKEN: string;
      LICHTRUC_PASSWORD_PEPPER: string;
      GOOGLE_API_ROOT_URL: string;
      GOOGLE_SERVICE_ACCOUNT_KEY: string;
      MS_TENANT_ID: string;
      MS_CLIENT_ID: string;
      MS_CLIENT_SECRET: string;
      MS_GRAPH_BASE_URL: string;
      MS_LOGIN_BASE_URL: string;
      ZALO_BOT_TOKEN: string;
      ZALO_WEBHOOK_SECRET: string;
      ZALO_API_BASE_URL: string;
    }
  }
}
