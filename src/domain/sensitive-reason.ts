/**
 * Which absence reasons are private to the absent member and the admins. A sick leave or a personal ("other")
 * absence is health or private data: colleagues, group channels and webhooks read only "vắng" (away).
 */
import type { AbsenceReason } from './facts-schema.ts';

const SENSITIVE: ReadonlySet<AbsenceReason> = new Set(['sick', 'other']);

export function isSensitiveReason(reason: AbsenceReason | null | undefined): boolean {
  return reason != null && SENSITIVE.has(reason);
}

/** The reason as a given reader may see it: the absent member and admins see it, others see `other` ("vắng"). */
export function reasonFor(
  reason: AbsenceReason | null,
  reader: { memberId: string | null; admin: boolean },
  absentMemberId: string | null,
): AbsenceReason | null {
  if (!isSensitiveReason(reason) || reader.admin) return reason;
  return reader.memberId !== null && reader.memberId === absentMemberId ? reason : 'other';
}
