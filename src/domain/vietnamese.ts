/** Vietnamese writing conventions (domain.md): weekday names from a table, dd/MM/yyyy, names with honorifics. */
import { type IsoDate, type IsoWeekday, weekdayOf } from './dates.ts';
import { type Member, WEEKDAY_KEYS } from './roster-schema.ts';
import { once } from './lazy.ts';

export type Language = 'vi' | 'en';

// ICU writes "Chủ Nhật"; the administrative convention is "Chủ nhật", so the names come from a table.
const WEEKDAYS: Record<Language, readonly string[]> = {
  vi: ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'],
  en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

export function weekdayName(date: IsoDate, language: Language = 'vi'): string {
  return WEEKDAYS[language][weekdayOf(date) as IsoWeekday]!;
}

/** A roster file's weekday key (`monday` … `sunday`) in words; undefined for any other word. */
export function weekdayKeyName(key: string, language: Language = 'vi'): string | undefined {
  const index = (WEEKDAY_KEYS as readonly string[]).indexOf(key);
  return index < 0 ? undefined : WEEKDAYS[language][index + 1];
}

/** `2024-04-15` → `15/04/2024`. */
export function formatDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** `Thứ Hai 29/04/2024`. */
export function formatDayAndDate(date: IsoDate, language: Language = 'vi'): string {
  return `${weekdayName(date, language)} ${formatDate(date)}`;
}

/** `Bà Nguyễn Mạnh Hà`; in English the Vietnamese honorific is dropped rather than guessed into Mr/Ms. */
export function memberName(
  member: Pick<Member, 'honorific' | 'fullName'>,
  language: Language = 'vi',
): string {
  return language === 'vi' ? `${member.honorific} ${member.fullName}` : member.fullName;
}

/** `Bà Nguyễn Mạnh Hà – Chuyên viên Văn phòng Sở`. */
export function memberWithTitle(member: Member, language: Language = 'vi'): string {
  return `${memberName(member, language)} – ${member.title} ${member.unit}`;
}

// Built on first use: loading the Vietnamese collation data costs several ms of a Worker's start-up.
const collator = once(() => new Intl.Collator('vi'));

/** Vietnamese order: by given name (the last word), then by the whole name. */
export function compareVietnameseNames(a: string, b: string): number {
  const given = (name: string) => name.trim().split(/\s+/).pop() ?? '';
  return collator().compare(given(a), given(b)) || collator().compare(a, b);
}

/** `07:30` → `07h30`, the form used in Vietnamese notices. */
export function formatClock(time: string): string {
  return time.replace(':', 'h');
}
