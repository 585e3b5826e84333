/** What every request sees: the services' dependencies, and per-request values set by middleware. */
import type { Context } from 'hono';
import type { Principal } from '../domain/permissions.ts';
import type { NoticeChannel } from '../providers/notices/notice-channel.ts';
import type { SyncDeps } from '../services/sync-deps.ts';
import type { ReadinessCheck } from './routes/health.ts';
import type { WorkbookRenderer } from '../domain/report-document.ts';
import type { DraftFormat } from '../domain/draft-format.ts';
import type { AdminSession } from '../storage/session-store.ts';
import type { Store } from '../storage/store.ts';

export interface AppDeps {
  store: Store;
  now(): Date;
  /** Base URL of feed links and of the pages. */
  publicUrl: string;
  /** SHA-256 (hex) of the admin token. */
  adminTokenHash: string;
  /** The secret keying account passwords (LICHTRUC_PASSWORD_PEPPER); without it accounts sign in by token only. */
  passwordPepper?: string | undefined;
  /**
   * The client's address, the key of the rate limit: the socket's peer on Node, `CF-Connecting-IP` (set by
   * Cloudflare, not by the client) on Workers, which is also the default.
   */
  clientAddress?: ((c: Context<HonoEnv>) => string | undefined) | undefined;
  /** The calendar push, when at least one provider is configured. */
  sync?: SyncDeps | undefined;
  /**
   * A change of a roster landed: the entry pushes it soon (Node: the outbox worker; Workers: the request's
   * `waitUntil`, passed along when the runtime has one).
   */
  afterChange?:
    | ((rosterId: string, waitUntil?: (promise: Promise<unknown>) => void) => void)
    | undefined;
  /**
   * Some feeds were marked stale: the entry renders them in the background (Node: the in-process feed worker;
   * Workers: a message on the feed queue, sent within the request's `waitUntil`).
   */
  feedsChanged?: ((waitUntil?: (promise: Promise<unknown>) => void) => void) | undefined;
  /**
   * A holiday edit recorded a notice job: the entry fans it out (Node: the notice worker; Workers: a message on the
   * notice queue, sent within the request's `waitUntil`).
   */
  holidayNoticesChanged?: ((waitUntil?: (promise: Promise<unknown>) => void) => void) | undefined;
  /** Named checks `GET /readyz` runs; it answers 503 until all pass (none: always ready). */
  readiness?: readonly ReadinessCheck[] | undefined;
  /** The XLSX writer of `GET …/report?format=xlsx`; absent on Workers (the download answers 501 there). */
  renderWorkbook?: WorkbookRenderer | undefined;
  /** How the letter import's draft is edited: YAML given by the Node entry; JSON by default (Workers). */
  draftFormat?: DraftFormat | undefined;
  /** Change notices: whether webhooks may point at private addresses, and a kick for the notice worker. */
  notices?:
    | {
        allowPrivateWebhooks: boolean;
        kick?(): void;
        /** The Zalo bot, when configured: the SHA-256 of its webhook secret, and a reply to a chat. */
        zalo?:
          | { secretHash: string; send(chatId: string, text: string): Promise<void> }
          | undefined;
      }
    | undefined;
  /**
   * The e-mail notice channel, when LICHTRUC_SMTP_URL is set: one-time sign-in links go out through it, and the
   * sign-in page offers them only then.
   */
  signInMail?: NoticeChannel | undefined;
  /** Logs an unexpected error; the client gets a 500 problem with the request id. */
  logError?(error: unknown, requestId: string): void;
}

export interface HonoEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    /** The admin web session of a request under /admin (set by the admin pages' middleware). */
    session?: AdminSession | undefined;
    /** Who sends the request (set by the API's bearer check or the admin pages' session). */
    principal?: Principal | undefined;
  };
}
