/**
 * An audit entry in words: the action as a sentence ("Ghi nhận ngày vắng", not `absence.create`) and what it was
 * about with names and dd/MM/yyyy (whose absence, which days, which link), never a raw id when a name is known.
 */
import type { Roster } from '../../domain/roster-schema.ts';
import { formatDate, type Language, memberName } from '../../domain/vietnamese.ts';
import type { AuditRecord } from '../../storage/records.ts';
import { formatMonth } from '../../services/month-locks.ts';

const ACTIONS: Record<string, [string, string]> = {
  'absence.create': ['Ghi nhận ngày vắng', 'Absence recorded'],
  'absence.delete': ['Xoá ngày vắng', 'Absence deleted'],
  'override.create': ['Phân công người trực', 'Override set'],
  'override.delete': ['Xoá phân công', 'Override deleted'],
  'swap.create': ['Đổi ca trực', 'Swap recorded'],
  'swap.delete': ['Xoá đổi ca', 'Swap deleted'],
  'feed.create': ['Tạo đường liên kết lịch', 'Feed link created'],
  'feed.revoke': ['Thu hồi đường liên kết lịch', 'Feed link revoked'],
  'month.close': ['Chốt số liệu tháng', 'Month closed'],
  'month.correct': ['Điều chỉnh tháng đã chốt', 'Closed month corrected'],
  'roster.create': ['Tạo lịch trực', 'Roster created'],
  'roster.update': ['Sửa lịch trực', 'Roster edited'],
  'roster.delete': ['Xoá lịch trực', 'Roster deleted'],
  'roster.apply-file': ['Áp dụng tệp lịch trực', 'Roster file applied'],
  'holiday.put': ['Sửa bảng ngày nghỉ', 'Holiday table edited'],
  'holiday.delete': ['Xoá một ngày khỏi bảng ngày nghỉ', 'Day removed from the holiday table'],
  'request.decline-swap': ['Đồng nghiệp từ chối đổi ca', 'Swap declined by the colleague'],
  'password.change': ['Đổi mật khẩu', 'Password changed'],
  'password.reset': ['Đặt lại mật khẩu', 'Password reset'],
};

export function actionText(action: string, language: Language): string {
  return ACTIONS[action]?.[language === 'en' ? 1 : 0] ?? action;
}

type Fields = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const day = (value: unknown) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text(value)) ? formatDate(text(value)) : '';

/** What an entry is about, from the record it stored (after, or before for a deletion). */
export function subjectText(
  entry: AuditRecord,
  rosters: readonly Roster[],
  language: Language,
): string {
  const fields = ((entry.after ?? entry.before) as Fields | null) ?? {};
  const roster = rosters.find((candidate) => candidate.id === entry.rosterId);
  const person = (id: unknown) => {
    const member = rosters
      .flatMap((candidate) => candidate.members)
      .find((candidate) => candidate.id === id);
    return member ? memberName(member, language) : text(id);
  };
  const range = (from: unknown, to: unknown) =>
    from === to || !to ? day(from) : `${day(from)} – ${day(to)}`;
  const en = language === 'en';
  switch (entry.entity) {
    case 'absence':
      return `${person(fields.memberId)}, ${range(fields.from, fields.to)}`;
    case 'override':
      return `${day(fields.date)}: ${person(fields.memberId)}`;
    case 'swap': {
      const first = fields.first as Fields | undefined;
      const second = fields.second as Fields | undefined;
      return `${day(first?.date)} ⇄ ${day(second?.date)}`;
    }
    case 'feed':
      return `${fields.memberId ? person(fields.memberId) : en ? 'Whole roster' : 'Cả lịch trực'}${fields.label ? ` (${text(fields.label)})` : ''}`;
    case 'month':
      return `${en ? 'Month' : 'Tháng'} ${formatMonth(text(entry.entityId))}`;
    case 'holiday':
      return `${day(entry.entityId)}${fields.name ? ` – ${text(fields.name)}` : ''}`;
    case 'roster':
      return roster?.name || text(fields.name) || text(entry.entityId);
    default:
      return text(entry.entityId);
  }
}
