/**
 * Stored roster rows as records. Parsing a definition validates it again: a row that no longer reads (a schema
 * tightened since, a hand edit) is left out of listings and named by `unreadable`, so one bad row stops no one else.
 */
import { type Roster, RosterSchema } from '../domain/roster-schema.ts';
import { type StoredRoster, type UnreadableRoster, UnreadableRosterError } from './records.ts';
import type { SqlValue } from './sql.ts';

type Row = Record<string, SqlValue>;

// Parsing a stored definition validates it again; rosters change rarely, so keep the parsed value per hash.
const parsedDefinitions = new Map<string, Roster>();

function parseDefinition(hash: string, definition: string): Roster {
  let roster = parsedDefinitions.get(hash);
  if (!roster) {
    roster = RosterSchema.parse(JSON.parse(definition));
    if (parsedDefinitions.size > 1000) parsedDefinitions.clear();
    parsedDefinitions.set(hash, roster);
  }
  return roster;
}

/** "members.0.id: Invalid input; name: Required": the first few problems, short enough for a page. */
function reasonOf(error: unknown): string {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (!Array.isArray(issues)) return error instanceof Error ? error.message : String(error);
  const lines = issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
  return lines.slice(0, 3).join('; ') + (lines.length > 3 ? ` (+${lines.length - 3})` : '');
}

function nameOf(definition: string): string | null {
  try {
    const name = (JSON.parse(definition) as { name?: unknown }).name;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** The rows that read as rosters; the others are listed by `unreadableRosters`. */
export function readable(rows: Row[]): StoredRoster[] {
  return rows.flatMap((row) => {
    try {
      return [toStoredRoster(row)];
    } catch (error) {
      if (error instanceof UnreadableRosterError) return [];
      throw error;
    }
  });
}

export function toStoredRoster(row: Row): StoredRoster {
  let roster: Roster;
  try {
    roster = parseDefinition(String(row.definition_hash), String(row.definition));
  } catch (error) {
    throw new UnreadableRosterError(String(row.id), reasonOf(error));
  }
  return {
    id: String(row.id),
    origin: row.origin as StoredRoster['origin'],
    sourcePath: row.source_path === null ? null : String(row.source_path),
    roster,
    definitionHash: String(row.definition_hash),
    version: Number(row.version),
    factsVersion: Number(row.facts_version),
    fileMissing: Boolean(row.file_missing),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/** The rows that do not read as rosters, and why. */
export function unreadable(rows: Row[]): UnreadableRoster[] {
  return rows.flatMap((row) => {
    try {
      toStoredRoster(row);
      return [];
    } catch (error) {
      if (!(error instanceof UnreadableRosterError)) throw error;
      const { rosterId: id, reason } = error;
      return [
        { id, name: nameOf(String(row.definition)), reason, updatedAt: String(row.updated_at) },
      ];
    }
  });
}
