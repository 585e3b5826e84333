/**
 * Who must be told what after a change of duty. A notice is about who serves: a slot whose officer is the same
 * before and after (a new note, another reason) tells nobody. Only slots inside the notice window count, so a change
 * to next year's rotation does not flood anyone's inbox. Pure: the window is computed by the caller from its clock.
 */
import type { IsoDate } from './dates.ts';
import type { SlotChange } from './slot-diff.ts';

export interface NoticeWindow {
  /** First and last day, inclusive, in the roster's zone (today → today + LICHTRUC_NOTICE_DAYS). */
  from: IsoDate;
  to: IsoDate;
}

/** `gained`: the member serves the slot now and did not before; `lost`: the other way round. */
export interface DutyLine {
  role: 'gained' | 'lost';
  change: SlotChange;
}

export interface NoticePlan {
  /** One entry per member whose own duty appears or disappears, with each such slot in date order. */
  members: { memberId: string; lines: DutyLine[] }[];
  /** Slots nobody serves any more: urgent for the roster's admins. */
  uncovered: SlotChange[];
  /** Every slot whose officer changed (or that nobody serves any more): one webhook event each. */
  changed: SlotChange[];
}

const servingOf = (change: SlotChange, side: 'before' | 'after') => change[side]?.memberId ?? null;
const dateOf = (change: SlotChange) => (change.after ?? change.before)!.date;
const isUncovered = (change: SlotChange) =>
  change.after?.kind === 'uncovered' && change.before?.kind !== 'uncovered';

/** The longest notice window allowed (LICHTRUC_NOTICE_DAYS ≤ 60): changes further out are never recorded. */
export const NOTICE_HORIZON_DAYS = 60;

/**
 * The changes worth keeping for notices: inside the window, and changing who serves (or leaving nobody). A change
 * of a note or a reason alone, or a shift of next year's rotation, is not stored at all.
 */
export function noticeWorthy(changes: readonly SlotChange[], window: NoticeWindow): SlotChange[] {
  return changes.filter((change) => {
    const date = dateOf(change);
    const moved = servingOf(change, 'before') !== servingOf(change, 'after') || isUncovered(change);
    return moved && date >= window.from && date <= window.to;
  });
}

/**
 * The net effect of several changes to the same slots, oldest first (the coalescing window): the state before the
 * first and after the last. A change undone within the window nets to nothing.
 */
export function netChanges(steps: readonly SlotChange[]): SlotChange[] {
  const net = new Map<string, SlotChange>();
  for (const step of steps) {
    const first = net.get(step.key);
    net.set(step.key, {
      key: step.key,
      before: first ? first.before : step.before,
      after: step.after,
    });
  }
  return [...net.values()]
    .filter(
      (change) => servingOf(change, 'before') !== servingOf(change, 'after') || isUncovered(change),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function planNotices(changes: readonly SlotChange[], window: NoticeWindow): NoticePlan {
  const inWindow = changes
    .filter((change) => dateOf(change) >= window.from && dateOf(change) <= window.to)
    .sort((a, b) => dateOf(a).localeCompare(dateOf(b)) || a.key.localeCompare(b.key));
  const members = new Map<string, DutyLine[]>();
  const add = (memberId: string, line: DutyLine) =>
    members.set(memberId, [...(members.get(memberId) ?? []), line]);
  const changed: SlotChange[] = [];
  for (const change of inWindow) {
    const before = servingOf(change, 'before');
    const after = servingOf(change, 'after');
    if (before === after && !isUncovered(change)) continue;
    changed.push(change);
    if (after !== null && after !== before) add(after, { role: 'gained', change });
    if (before !== null && before !== after) add(before, { role: 'lost', change });
  }
  return {
    members: [...members].map(([memberId, lines]) => ({ memberId, lines })),
    uncovered: changed.filter(isUncovered),
    changed,
  };
}
