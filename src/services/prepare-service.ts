/**
 * First-start chores, shared by every entry: the admin token (generated once and shown once when none is
 * configured; only its hash is kept) and, on the very first start, a feed link for each roster, so a newcomer
 * has something to subscribe to.
 */
import type { ServiceContext } from './context.ts';
import { createFeed } from './feed-links.ts';
import { randomToken, sha256Hex } from './secrets.ts';

export interface PreparedService {
  adminTokenHash: string;
  /** Lines to show the operator: secrets appear here once and are never stored in clear. */
  messages: string[];
}

/** The admin token's hash, generating (and showing once) a token on first start when none is configured. */
export async function prepareAdminToken(
  ctx: ServiceContext,
  configuredToken: string | undefined,
): Promise<PreparedService> {
  const messages: string[] = [];
  let adminTokenHash: string;
  if (configuredToken) {
    adminTokenHash = await sha256Hex(configuredToken);
  } else {
    const stored = await ctx.store.setting('admin_token_hash');
    if (stored) {
      adminTokenHash = stored;
      messages.push(
        '\nAdmin token: the one printed at first start (set LICHTRUC_ADMIN_TOKEN to choose your own).',
      );
    } else {
      const token = randomToken();
      adminTokenHash = await sha256Hex(token);
      await ctx.store.putSetting('admin_token_hash', adminTokenHash);
      messages.push(
        `\nAdmin token (shown once, keep it): ${token}`,
        `  curl -H 'Authorization: Bearer ${token}' ${ctx.publicUrl}/api/rosters`,
      );
    }
  }

  return { adminTokenHash, messages };
}

/**
 * On the very first start (after calendars/ is applied), a feed link for each roster, shown once; later starts only
 * say where to create links. A link an admin revoked later must stay revoked, so this never runs twice.
 */
export async function prepareFirstStartFeeds(ctx: ServiceContext): Promise<string[]> {
  const messages: string[] = [];
  if (!(await ctx.store.setting('first_start_done'))) {
    for (const stored of await ctx.store.rosterNames()) {
      const feed = await createFeed(ctx, {
        rosterId: stored.id,
        label: 'tạo khi khởi động lần đầu',
      });
      const staffPage = feed.url.replace(/\/feeds\/([^/]+)\.ics$/, '/my/$1');
      messages.push(
        `\nCalendar feed of ${stored.name} (shown once; subscribe from a phone or calendar app):`,
        `  ${feed.url}`,
        `  ${feed.webcalUrl}`,
        `  staff page with subscribe buttons and a QR code: ${staffPage}`,
      );
    }
    await ctx.store.putSetting('first_start_done', ctx.now().toISOString());
  } else {
    messages.push(
      `\nFeed links were shown when they were created; to make a new one, or a staff page link, sign in to the admin pages: ${ctx.publicUrl}/admin/feeds`,
    );
  }
  return messages;
}
