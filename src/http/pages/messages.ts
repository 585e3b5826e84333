/**
 * The services' refusals in the reader's language: each error and field problem carries a code with ids and ISO
 * dates as params, and the pages say it here with people's names and dd/MM/yyyy. The English message of the
 * service is kept for the API (problem+json) and shown only to English readers when no code is known; a Vietnamese
 * reader never sees an English sentence.
 */
import type { Roster } from '../../domain/roster-schema.ts';
import { formatDate, type Language, memberName } from '../../domain/vietnamese.ts';
import type { FieldProblem, MessageParams } from '../../services/errors.ts';
import { formatMonth } from '../../services/month-locks.ts';

/** How params read: dates as dd/MM/yyyy, member ids as the member's name with honorific. */
export interface Words {
  date(iso: string | number | undefined): string;
  member(id: string | number | undefined): string;
}

export function wordsFor(roster: Roster | undefined, language: Language): Words {
  return {
    date: (iso) =>
      typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso)
        ? formatDate(iso)
        : String(iso ?? ''),
    member: (id) => {
      const found = roster?.members.find((member) => member.id === id);
      return found ? memberName(found, language) : String(id ?? '');
    },
  };
}

type Say = (params: MessageParams, words: Words) => [vi: string, en: string];

const ENTITIES: Record<string, [string, string]> = {
  roster: ['Lịch trực', 'Roster'],
  absence: ['Ngày vắng', 'Absence'],
  override: ['Phân công', 'Override'],
  swap: ['Đổi ca', 'Swap'],
  feed: ['Đường liên kết', 'Feed link'],
  member: ['Thành viên', 'Member'],
};

const months = (list: string | number | undefined) =>
  String(list ?? '')
    .split(',')
    .filter(Boolean)
    .map(formatMonth)
    .join(', ');

