/** One-time sign-in links sent by e-mail, kept by the SHA-256 of their token only. */
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export interface SignInLink {
  tokenHash: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SignInLinkStore {
  /** The statement that records a new link, to batch with its audit entry. */
  insert(link: SignInLink): SqlStatement;
  find(tokenHash: string): Promise<SignInLink | null>;
  /**
   * Marks a link used if it is still unused and unexpired at `now`; whether it was. One statement checks and marks,
   * so two sign-ins racing on one link cannot both win.
   */
  use(tokenHash: string, now: string): Promise<boolean>;
  /** Removes links that expired before `before`. */
  prune(before: string): Promise<void>;
}

type Row = Record<string, SqlValue>;

export function createSignInLinkStore(db: SqlDatabase): SignInLinkStore {
  return {
    insert: (link) =>
      db
        .prepare(
          'INSERT INTO sign_in_links (token_hash, account_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)',
        )
        .bind(link.tokenHash, link.accountId, link.createdAt, link.expiresAt, link.usedAt),
    async find(tokenHash) {
      const row = await db
        .prepare('SELECT * FROM sign_in_links WHERE token_hash = ?')
        .bind(tokenHash)
        .first<Row>();
      if (!row) return null;
      return {
        tokenHash: String(row.token_hash),
        accountId: String(row.account_id),
        createdAt: String(row.created_at),
        expiresAt: String(row.expires_at),
        usedAt: row.used_at === null || row.used_at === undefined ? null : String(row.used_at),
      };
    },
    async use(tokenHash, now) {
      const result = await db
        .prepare(
          'UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
        )
        .bind(now, tokenHash, now)
        .run();
      return result.meta.changes === 1;
    },
    async prune(before) {
      await db.prepare('DELETE FROM sign_in_links WHERE expires_at < ?').bind(before).run();
    },
  };
}
