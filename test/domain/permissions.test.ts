import { describe, expect, it } from 'vitest';
import { decide, type Principal } from '../../src/domain/permissions.ts';

const inA = (role: Principal['role'], rosters: string[] = []): Principal => ({
  id: `${role}-a`,
  role,
  organisationId: 'so-a',
  rosters,
});
const rosterA = { id: 'mot-cua-a', organisationId: 'so-a' };
const otherRosterA = { id: 'tiep-dan-a', organisationId: 'so-a' };
const rosterB = { id: 'mot-cua-b', organisationId: 'so-b' };

describe('decide', () => {
  it('lets each role do what the issue names on a roster of its organisation', () => {
    const manager = inA('roster-manager', ['mot-cua-a']);
    expect(decide(inA('viewer'), 'roster.read', rosterA)).toBe('allowed');
    expect(decide(inA('viewer'), 'roster.facts', rosterA)).toBe('forbidden');
    expect(decide(manager, 'roster.facts', rosterA)).toBe('allowed');
    expect(decide(manager, 'roster.manage', rosterA)).toBe('forbidden');
    expect(decide(inA('org-admin'), 'roster.manage', rosterA)).toBe('allowed');
    expect(decide(inA('org-admin'), 'system')).toBe('forbidden');
  });

  it('hides another organisation’s rosters, and a manager’s unnamed rosters, from every role but system admin', () => {
    for (const role of ['viewer', 'roster-manager', 'org-admin'] as const)
      expect(decide(inA(role, ['mot-cua-a']), 'roster.read', rosterB)).toBe('hidden');
    expect(decide(inA('roster-manager', ['mot-cua-a']), 'roster.read', otherRosterA)).toBe(
      'hidden',
    );
    const system: Principal = {
      id: 'admin',
      role: 'system-admin',
      organisationId: null,
      rosters: [],
    };
    expect(decide(system, 'roster.manage', rosterB)).toBe('allowed');
    expect(decide(system, 'system')).toBe('allowed');
  });
});
