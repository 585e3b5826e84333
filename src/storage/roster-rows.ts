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

/** A text field of a definition that no longer reads as a roster, if it is still there. */
function textOf(
  definition: string,
  pick: (parsed: Record<string, unknown>) => unknown,
): string | null {
  try {
    const value = pick(JSON.parse(definition) ?? {});
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

const nameOf = (definition: string) => textOf(definition, (parsed) => parsed.name);

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
  const record = {
    id: String(row.id),
    origin: row.origin as StoredRoster['origin'],
    sourcePath: row.source_path === null ? null : String(row.source_path),
    definitionHash: String(row.definition_hash),
    version: Number(row.version),
    factsVersion: Number(row.facts_version),
    fileMissing: Boolean(row.file_missing),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
  try {
    return { ...record, roster: parseDefinition(record.definitionHash, String(row.definition)) };
  } catch (error) {
    // Its organisation still decides who may see it (and mend it).
    const organisationId = textOf(
      String(row.definition),
      (parsed) => (parsed.organisation as { id?: unknown } | undefined)?.id,
    );
    throw new UnreadableRosterError({ ...record, organisationId }, reasonOf(error));
  }
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
