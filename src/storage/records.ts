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
