/** What the notice verbs need: the store, the clock, the settings from configuration, and the channels configured. */
import type { QuietHours } from '../domain/quiet-hours.ts';
import type { NoticeChannel } from '../providers/notices/notice-channel.ts';
import type { NoticeChannelName } from '../storage/notice-store.ts';
import type { Store } from '../storage/store.ts';

export interface NoticeSettings {
  /** The notice window: today → today + days (LICHTRUC_NOTICE_DAYS). */
  days: number;
  /** A roster's changes wait until it has been quiet this long (LICHTRUC_NOTICE_COALESCE_SECONDS). */
  coalesceMs: number;
  /** LICHTRUC_QUIET_HOURS; null when off. */
  quietHours: QuietHours | null;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** Local `HH:MM` after which tomorrow's reminders go (LICHTRUC_REMINDER_AT); null: none. */
  reminderAt: string | null;
  /** The weekday (1 = Monday) and local time of next week's digest (LICHTRUC_DIGEST_AT); null: none. */
  digestAt: { weekday: number; time: string } | null;
}

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  days: 14,
  coalesceMs: 120_000,
  quietHours: { start: '21:00', end: '06:30' },
  maxAttempts: 8,
  reminderAt: '16:30',
  digestAt: { weekday: 5, time: '15:00' },
};

export interface NoticeDeps {
  store: Store;
  now(): Date;
  settings: NoticeSettings;
  channels: Partial<Record<NoticeChannelName, NoticeChannel>>;
  random(): number;
  /** One line per roster set aside (its stored definition no longer reads); absent: console.warn. */
  log?: ((line: string) => void) | undefined;
}
