/** Admin web sessions: kept by the SHA-256 of their token, with an expiry and the session's CSRF token. */
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export interface AdminSession {
  tokenHash: string;
  csrfToken: string;
  actor: string;
  createdAt: string;
  expiresAt: string;
}

export interface SessionStore {
  create(session: AdminSession): Promise<void>;
  /** The session of a token hash if it has not expired at `now`. */
  find(tokenHash: string, now: string): Promise<AdminSession | null>;
  delete(tokenHash: string): Promise<void>;
  /**
   * The statement that ends every session of `actor` but the one of `keepHash` (the browser that changed the
   * password stays signed in; null ends them all), to batch with the change that calls for it.
   */
  endSessionsOf(actor: string, keepHash: string | null): SqlStatement;
  /** Removes expired sessions. */
  prune(now: string): Promise<void>;
}

type Row = Record<string, SqlValue>;

export function createSessionStore(db: SqlDatabase): SessionStore {
  return {
    async create(session) {
      await db
        .prepare(
          'INSERT INTO admin_sessions (token_hash, csrf_token, actor, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        )
        .bind(
          session.tokenHash,
          session.csrfToken,
          session.actor,
          session.createdAt,
          session.expiresAt,
        )
        .run();
    },
    async find(tokenHash, now) {
      const row = await db
        .prepare('SELECT * FROM admin_sessions WHERE token_hash = ? AND expires_at > ?')
        .bind(tokenHash, now)
        .first<Row>();
      if (!row) return null;
      return {
        tokenHash: String(row.token_hash),
        csrfToken: String(row.csrf_token),
        actor: String(row.actor),
        createdAt: String(row.created_at),
        expiresAt: String(row.expires_at),
      };
    },
    async delete(tokenHash) {
      await db.prepare('DELETE FROM admin_sessions WHERE token_hash = ?').bind(tokenHash).run();
    },
    endSessionsOf: (actor, keepHash) =>
      db
        .prepare('DELETE FROM admin_sessions WHERE actor = ? AND token_hash IS NOT ?')
        .bind(actor, keepHash),
    async prune(now) {
      await db.prepare('DELETE FROM admin_sessions WHERE expires_at <= ?').bind(now).run();
    },
  };
}
