/**
 * What the Node side of the workerd tests hands to them: the constants both sides agree on, and the values the
 * global setup `provide`s (stand-in URLs, the service-account key, the control URL). Imported from Node (config,
 * global setup) and from workerd (tests), so it imports nothing.
 */

/** The admin token the Worker is configured with (a secret on Workers; ≥ 24 characters). */
export const ADMIN_TOKEN = 'workerd-admin-token-0123456789abcdef';
/** The secret keying account passwords (a wrangler secret in production; ≥ 32 characters). */
export const PASSWORD_PEPPER = 'workerd-password-pepper-0123456789abcdef';
/** The Worker's public URL: feed links start with it. */
export const PUBLIC_URL = 'https://lichtruc.test';
/** The Google service account the Worker signs in as; calendars the tests create share writer access with it. */
export const GOOGLE_ACCOUNT = 'lichtruc-worker@du-an.iam.gserviceaccount.com';
/** The Entra app registration the Worker uses for Graph (client-credentials grant). */
export const MS_APP = {
  tenantId: 'svhttdl-bacninh',
  clientId: 'lichtruc-worker',
  clientSecret: 'bi-mat-workerd',
} as const;

/** The secret the Zalo bot's webhook calls carry in X-Bot-Api-Secret-Token (ZALO_WEBHOOK_SECRET). */
export const ZALO_WEBHOOK_SECRET = 'workerd-zalo-webhook-secret';

export interface StandInsProvided {
  /** `http://127.0.0.1:PORT/`: Google's rootUrl (GOOGLE_API_ROOT_URL). */
  googleRootUrl: string;
  /** The service-account key file as JSON text (GOOGLE_SERVICE_ACCOUNT_KEY); its token_uri is the stand-in's. */
  googleServiceAccountKey: string;
  /** `https://127.0.0.1:PORT/v1.0` (MS_GRAPH_BASE_URL). */
  graphBaseUrl: string;
  /** `https://127.0.0.1:PORT` (MS_LOGIN_BASE_URL). */
  graphLoginUrl: string;
  /** The Graph stand-in's self-signed certificate, trusted by the Node side that forwards the Worker's requests. */
  graphCaPem: string;
  /** `http://127.0.0.1:PORT`: the control server (set up and inspect the stand-ins' state). */
  controlUrl: string;
  /** `http://127.0.0.1:PORT/hooks/lichtruc`: a Standard Webhooks receiver verifying what the Worker sends. */
  webhookUrl: string;
  /** `smtp://127.0.0.1:PORT`: the SMTP stand-in the Worker reaches over `connect()` (LICHTRUC_SMTP_URL). */
  smtpUrl: string;
  /** `http://127.0.0.1:PORT`: the Zalo Bot API stand-in (ZALO_API_BASE_URL). */
  zaloBaseUrl: string;
  /** The bot token the stand-in accepts in its paths (ZALO_BOT_TOKEN). */
  zaloBotToken: string;
  /** An assignment letter (test/fixtures/letters) for the import page. */
  importLetter: string;
}

declare module 'vitest' {
  export interface ProvidedContext extends StandInsProvided {}
}
