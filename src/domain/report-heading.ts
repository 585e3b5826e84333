/**
 * Who issues a duty report and where, and where the duty was served. The issuer and the place written before the
 * date are those in force on the day the report is issued: a report on 2024 printed after 01/07/2025 comes from
 * Sở VHTTDL tỉnh Bắc Ninh, "Bắc Ninh, ngày …". The desk is named as it was during the reported period, each name
 * with its dates when it changed within the period.
 */
import { addDays, type IsoDate } from './dates.ts';
import { effectiveOn } from './effective.ts';
import type { Roster } from './roster-schema.ts';
import { formatDate } from './vietnamese.ts';

export interface ReportHeading {
  /** The organisation's full name on the day of issue. */
  organisation: string;
  /** The province or city in that name (`… tỉnh Bắc Ninh` → `Bắc Ninh`), else dots to fill in by hand. */
  place: string;
  /** `Trung tâm … tỉnh Bắc Giang (đến 30/06/2025), Trung tâm … tỉnh Bắc Ninh (từ 01/07/2025)`. */
  deskLocation: string;
}

export function reportHeading(
  roster: Roster,
  range: { from: IsoDate; to: IsoDate },
  issuedOn: IsoDate,
): ReportHeading {
  const organisation = effectiveOn(roster.organisation.names, issuedOn).name;
  return {
    organisation,
    place: /(?:tỉnh|thành phố)\s+(.+)$/i.exec(organisation)?.[1] ?? '……………',
    deskLocation: deskLocations(roster, range),
  };
}

function deskLocations(roster: Roster, range: { from: IsoDate; to: IsoDate }): string {
  const first = effectiveOn(roster.desk.names, range.from);
  const later = roster.desk.names.filter(
    (entry) => entry.from && range.from < entry.from && entry.from <= range.to,
  );
  const spans = [first, ...later];
  if (spans.length === 1) return first.location;
  return spans
    .map((entry, i) => {
      const next = spans[i + 1];
      if (next) {
        const until = formatDate(addDays(next.from!, -1));
        return i === 0
          ? `${entry.location} (đến ${until})`
          : `${entry.location} (từ ${formatDate(entry.from!)} đến ${until})`;
      }
      return `${entry.location} (từ ${formatDate(entry.from!)})`;
    })
    .join(', ');
}
