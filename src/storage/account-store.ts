/** Accounts and their API tokens. Tokens are kept by the SHA-256 of their secret only. */
import type { Role } from '../domain/permissions.ts';
import type { SqlDatabase, SqlStatement, SqlValue } from './sql.ts';

export interface Account {
  id: string;
  name: string;
  role: Role;
  organisationId: string | null;
  rosters: string[];
  /** `scheme$parameters$salt$hash`, or null for an account that signs in with API tokens only. */
  password: string | null;
  /** Where one-time sign-in links go (lower case, unique), or null. */
  email: string | null;
  createdAt: string;
  createdBy: string;
  disabledAt: string | null;
}

export interface ApiToken {
  id: string;
  accountId: string;
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AccountStore {
  /** The statement that inserts an account, to batch with its audit entry. */
  insert(account: Account): SqlStatement;
  get(id: string): Promise<Account | null>;
  /** The account of an e-mail address (stored in lower case). */
  findByEmail(email: string): Promise<Account | null>;
  /** Every account, or those of one organisation. */
  list(organisationId: string | null): Promise<Account[]>;
  disable(id: string, now: string): SqlStatement;
  /** The statement that replaces an account's password hash, to batch with its audit entry. */
  setPassword(id: string, password: string): SqlStatement;
  /** The statement that replaces an account's e-mail address (null removes it), to batch with its audit entry. */
  setEmail(id: string, email: string | null): SqlStatement;
  insertToken(token: ApiToken, tokenHash: string): SqlStatement;
  /** The live token of a hash and its enabled account. */
  findToken(tokenHash: string): Promise<{ token: ApiToken; account: Account } | null>;
  tokensOf(accountId: string): Promise<ApiToken[]>;
  touchToken(id: string, now: string): Promise<void>;
  revokeToken(accountId: string, tokenId: string, now: string): SqlStatement;
}

type Row = Record<string, SqlValue>;
const text = (value: SqlValue | undefined) =>
  value === null || value === undefined ? null : String(value);

function toAccount(row: Row, prefix = ''): Account {
  return {
    id: String(row[`${prefix}id`]),
    name: String(row[`${prefix}name`]),
    role: String(row[`${prefix}role`]) as Role,
    organisationId: text(row[`${prefix}organisation_id`]),
    rosters: JSON.parse(String(row[`${prefix}rosters`])) as string[],
    password: text(row[`${prefix}password`]),
    email: text(row[`${prefix}email`]),
    createdAt: String(row[`${prefix}created_at`]),
    createdBy: String(row[`${prefix}created_by`]),
    disabledAt: text(row[`${prefix}disabled_at`]),
  };
}

function toToken(row: Row): ApiToken {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    label: String(row.label),
    createdAt: String(row.created_at),
    lastUsedAt: text(row.last_used_at),
    revokedAt: text(row.revoked_at),
  };
}

const ACCOUNT_COLUMNS = [
  'id',
  'name',
  'role',
  'organisation_id',
  'rosters',
  'password',
  'email',
  'created_at',
  'created_by',
  'disabled_at',
];

export function createAccountStore(db: SqlDatabase): AccountStore {
  return {
    insert: (account) =>
      db
        .prepare(
          `INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(
          account.id,
          account.name,
          account.role,
          account.organisationId,
          JSON.stringify(account.rosters),
          account.password,
          account.email,
          account.createdAt,
          account.createdBy,
          account.disabledAt,
        ),
    async get(id) {
      const row = await db.prepare('SELECT * FROM accounts WHERE id = ?').bind(id).first<Row>();
      return row ? toAccount(row) : null;
    },
    async findByEmail(email) {
      const row = await db
        .prepare('SELECT * FROM accounts WHERE email = ?')
        .bind(email.toLowerCase())
        .first<Row>();
      return row ? toAccount(row) : null;
    },
    async list(organisationId) {
      const query =
        organisationId === null
          ? db.prepare('SELECT * FROM accounts ORDER BY id')
          : db
              .prepare('SELECT * FROM accounts WHERE organisation_id = ? ORDER BY id')
              .bind(organisationId);
      return (await query.all<Row>()).results.map((row) => toAccount(row));
    },
    disable: (id, now) =>
      db.prepare('UPDATE accounts SET disabled_at = ? WHERE id = ?').bind(now, id),
    setPassword: (id, password) =>
      db.prepare('UPDATE accounts SET password = ? WHERE id = ?').bind(password, id),
    setEmail: (id, email) =>
      db.prepare('UPDATE accounts SET email = ? WHERE id = ?').bind(email, id),
    insertToken: (token, tokenHash) =>
      db
        .prepare(
          'INSERT INTO api_tokens (id, account_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .bind(token.id, token.accountId, tokenHash, token.label, token.createdAt),
    async findToken(tokenHash) {
      const columns = ACCOUNT_COLUMNS.map((column) => `a.${column} AS a_${column}`).join(', ');
      const row = await db
        .prepare(
          `SELECT t.*, ${columns} FROM api_tokens t JOIN accounts a ON a.id = t.account_id
           WHERE t.token_hash = ? AND t.revoked_at IS NULL AND a.disabled_at IS NULL`,
        )
        .bind(tokenHash)
        .first<Row>();
      return row ? { token: toToken(row), account: toAccount(row, 'a_') } : null;
    },
    async tokensOf(accountId) {
      const rows = await db
        .prepare('SELECT * FROM api_tokens WHERE account_id = ? ORDER BY created_at, id')
        .bind(accountId)
        .all<Row>();
      return rows.results.map(toToken);
    },
    async touchToken(id, now) {
      await db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').bind(now, id).run();
    },
    revokeToken: (accountId, tokenId, now) =>
      db
        .prepare(
          'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL',
        )
        .bind(now, tokenId, accountId),
  };
}
