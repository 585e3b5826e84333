/**
 * Who may do what: the four roles of an account, the permissions a route asks for, and the one decision between
 * them. Pure: the caller looks up the roster's organisation and passes it in.
 *
 * A roster outside what a principal may read is answered as if it did not exist (404), so an organisation cannot
 * learn the names of another's rosters; a roster it may read but not change is a plain 403.
 */
export const ROLES = ['system-admin', 'org-admin', 'roster-manager', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - `roster.read`: a roster's definition, schedule (sensitive reasons graded for viewers), months, duty report.
 * - `roster.facts`: reading and changing a roster's absences, overrides and swaps (their reasons and notes); resync.
 * - `roster.manage`: a roster's definition, members, periods, closing months, feeds.
 * - `organisation.manage`: creating rosters and managing accounts inside one organisation.
 * - `signed-in`: anything an account may open whatever its role (its own home page, signing out).
 * - `system`: holiday tables, pushing every roster, the whole audit log and every feed.
 */
export type Permission =
  | 'roster.read'
  | 'roster.facts'
  | 'roster.manage'
  | 'organisation.manage'
  | 'signed-in'
  | 'system';

export interface Principal {
  /** The account id, or `admin` for the bootstrap admin token; it is the actor in the audit log. */
  id: string;
  role: Role;
  /** The organisation an account belongs to; null only for system admins. */
  organisationId: string | null;
  /** The rosters a roster manager manages; empty for every other role. */
  rosters: readonly string[];
}

export const BOOTSTRAP_ADMIN: Principal = {
  id: 'admin',
  role: 'system-admin',
  organisationId: null,
  rosters: [],
};

export interface RosterTarget {
  id: string;
  organisationId: string;
}

export type Decision = 'allowed' | 'forbidden' | 'hidden';

/** Whether the principal may see that the roster exists at all. */
export function canSeeRoster(principal: Principal, roster: RosterTarget): boolean {
  if (principal.role === 'system-admin') return true;
  if (principal.organisationId !== roster.organisationId) return false;
  return principal.role !== 'roster-manager' || principal.rosters.includes(roster.id);
}

const RANK: Record<Role, number> = {
  viewer: 0,
  'roster-manager': 1,
  'org-admin': 2,
  'system-admin': 3,
};
const NEEDS: Record<Permission, number> = {
  'signed-in': 0,
  'roster.read': 0,
  'roster.facts': 1,
  'roster.manage': 2,
  'organisation.manage': 2,
  system: 3,
};

/** The decision for a permission on a roster (or on no roster, for permissions not about one). */
export function decide(
  principal: Principal,
  permission: Permission,
  roster?: RosterTarget | null,
): Decision {
  if (roster && !canSeeRoster(principal, roster)) return 'hidden';
  return RANK[principal.role] >= NEEDS[permission] ? 'allowed' : 'forbidden';
}

/** Whether the principal may act inside an organisation (create its rosters, manage its accounts). */
export function managesOrganisation(principal: Principal, organisationId: string): boolean {
  if (principal.role === 'system-admin') return true;
  return principal.role === 'org-admin' && principal.organisationId === organisationId;
}
