/** The labels of form fields in the reader's language, for refusals that name a field. */
import { type Language, weekdayKeyName } from '../../domain/vietnamese.ts';

const FIELDS: Record<string, [string, string]> = {
  from: ['Từ ngày', 'From'],
  to: ['Đến ngày', 'To'],
  memberId: ['Người', 'Member'],
  reason: ['Lý do', 'Reason'],
  note: ['Ghi chú', 'Note'],
  correctionReason: ['Lý do sửa tháng đã chốt', 'Why a closed month is changed'],
  date: ['Ngày', 'Day'],
  position: ['Vị trí', 'Position'],
  swappedDate: ['Ngày được nghỉ', 'Day off'],
  makeupDate: ['Ngày làm bù', 'Make-up day'],
  dayOffDate: ['Ngày được nghỉ', 'Day off'],
  dayOffName: ['Tên ngày nghỉ', 'Name of the day off'],
  sourceNumber: ['Số hiệu văn bản', 'Document number'],
  sourceDate: ['Ngày ban hành', 'Date issued'],
  sourceIssuer: ['Cơ quan ban hành', 'Issuer'],
  sourceTitle: ['Trích yếu', 'Title'],
  id: ['Mã', 'Id'],
  honorific: ['Danh xưng', 'Honorific'],
  fullName: ['Họ và tên', 'Full name'],
  title: ['Chức danh', 'Title'],
  unit: ['Đơn vị', 'Unit'],
  role: ['Vị trí', 'Role'],
  email: ['E-mail', 'E-mail'],
  googleAccount: ['Tài khoản Google', 'Google account'],
  outlookAddress: ['Địa chỉ Outlook', 'Outlook address'],
  phone: ['Điện thoại', 'Phone'],
  month: ['Tháng', 'Month'],
  label: ['Nhãn', 'Label'],
  providers: ['Nhà cung cấp lịch', 'Calendar provider'],
  current: ['Mật khẩu hiện tại', 'Current password'],
  password: ['Mật khẩu mới', 'New password'],
  repeat: ['Nhập lại mật khẩu mới', 'New password again'],
  accountId: ['Tài khoản', 'Account'],
};

/** The label of a form field (`members.0.fullName` reads by its last part; a pattern's day by period and day). */
export function fieldLabel(field: string, language: Language): string {
  const pattern = /^periods\.(\d+)\.pattern\.([a-z]+)/.exec(field);
  const day = pattern && weekdayKeyName(pattern[2]!, language);
  if (pattern && day) {
    const period = Number(pattern[1]) + 1;
    return language === 'en'
      ? `Pattern of period ${period}, ${day}`
      : `Lịch phân công giai đoạn ${period}, ${day}`;
  }
  const label = FIELDS[field.split('.').at(-1) ?? field];
  if (label) return label[language === 'en' ? 1 : 0];
  return language === 'en' ? field || 'Input' : 'Dữ liệu';
}
