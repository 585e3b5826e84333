-- An override replaces its slot's previous one (src/services/set-override.ts). Before that rule, repeated overrides
-- of one slot were all stored though only the latest showed in the schedule; keep that latest one, so the data says
-- what the schedule shows. (Overrides written with and without the position of a single-slot day are left to the
-- service: which slot a position-less override names depends on the roster, which SQL cannot see.)
DELETE FROM overrides
WHERE EXISTS (
  SELECT 1 FROM overrides AS later
  WHERE later.roster_id = overrides.roster_id
    AND later.date = overrides.date
    AND COALESCE(later.position, '') = COALESCE(overrides.position, '')
    AND (later.created_at > overrides.created_at
      OR (later.created_at = overrides.created_at AND later.rowid > overrides.rowid))
);
