/**
 * What an import found, in words: each fact with the span of the letter it came from and how sure the rule is,
 * each gap (a fact the letter does not give: never filled in with a default) and each ambiguity or correction.
 * Spans index the prepared text (`PreparedLetter.text`).
 */
import { formatDate, weekdayKeyName } from '../vietnamese.ts';
import type { Span } from './prepare-letter.ts';

export type FindingKind = 'fact' | 'gap' | 'ambiguity' | 'correction';

export interface Finding {
  kind: FindingKind;
  /** The draft field, dotted: `basis.number`, `members.0.fullName`, `periods.0.pattern.monday`. */
  field?: string | undefined;
  value?: unknown;
  span?: Span | undefined;
  /** Facts: 1 when the letter says it in a fixed form, lower when a rule reads between the lines. */
  confidence?: number | undefined;
  /** Gaps: the roster cannot be created until the admin fills it in. */
  blocking?: boolean | undefined;
  message: string;
  messageEn: string;
}

/** Collects findings while the rules run; facts carry their value so the draft is built from them alone. */
export class FindingList {
  readonly items: Finding[] = [];

  fact<T>(field: string, value: T, span: Span | undefined, confidence: number, label: Label): T {
    this.items.push({
      kind: 'fact',
      field,
      value,
      span: span && { start: span.start, end: span.end },
      confidence,
      message: `${label[0]}: ${show(value, 0)}`,
      messageEn: `${label[1]}: ${show(value, 1)}`,
    });
    return value;
  }

  /** The fact when the letter gives it, else a blocking gap in the words of `missing`. */
  factOrGap<T>(
    field: string,
    value: T | undefined,
    span: Span | undefined,
    confidence: number,
    label: Label,
    missing: Label,
  ): T | undefined {
    if (value !== undefined) return this.fact(field, value, span, confidence, label);
    this.gap(field, true, missing[0], missing[1]);
    return undefined;
  }

  gap(field: string, blocking: boolean, message: string, messageEn: string) {
    this.items.push({ kind: 'gap', field, blocking, message, messageEn });
  }

  ambiguity(field: string | undefined, span: Span | undefined, message: string, messageEn: string) {
    this.items.push({ kind: 'ambiguity', field, span, message, messageEn });
  }

  correction(span: Span, message: string, messageEn: string) {
    this.items.push({ kind: 'correction', span, message, messageEn });
  }
}

/** A field's name in Vietnamese and English. */
export type Label = readonly [vi: string, en: string];

// The draft's words for the admin's: "primary" is "trực chính" (and "monday" is "Thứ Hai": weekdayKeyName).
const WORDS: Record<string, Label> = {
  primary: ['trực chính', 'primary'],
  backup: ['trực dự bị', 'backup'],
  rotation: ['luân phiên trực thay', 'in rotation'],
  none: ['không bố trí người trực thay', 'nobody'],
};

function show(value: unknown, language: 0 | 1): string {
  if (value === null || value === undefined) return '—';
  if (value === true) return ['có', 'yes'][language]!;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (typeof value === 'string')
    return WORDS[value]?.[language] ?? weekdayKeyName(value, language === 0 ? 'vi' : 'en') ?? value;
  if (Array.isArray(value)) return value.map((item) => show(item, language)).join(', ');
  if (typeof value === 'object' && 'strategy' in value) {
    const who = 'members' in value ? ` (${show(value.members, language)})` : '';
    return `${show(value.strategy, language)}${who}`;
  }
  if (typeof value === 'object' && 'start' in value && 'end' in value)
    return `${value.start}–${value.end}`;
  return JSON.stringify(value);
}
