/** What the store keeps, as the services see it. */
import type { Absence, Override, Swap } from '../domain/facts-schema.ts';
import type { Roster } from '../domain/roster-schema.ts';

export interface StoredRoster {
  id: string;
  origin: 'file' | 'api';
  sourcePath: string | null;
  roster: Roster;
  definitionHash: string;
  version: number;
  factsVersion: number;
  fileMissing: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * A stored roster whose definition no longer reads as a roster (a schema tightened since it was stored, a hand edit
 * of the database). Listings leave it out; reading it alone throws this, so each background job can set that one
 * roster aside and go on with the others.
 */
export class UnreadableRosterError extends Error {
  readonly rosterId: string;
  readonly reason: string;
  /** The rest of the record: enough to replace the definition whole (PUT, its file applied again). */
  readonly record: Omit<StoredRoster, 'roster'> & { organisationId: string | null };
  constructor(
    record: Omit<StoredRoster, 'roster'> & { organisationId: string | null },
    reason: string,
  ) {
    super(`the stored definition of roster "${record.id}" no longer reads: ${reason}`);
    this.rosterId = record.id;
    this.reason = reason;
    this.record = record;
  }
}

export interface UnreadableRoster {
  id: string;
  /** The stored name, when the JSON still has one. */
  name: string | null;
  reason: string;
  updatedAt: string;
}

export interface Authored {
  id: string;
  rosterId: string;
  createdAt: string;
  createdBy: string;
}

export type StoredAbsence = Absence & Authored;
export type StoredOverride = Override & Authored;
export type StoredSwap = Swap & Authored;

export interface StoredFacts {
  absences: StoredAbsence[];
  overrides: StoredOverride[];
  swaps: StoredSwap[];
}

export interface FeedRecord {
  id: string;
  rosterId: string | null;
  memberId: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  rosterId: string | null;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** Who makes a change and in which request: every write carries it into the audit log. */
export interface Actor {
  name: string;
  requestId: string | null;
}