const MESSAGES: Record<string, Say> = {
  'form-invalid': () => [
    'Một số ô chưa đúng, xem bên dưới',
    'Some fields are not right, see below',
  ],
  'range-invalid': () => ['Khoảng thời gian không hợp lệ', 'The date range is not valid'],
  required: () => ['cần nhập', 'required'],
  'too-long': (p) => [`dài tối đa ${p.max} ký tự`, `at most ${p.max} characters`],
  'too-short': (p) => [`cần ít nhất ${p.min} ký tự`, `at least ${p.min} characters`],
  'passwords-differ': () => [
    'hai lần nhập mật khẩu mới không giống nhau',
    'the two new passwords differ',
  ],
  'wrong-password': () => ['mật khẩu hiện tại không đúng', 'the current password is wrong'],
  'no-password-here': () => [
    'máy chủ chưa cấu hình LICHTRUC_PASSWORD_PEPPER nên chưa dùng được mật khẩu',
    'passwords need LICHTRUC_PASSWORD_PEPPER on the server',
  ],
  'bootstrap-no-password': () => [
    'mã quản trị khởi tạo không có mật khẩu; hãy đổi LICHTRUC_ADMIN_TOKEN',
    'the bootstrap admin token has no password; change LICHTRUC_ADMIN_TOKEN',
  ],
  'reset-own-password': () => [
    'để đổi mật khẩu của chính mình, hãy dùng trang “Đổi mật khẩu” (cần mật khẩu hiện tại)',
    'to change your own password, use “Change password” (it asks for the current one)',
  ],
  'email-taken': () => [
    'địa chỉ e-mail này đã là của một tài khoản khác',
    'another account already has this e-mail address',
  ],
  'own-email': () => [
    'địa chỉ e-mail của chính mình do một quản trị viên khác đặt',
    'another admin sets the e-mail address of your own account',
  ],
  'swap-not-proposed': () => [
    'đề nghị đổi ca này không còn chờ Ông/Bà trả lời',
    'this swap is no longer waiting for your answer',
  ],
  'zod-invalid_format': () => ['sai định dạng', 'not in the expected format'],
  'zod-invalid_value': () => ['không phải một lựa chọn hợp lệ', 'not one of the choices'],
  'zod-invalid_type': () => ['không hợp lệ', 'not valid'],
  'zod-custom': () => ['không hợp lệ', 'not valid'],
  'not-your-organisation': (p) => [
    `không quản lý tài khoản của đơn vị ${p.organisation}`,
    `you do not manage the accounts of ${p.organisation}`,
  ],
  'not-a-date': () => ['không phải một ngày có thật (YYYY-MM-DD)', 'not a real date (YYYY-MM-DD)'],
  'date-out-of-range': () => [
    'ngoài khoảng ngày được hỗ trợ (01/01/1976 – 31/12/2199)',
    'outside the supported dates (01/01/1976 – 31/12/2199)',
  ],
  'to-before-from': (p, w) => [
    `ngày kết thúc trước ngày bắt đầu${p.from ? ` (${w.date(p.from)})` : ''}`,
    `the end is before the start${p.from ? ` (${w.date(p.from)})` : ''}`,
  ],
  'range-too-long': (p) => [
    `một khoảng thời gian dài tối đa ${p.days} ngày`,
    `a range spans at most ${p.days} days`,
  ],
  'unknown-member': (p) => [
    `không có người mang mã "${p.memberId}" trong lịch trực này`,
    `there is no member "${p.memberId}" in this roster`,
  ],
  'absence-overlap': (p, w) => [
    `trùng với một ngày vắng khác của ${w.member(p.memberId)} (từ ${w.date(p.from)} đến ${w.date(p.to)})`,
    `overlaps another absence of ${w.member(p.memberId)} (${w.date(p.from)} to ${w.date(p.to)})`,
  ],
  'no-slot-missing': (p, w) => [
    `ngày ${w.date(p.date)} không có ca trực ở vị trí này`,
    `${w.date(p.date)} has no duty slot at that position`,
  ],
  'no-slot-ambiguous': (p, w) => [
    `ngày ${w.date(p.date)} có nhiều ca trực: hãy chọn vị trí`,
    `${w.date(p.date)} has several duty slots: pick the position`,
  ],
  'no-slot-closed': (p, w) => [
    `ngày ${w.date(p.date)} là ngày nghỉ, không có ca trực`,
    `${w.date(p.date)} is a day off: there is no duty slot`,
  ],
  'month-reason-required': (p) => [
    `Tháng ${months(p.months)} đã chốt số liệu: thay đổi được ghi thành điều chỉnh và cần ghi lý do`,
    `${months(p.months)} is closed: the change is recorded as a correction and needs a reason`,
  ],
  'no-provider': () => [
    'Lịch này chưa được đẩy lên Google Calendar hay Outlook: chưa cấu hình nhà cung cấp lịch nào cho lịch này',
    'This roster is not pushed to Google Calendar or Outlook: no calendar provider is configured for it',
  ],
  'not-found': (p) => {
    const [vi, en] = ENTITIES[String(p.entity)] ?? ['Dữ liệu', 'The item'];
    return [
      `${vi} "${p.id}" không tồn tại (có thể đã bị xoá)`,
      `${en} "${p.id}" does not exist (it may have been deleted)`,
    ];
  },
  'concurrent-change': () => [
    'Lịch trực vừa được người khác thay đổi cùng lúc; hãy thử lại',
    'The roster was changed by someone else at the same moment; try again',
  ],
  'holiday-table-invalid': () => [
    'Bảng ngày nghỉ sẽ không hợp lệ với thay đổi này',
    'The holiday table would not be valid with this change',
  ],
  'source-missing': () => [
    'Cần ghi số hiệu, ngày ban hành và cơ quan ban hành văn bản',
    'The source document needs its number, date and issuer',
  ],
  'not-pending': (p, w) => [
    `${w.date(p.date)} không phải một ngày đang chờ hiệu lực`,
    `${w.date(p.date)} is not a pending day of the table`,
  ],
  'not-saturday': (p, w) => [
    `${w.date(p.date)} không phải Thứ Bảy`,
    `${w.date(p.date)} is not a Saturday`,
  ],
  'month-not-valid': (p) => [
    `"${p.month}" không phải một tháng (YYYY-MM, tháng từ 01 đến 12)`,
    `"${p.month}" is not a month (YYYY-MM, months 01 to 12)`,
  ],
  // The letter reader words its reasons in Vietnamese only (they quote the letter).
  'letter-unreadable': (p) => [
    `Không đọc được công văn: ${p.reason}`,
    `The letter cannot be read: ${p.reason}`,
  ],
  'docx-unreadable': (p) => [
    `Không đọc được tệp .docx: ${p.reason}`,
    `The .docx file cannot be read: ${p.reason}`,
  ],
  'webhook-url': (p) => [
    'Địa chỉ webhook phải là một địa chỉ https:// công khai, không kèm tên đăng nhập (mạng nội bộ: đặt LICHTRUC_WEBHOOK_ALLOW_PRIVATE=1 trên máy chủ)',
    `The webhook URL ${p.reason}`,
  ],
  'request-past': (p, w) => [
    `chỉ đề nghị nghỉ được từ hôm nay (${w.date(p.today)}) trở đi`,
    `an absence can be asked for from today (${w.date(p.today)}) on`,
  ],
  'no-duty': (p, w) => [
    `${w.member(p.memberId)} không có ca trực ngày ${w.date(p.date)}`,
    `${w.member(p.memberId)} has no duty on ${w.date(p.date)}`,
  ],
  'webhook-not-paused': () => [
    'Webhook này đang hoạt động, không cần bật lại',
    'This webhook is active; there is nothing to turn back on',
  ],
  'request-not-pending': () => [
    'Đề nghị này đã được xử lý; chỉ đề nghị đang chờ mới duyệt hoặc từ chối được',
    'This request was already handled; only a pending request can be approved or declined',
  ],
  'decline-reason-required': () => ['cần ghi lý do từ chối', 'say why the request is declined'],
  'roster-exists': (p) => [
    `Đã có lịch trực mang mã "${p.id}"`,
    `A roster with id "${p.id}" already exists`,
  ],
  'roster-invalid': () => [
    'Lịch trực sẽ không hợp lệ với thay đổi này',
    'The roster would not be valid with this change',
  ],
  'member-id-twice': (p) => [
    `mã "${p.memberId}" đã có người dùng`,
    `the id "${p.memberId}" is already used`,
  ],
  'roster-from-file': (p) => [
    `Lịch trực này được khai báo trong tệp ${p.path}: hãy sửa tệp đó (ngày vắng, phân công và đổi ca vẫn nhập được ở đây)`,
    `This roster is defined by the file ${p.path}: edit that file instead (absences, overrides and swaps can be entered here)`,
  ],
  'stale-version': () => [
    'Lịch trực đã được người khác thay đổi sau khi trang này được mở; hãy tải lại trang rồi làm lại',
    'The roster was changed by someone else after this page was opened; reload it and try again',
  ],
  'roster-unreadable': (p) => [
    `Không đọc được định nghĩa đã lưu của lịch trực ${p.rosterId}: hãy lưu lại toàn bộ định nghĩa (sửa tệp lịch trực rồi nạp lại, hoặc PUT /api/rosters/${p.rosterId})`,
    `The stored definition of roster ${p.rosterId} no longer reads: store the whole definition again (correct its file and apply it, or PUT /api/rosters/${p.rosterId})`,
  ],
  'roster-id-fixed': (p) => [
    `mã lịch trực không bao giờ đổi (giữ "${p.id}")`,
    `a roster id never changes (keep "${p.id}")`,
  ],
  'makeup-on-weekday': (p, w) => [
    `${w.date(p.date)} là ngày thường: chỉ Thứ Bảy hoặc Chủ nhật mới là ngày làm bù`,
    `${w.date(p.date)} is a weekday: only a Saturday or Sunday can be a làm bù day`,
  ],
  'day-off-on-weekend': (p, w) => [
    `${w.date(p.date)} là ngày cuối tuần, vốn đã được nghỉ`,
    `${w.date(p.date)} is a weekend day: it is off already`,
  ],
  'holiday-twice': (p, w) => [
    `${w.date(p.date)} đã có trong bảng`,
    `${w.date(p.date)} is already in the table`,
  ],
  'replaces-weekend': (p, w) => [
    `${w.date(p.replaces)} không phải ngày làm việc`,
    `${w.date(p.replaces)} is not a working day`,
  ],
  'override-on-closed-day': (p, w) => [
    `Phân công ngày ${w.date(p.date)} rơi vào ngày nghỉ`,
    `The override of ${w.date(p.date)} falls on a day off`,
  ],
  'override-ambiguous': (p, w) => [
    `Phân công ngày ${w.date(p.date)} cần ghi vị trí: ngày có nhiều ca`,
    `The override of ${w.date(p.date)} must name a position: the day has several slots`,
  ],
  'slot-missing': (p, w) => [
    `Phân công ngày ${w.date(p.date)} không khớp ca trực nào`,
    `The change of ${w.date(p.date)} matches no duty slot`,
  ],
  'override-member-absent': (p, w) => [
    `Phân công ngày ${w.date(p.date)} giao cho ${w.member(p.memberId)}, người vắng ngày đó`,
    `The override of ${w.date(p.date)} names ${w.member(p.memberId)}, who is away that day`,
  ],
  'double-booked': (p, w) => [
    `Thay đổi ngày ${w.date(p.date)} sẽ giao cho ${w.member(p.memberId)} hai ca trong cùng ngày`,
    `The change of ${w.date(p.date)} would give ${w.member(p.memberId)} two slots that day`,
  ],
  'swap-unmatched': (p, w) => [
    `Đổi ca ngày ${w.date(p.date)}: ngày đổi cùng không có ca trực phù hợp`,
    `The swap of ${w.date(p.date)}: the other day has no matching slot`,
  ],
};

/** A coded message in the language; `fallback` (the service's English) only for English readers. */
export function say(
  code: string | undefined,
  params: MessageParams | undefined,
  words: Words,
  language: Language,
  fallback: string,
): string {
  const said = code ? MESSAGES[code]?.(params ?? {}, words) : undefined;
  if (said) return said[language === 'en' ? 1 : 0];
  return language === 'en' ? fallback : 'không hợp lệ';
}

export function fieldText(problem: FieldProblem, words: Words, language: Language): string {
  return say(problem.code, problem.params, words, language, problem.message);
}
