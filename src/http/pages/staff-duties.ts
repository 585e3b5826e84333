/**
 * A staff page's duty list, written for the officer who serves: on their own day the duty reads plainly
 * ("Trực Bộ phận Một cửa") and their role as a role ("Vai trò: trực dự bị"), since "Trực dự bị: Ông …" reads as
 * being on standby. Covers, overrides and days nobody serves keep the words of the calendars.
 */
import { html } from 'hono/html';
import { provisionalSuffix, slotRemarks } from '../../domain/event-text.ts';
import type { Roster } from '../../domain/roster-schema.ts';
import type { DutySlot } from '../../domain/slot.ts';
import { formatClock, type Language, memberName } from '../../domain/vietnamese.ts';
import type { StaffSlot } from '../../services/staff-schedule.ts';
import { translator } from './layout.ts';
import { dayText, placeText, whoText } from './slot-text.ts';

const ROLE = {
  primary: ['trực chính', 'primary'],
  backup: ['trực dự bị', 'backup'],
} as const;

/** `07h00–11h30, 13h30–17h00 (dự kiến)`: hours not confirmed by the province are marked provisional. */
export function hoursText(roster: Roster, slot: DutySlot, language: Language): string {
  const hours = slot.sessions
    .map((session) => `${formatClock(session.start)}–${formatClock(session.end)}`)
    .join(', ');
  return `${hours}${provisionalSuffix(roster, slot, language)}`;
}

/** What the duty is, for the officer (`mine`) or for a reader of the whole roster. */
function headline(roster: Roster, slot: DutySlot, mine: boolean, language: Language): string {
  if (slot.kind !== 'regular' && slot.kind !== 'makeup') return whoText(roster, slot, language);
  const serving = roster.members.find((member) => member.id === slot.memberId);
  const who = mine
    ? translator(language)(`Trực ${roster.desk.title}`, `Duty at ${roster.desk.title}`)
    : serving
      ? memberName(serving, language)
      : '';
  const remarks = slotRemarks(roster, slot, language).map((remark) => ` (${remark})`);
  return `${who}${remarks.join('')}`;
}

function roleLine(slot: DutySlot, language: Language) {
  if (slot.kind !== 'regular' && slot.kind !== 'makeup') return '';
  const t = translator(language);
  const [vi, en] = ROLE[slot.position];
  return html`<div class="muted">${t('Vai trò', 'Role')}: ${t(vi, en)}</div>`;
}

function dutyItem({ roster, slot }: StaffSlot, mine: boolean, language: Language) {
  return html`<li class="${slot.kind}"><div class="when">${dayText(slot, language)}</div>
<div>${headline(roster, slot, mine, language)}</div>${roleLine(slot, language)}
<div class="muted">${hoursText(roster, slot, language)} · ${placeText(roster, slot)}</div></li>`;
}

/** The first `shown` duties as a list, the rest folded under "Xem thêm". */
export function dutyList(
  items: readonly StaffSlot[],
  options: { mine: boolean; language: Language; shown?: number },
) {
  const t = translator(options.language);
  const shown = options.shown ?? items.length;
  const list = (part: readonly StaffSlot[]) =>
    html`<ul class="duty">${part.map((item) => dutyItem(item, options.mine, options.language))}</ul>`;
  if (items.length <= shown) return list(items);
  const rest = items.slice(shown);
  return html`${list(items.slice(0, shown))}
<details class="more"><summary>${t(`Xem thêm ${rest.length} ca trực`, `${rest.length} more duties`)}</summary>${list(rest)}</details>`;
}
