/**
 * Checks of facts against their roster that a schema alone cannot make: the member exists, and one member's
 * absences do not overlap (two records of the same day off would be counted twice in an evaluation).
 */
import type { Absence } from './facts-schema.ts';
import type { Roster } from './roster-schema.ts';

export interface FactIssue {
  /** Index of the offending entry in the list checked. */
  index: number;
  field: string;
  message: string;
  /** What the pages translate, with ids and ISO dates as params. */
  code: 'unknown-member' | 'absence-overlap';
  params: Record<string, string>;
}

export function checkAbsences(roster: Roster, absences: readonly Absence[]): FactIssue[] {
  const members = new Set(roster.members.map((member) => member.id));
  const issues: FactIssue[] = [];
  absences.forEach((absence, index) => {
    if (!members.has(absence.memberId)) {
      issues.push({
        index,
        field: 'memberId',
        message: `no member with id "${absence.memberId}" in roster ${roster.id}`,
        code: 'unknown-member',
        params: { memberId: absence.memberId },
      });
      return;
    }
    const clash = absences.findIndex(
      (other, j) =>
        j < index &&
        other.memberId === absence.memberId &&
        other.from <= absence.to &&
        absence.from <= other.to,
    );
    if (clash >= 0) {
      const other = absences[clash]!;
      issues.push({
        index,
        field: 'from',
        message: `overlaps another absence of ${absence.memberId} (${other.from} to ${other.to})`,
        code: 'absence-overlap',
        params: { memberId: absence.memberId, from: other.from, to: other.to },
      });
    }
  });
  return issues;
}
