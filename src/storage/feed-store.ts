/** Feed links (only token hashes are kept), the publication state of feed events, and rendered feeds. */
import {
  createFeedVersionQueries,
  currentVersionsSql,
  type DeadLetter,
  type FeedVersions,
  scopeSql,
} from './feed-versions.ts';
import type { FeedRecord } from './records.ts';
import type { SqlDatabase, SqlValue } from './sql.ts';
import { type AuditInput, plainAuditStatement, type Stamp } from './statements.ts';

export interface PublishedEventRow {
  uid: string;
  date: string;
  contentHash: string;
  content: string;
  sequence: number;
  status: 'confirmed' | 'cancelled';
  createdAt: string;
  modifiedAt: string;
}

export interface CachedFeed extends FeedVersions {
  scope: string;
  /** `zone|date`: the day (in the feed's zone) its window was computed for. */
  builtFor: string;
  etag: string;
  lastModified: string;
  body: string;
}

export interface FeedLookup {
  feed: FeedRecord;
  cache: Omit<CachedFeed, 'body'> | null;
  /** The versions the scope is at now: the cache is stale unless it was built for these. */
  current: FeedVersions;
}

export interface FeedStore {
  create(feed: FeedRecord, tokenHash: string, audit: AuditInput, stamp: Stamp): Promise<void>;
  list(filter: { rosterId?: string | undefined }): Promise<FeedRecord[]>;
  get(id: string): Promise<FeedRecord | null>;
  revoke(id: string, audit: AuditInput, stamp: Stamp): Promise<void>;
  /** The feed a token opens, with the etag of its rendered feed: all a conditional GET needs, in one query. */
  lookup(tokenHash: string): Promise<FeedLookup | null>;
  /** Scopes ('roster:<id>', 'member:<id>') that have at least one live link. */
  liveScopes(): Promise<string[]>;
  events(scope: string): Promise<PublishedEventRow[]>;
  saveEvents(
    scope: string,
    upserts: readonly PublishedEventRow[],
    deletes: readonly string[],
  ): Promise<void>;
  cached(scope: string): Promise<CachedFeed | null>;
  saveCache(feed: CachedFeed): Promise<void>;
  /** The versions of a scope now; read them before reading what a render shows. */
  versions(scope: string): Promise<FeedVersions>;
  /** Marks the scopes' rendered feeds stale (outside a guarded batch; inside one use invalidateFeedsStatement). */
  invalidate(scopes: readonly string[]): Promise<void>;
  /** Scopes with a live link whose rendered feed is missing or stale: at most `limit`, in order, after `after`. */
  staleScopes(limit: number, after?: string): Promise<string[]>;
  /** A feed-queue message that reached the dead-letter queue (Workers). */
  recordDeadLetter(
    scope: string | null,
    body: string,
    attempts: number,
    now: string,
  ): Promise<void>;
  /** The newest dead letters first. */
  deadLetters(limit: number): Promise<DeadLetter[]>;
  deadLetter(seq: number): Promise<DeadLetter | null>;
  /** Removes a dead letter once its work is re-run; false when it was gone already. */
  clearDeadLetter(seq: number): Promise<boolean>;
}

type Row = Record<string, SqlValue>;

function toFeed(row: Row): FeedRecord {
  const text = (value: SqlValue | undefined) =>
    value === null || value === undefined ? null : String(value);
  return {
    id: String(row.id),
    rosterId: text(row.roster_id),
    memberId: text(row.member_id),
    label: text(row.label),
    createdAt: String(row.created_at),
    revokedAt: text(row.revoked_at),
  };
}

export function scopeOf(feed: Pick<FeedRecord, 'rosterId' | 'memberId'>): string {
  return feed.memberId ? `member:${feed.memberId}` : `roster:${feed.rosterId}`;
}

