/** The notice settings from the configuration, the same on Node and on Workers. */
import type { NoticeConfig } from '../config.ts';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings } from '../services/notice-deps.ts';

export function noticeSettingsFromConfig(config: NoticeConfig): NoticeSettings {
  return {
    ...DEFAULT_NOTICE_SETTINGS,
    days: config.LICHTRUC_NOTICE_DAYS,
    coalesceMs: config.LICHTRUC_NOTICE_COALESCE_SECONDS * 1000,
    quietHours: config.LICHTRUC_QUIET_HOURS,
    reminderAt: config.LICHTRUC_REMINDER_AT,
    digestAt: config.LICHTRUC_DIGEST_AT,
  };
}
