/**
 * A duty report as every rendering receives it (JSON, CSV, XLSX, the printable page): the records of a range, which
 * months were read from locked records, and the corrections made to those months after they were closed.
 */
import type { IsoDate } from './dates.ts';
import type { DutyReport } from './duty-report.ts';
import { slotLabel, slotRemarks } from './event-text.ts';
import type { Roster } from './roster-schema.ts';
import type { DutySlot } from './slot.ts';
import { formatDate, type Language } from './vietnamese.ts';

/** A change to a slot of a closed month, recorded after the month was confirmed. */
export interface SlotCorrection {
  month: string;
  slotKey: string;
  date: IsoDate;
  /** The slot as the report showed it before the change; null when the slot did not exist (a day reopened). */
  before: DutySlot | null;
  /** The slot after the change; null when it vanished (a day closed by a holiday edit). */
  after: DutySlot | null;
  reason: string;
  actor: string;
  /** ISO instant, UTC. */
  at: string;
  requestId: string | null;
}

/**
 * Writes a report as an XLSX workbook. A port: the Node entry gives one (exceljs, loaded on first use); the Worker
 * gives none, so its bundle stays without the spreadsheet writer.
 */
export type WorkbookRenderer = (
  document: ReportDocument,
  language: Language,
  now: Date,
) => Promise<Uint8Array<ArrayBuffer>>;

export interface ReportDocument {
  roster: Roster;
  from: IsoDate;
  to: IsoDate;
  report: DutyReport;
  /** Closed months of the range (`YYYY-MM`), read from their locked records plus corrections. */
  lockedMonths: string[];
  corrections: SlotCorrection[];
}

/** `Trực thay: Ông Nguyễn Văn Luyện (thay Bà Nguyễn Mạnh Hà nghỉ phép)`, or a dash for no slot. */
export function slotSummary(
  roster: Roster,
  slot: DutySlot | null,
  language: Language = 'vi',
): string {
  if (!slot) return language === 'vi' ? '(không có ca trực)' : '(no slot)';
  const remarks = slotRemarks(roster, slot, language);
  return remarks.length > 0
    ? `${slotLabel(roster, slot, language)} (${remarks.join('; ')})`
    : slotLabel(roster, slot, language);
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** `2024-06-05T02:00:00.000Z` in Asia/Ho_Chi_Minh → `05/06/2024 09:00`. */
export function formatInstant(iso: string, zone: string): string {
  let format = instantFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    instantFormats.set(zone, format);
  }
  return format.format(new Date(iso)).replace(',', '');
}

/** The public shape of a correction: the slot, who served before and after, who changed it, when, why. */
export function correctionView(
  roster: Roster,
  correction: SlotCorrection,
  language: Language = 'vi',
) {
  const side = (slot: DutySlot | null) =>
    slot && {
      memberId: slot.memberId,
      kind: slot.kind,
      coversFor: slot.coversFor,
      reason: slot.reason,
      text: slotSummary(roster, slot, language),
    };
  return {
    month: correction.month,
    slotKey: correction.slotKey,
    date: correction.date,
    position: (correction.after ?? correction.before)?.position ?? null,
    before: side(correction.before),
    after: side(correction.after),
    by: correction.actor,
    at: correction.at,
    reason: correction.reason,
    requestId: correction.requestId,
  };
}

export const CORRECTION_TITLES: Record<Language, readonly string[]> = {
  vi: [
    'Ngày',
    'Trước khi điều chỉnh',
    'Sau khi điều chỉnh',
    'Người điều chỉnh',
    'Thời điểm',
    'Lý do',
  ],
  en: ['Date', 'Before', 'After', 'By', 'When', 'Reason'],
};

/** A correction as table cells, under `CORRECTION_TITLES`. */
export function correctionCells(
  roster: Roster,
  correction: SlotCorrection,
  language: Language = 'vi',
): string[] {
  return [
    formatDate(correction.date),
    slotSummary(roster, correction.before, language),
    slotSummary(roster, correction.after, language),
    correction.actor,
    formatInstant(correction.at, roster.timeZone),
    correction.reason,
  ];
}
