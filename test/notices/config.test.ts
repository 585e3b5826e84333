/** The notice settings from the environment: read as documented, each bad value named with what it should be. */
import { describe, expect, it } from 'vitest';
import {
  type ConfigError,
  NodeConfigSchema,
  parseConfig,
  WorkerConfigSchema,
} from '../../src/config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(NodeConfigSchema, env);
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('notice configuration', () => {
  it('reads the window, the coalescing, quiet hours, SMTP, Zalo and the private-webhook switch', () => {
    const config = parseConfig(NodeConfigSchema, {
      LICHTRUC_NOTICE_DAYS: '7',
      LICHTRUC_NOTICE_COALESCE_SECONDS: '0',
      LICHTRUC_QUIET_HOURS: 'off',
      LICHTRUC_SMTP_URL: 'smtps://lichtruc:mat-khau@mail.example.gov.vn:465',
      LICHTRUC_MAIL_FROM: 'Lịch trực <lichtruc@example.gov.vn>',
      ZALO_BOT_TOKEN: '1234567890:abc-xyz',
      ZALO_WEBHOOK_SECRET: 'bi-mat-webhook',
      LICHTRUC_WEBHOOK_ALLOW_PRIVATE: '1',
    });
    expect(config).toMatchObject({
      LICHTRUC_NOTICE_DAYS: 7,
      LICHTRUC_NOTICE_COALESCE_SECONDS: 0,
      LICHTRUC_QUIET_HOURS: null,
      LICHTRUC_WEBHOOK_ALLOW_PRIVATE: true,
    });
    expect(
      parseConfig(NodeConfigSchema, {
        LICHTRUC_QUIET_HOURS: '22:30-06:00',
        LICHTRUC_REMINDER_AT: 'off',
        LICHTRUC_DIGEST_AT: 'mon 07:30',
      }),
    ).toMatchObject({
      LICHTRUC_QUIET_HOURS: { start: '22:30', end: '06:00' },
      LICHTRUC_REMINDER_AT: null,
      LICHTRUC_DIGEST_AT: { weekday: 1, time: '07:30' },
    });
  });

  it('names each bad value, and the settings that need each other', () => {
    expect(
      problemsOf({
        LICHTRUC_NOTICE_DAYS: 'two weeks',
        LICHTRUC_NOTICE_COALESCE_SECONDS: '-5',
        LICHTRUC_QUIET_HOURS: '9pm-6am',
        LICHTRUC_REMINDER_AT: '4:30pm',
        LICHTRUC_DIGEST_AT: 'friday',
        LICHTRUC_SMTP_URL: 'http://mail.example.gov.vn',
        LICHTRUC_MAIL_FROM: 'Lịch trực lichtruc@example.gov.vn',
        LICHTRUC_WEBHOOK_ALLOW_PRIVATE: 'yes',
      }),
    ).toEqual([
      'LICHTRUC_NOTICE_DAYS: must be a whole number of days from 0 to 60 (got "two weeks")',
      'LICHTRUC_NOTICE_COALESCE_SECONDS: must be a whole number of seconds from 0 to 3600 (got "-5")',
      'LICHTRUC_QUIET_HOURS: must be HH:MM-HH:MM such as 21:00-06:30, or off (got "9pm-6am")',
      'LICHTRUC_REMINDER_AT: must be HH:MM such as 16:30, or off (got "4:30pm")',
      'LICHTRUC_DIGEST_AT: must be a weekday and HH:MM such as "fri 15:00", or off (got "friday")',
      'LICHTRUC_SMTP_URL: must be smtp://user:pass@host:port or smtps://… (got "http://mail.example.gov.vn")',
      'LICHTRUC_MAIL_FROM: must be an address or "Name <address>", e.g. "Lịch trực <lichtruc@example.gov.vn>" (got "Lịch trực lichtruc@example.gov.vn")',
      'LICHTRUC_WEBHOOK_ALLOW_PRIVATE: must be 1 or 0 (got "yes")',
    ]);
    expect(
      problemsOf({
        LICHTRUC_SMTP_URL: 'smtp://mail.example.gov.vn',
        ZALO_BOT_TOKEN: '1234567890:x',
      }),
    ).toEqual([
      'LICHTRUC_MAIL_FROM: is needed with LICHTRUC_SMTP_URL, e.g. "Lịch trực <lichtruc@example.gov.vn>"',
      'ZALO_WEBHOOK_SECRET: is needed with ZALO_BOT_TOKEN (8 to 256 characters; the bot webhook carries it)',
    ]);
  });

  it('applies to the Worker too', () => {
    const worker = parseConfig(WorkerConfigSchema, {
      LICHTRUC_ADMIN_TOKEN: 'a-very-long-admin-token-0123456789',
      LICHTRUC_PUBLIC_URL: 'https://lichtruc.example.gov.vn',
      LICHTRUC_NOTICE_COALESCE_SECONDS: '30',
      LICHTRUC_SMTP_URL: 'smtp://lichtruc:secret@smtp.example.gov.vn:587',
      LICHTRUC_MAIL_FROM: 'lichtruc@example.gov.vn',
    });
    expect(worker.LICHTRUC_NOTICE_COALESCE_SECONDS).toBe(30);
    expect(worker.LICHTRUC_SMTP_URL).toBe('smtp://lichtruc:secret@smtp.example.gov.vn:587');
    expect(() =>
      parseConfig(WorkerConfigSchema, {
        LICHTRUC_ADMIN_TOKEN: 'a-very-long-admin-token-0123456789',
        LICHTRUC_PUBLIC_URL: 'https://lichtruc.example.gov.vn',
        LICHTRUC_SMTP_URL: 'smtp://lichtruc:secret@smtp.example.gov.vn:25',
        LICHTRUC_MAIL_FROM: 'lichtruc@example.gov.vn',
      }),
    ).toThrow(
      'LICHTRUC_SMTP_URL: port 25 is blocked on Cloudflare Workers: use 587 (STARTTLS) or smtps:// on 465 (got "smtp://lichtruc:…@smtp.example.gov.vn:25")',
    );
  });
});
