/**
 * Migration 0007 on a database written before an override replaced its slot's previous one: repeated overrides of a
 * slot shrink to the latest, the one the schedule showed; overrides of other slots stay.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSqlite, readMigrations } from '../../src/storage/drivers/sqlite.ts';
import { applyMigrations } from '../../src/storage/sql.ts';

const ALL = readMigrations(join(import.meta.dirname, '../../migrations'));
const BEFORE = ALL.filter((migration) => migration.name < '0007');

it('keeps the latest override of each slot', async () => {
  const db = openSqlite(':memory:');
  await applyMigrations(db, BEFORE);
  await db
    .prepare(
      `INSERT INTO rosters (id, origin, definition, definition_hash, created_at, updated_at)
       VALUES ('r', 'api', '{}', 'h', '2024-01-01', '2024-01-01')`,
    )
    .run();
  const rows: [string, string, string | null, string, string][] = [
    ['a1', '2024-05-06', null, 'hanh', '2024-05-01T01:00:00Z'],
    ['a2', '2024-05-06', null, 'luyen', '2024-05-01T02:00:00Z'],
    ['a3', '2024-05-06', null, 'hanh', '2024-05-01T02:00:00Z'],
    ['b1', '2024-05-06', 'backup', 'ha', '2024-05-01T00:00:00Z'],
    ['c1', '2024-05-07', null, 'ha', '2024-05-01T00:00:00Z'],
  ];
  for (const [id, date, position, member, at] of rows)
    await db
      .prepare(
        `INSERT INTO overrides (id, roster_id, date, position, member_id, created_at, created_by)
         VALUES (?, 'r', ?, ?, ?, ?, 'admin')`,
      )
      .bind(id, date, position, member, at)
      .run();

  expect(await applyMigrations(db, ALL)).toContain('0007_one_override_per_slot.sql');
  const { results } = await db
    .prepare('SELECT id, member_id FROM overrides ORDER BY id')
    .all<{ id: string; member_id: string }>();
  // a3 was inserted after a2 at the same instant: it is the one the schedule showed.
  expect(results).toEqual([
    { id: 'a3', member_id: 'hanh' },
    { id: 'b1', member_id: 'ha' },
    { id: 'c1', member_id: 'ha' },
  ]);
});