export function createFeedStore(db: SqlDatabase): FeedStore {
  return {
    ...createFeedVersionQueries(db),
    async create(feed, tokenHash, audit, stamp) {
      await db.batch([
        db
          .prepare(
            'INSERT INTO feeds (id, token_hash, roster_id, member_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .bind(feed.id, tokenHash, feed.rosterId, feed.memberId, feed.label, feed.createdAt),
        plainAuditStatement(db, audit, stamp),
      ]);
    },
    async list({ rosterId }) {
      const { results } = await db
        .prepare('SELECT * FROM feeds WHERE (? IS NULL OR roster_id = ?) ORDER BY created_at, id')
        .bind(rosterId ?? null, rosterId ?? null)
        .all<Row>();
      return results.map(toFeed);
    },
    async get(id) {
      const row = await db.prepare('SELECT * FROM feeds WHERE id = ?').bind(id).first<Row>();
      return row ? toFeed(row) : null;
    },
    async revoke(id, audit, stamp) {
      await db.batch([
        db
          .prepare('UPDATE feeds SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
          .bind(stamp.now, id),
        plainAuditStatement(db, audit, stamp),
      ]);
    },
    async lookup(tokenHash) {
      const scope = scopeSql('f.');
      const row = await db
        .prepare(
          `SELECT f.*, c.scope AS c_scope, c.built_for, c.etag, c.last_modified, c.holidays_version,
             c.scope_version, ${currentVersionsSql(scope)}
           FROM feeds f LEFT JOIN feed_cache c ON c.scope = ${scope}
           WHERE f.token_hash = ?`,
        )
        .bind(tokenHash)
        .first<Row>();
      if (!row) return null;
      const cache =
        row.c_scope === null
          ? null
          : {
              scope: String(row.c_scope),
              builtFor: String(row.built_for),
              etag: String(row.etag),
              lastModified: String(row.last_modified),
              holidaysVersion: String(row.holidays_version),
              scopeVersion: Number(row.scope_version),
            };
      const current = {
        holidaysVersion: String(row.current_holidays),
        scopeVersion: Number(row.current_scope),
      };
      return { feed: toFeed(row), cache, current };
    },
    async liveScopes() {
      const { results } = await db
        .prepare('SELECT DISTINCT roster_id, member_id FROM feeds WHERE revoked_at IS NULL')
        .all<Row>();
      return [...new Set(results.map((row) => scopeOf(toFeed(row))))].sort();
    },
    async events(scope) {
      const { results } = await db
        .prepare('SELECT * FROM feed_events WHERE scope = ? ORDER BY date, uid')
        .bind(scope)
        .all<Row>();
      return results.map((row) => ({
        uid: String(row.uid),
        date: String(row.date),
        contentHash: String(row.content_hash),
        content: String(row.content),
        sequence: Number(row.sequence),
        status: row.status as PublishedEventRow['status'],
        createdAt: String(row.created_at),
        modifiedAt: String(row.modified_at),
      }));
    },
    async saveEvents(scope, upserts, deletes) {
      if (upserts.length === 0 && deletes.length === 0) return;
      const statements = [
        ...upserts.map((event) =>
          db
            .prepare(
              `INSERT INTO feed_events (scope, uid, date, content_hash, content, sequence, status, created_at, modified_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (scope, uid) DO UPDATE SET date = excluded.date, content_hash = excluded.content_hash,
                 content = excluded.content, sequence = excluded.sequence, status = excluded.status,
                 modified_at = excluded.modified_at`,
            )
            .bind(
              scope,
              event.uid,
              event.date,
              event.contentHash,
              event.content,
              event.sequence,
              event.status,
              event.createdAt,
              event.modifiedAt,
            ),
        ),
        ...deletes.map((uid) =>
          db.prepare('DELETE FROM feed_events WHERE scope = ? AND uid = ?').bind(scope, uid),
        ),
      ];
      await db.batch(statements);
    },
    async cached(scope) {
      const row = await db
        .prepare('SELECT * FROM feed_cache WHERE scope = ?')
        .bind(scope)
        .first<Row>();
      return row
        ? {
            scope,
            builtFor: String(row.built_for),
            etag: String(row.etag),
            lastModified: String(row.last_modified),
            body: String(row.body),
            holidaysVersion: String(row.holidays_version),
            scopeVersion: Number(row.scope_version),
          }
        : null;
    },
    async saveCache(feed) {
      await db
        .prepare(
          `INSERT INTO feed_cache (scope, built_for, etag, last_modified, body, holidays_version, scope_version)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (scope) DO UPDATE SET built_for = excluded.built_for, etag = excluded.etag,
             last_modified = excluded.last_modified, body = excluded.body,
             holidays_version = excluded.holidays_version, scope_version = excluded.scope_version`,
        )
        .bind(
          feed.scope,
          feed.builtFor,
          feed.etag,
          feed.lastModified,
          feed.body,
          feed.holidaysVersion,
          feed.scopeVersion,
        )
        .run();
    },
  };
}
