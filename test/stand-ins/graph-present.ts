/**
 * How an event goes out: `@odata.etag` first, start/end in the `Prefer: outlook.timezone` zone (UTC without one,
 * all-day events unconverted), `$select`ed properties only, and extended properties only when `$expand`ed (optionally
 * narrowed by `$filter=id eq '…'`).
 */
import { canonicalPropertyId } from './graph-events.ts';
import { type FilterNode, type FilterScope, matchesFilter, parseFilter } from './graph-filter.ts';
import { badRequest, NotModelled } from './graph-http.ts';
import type { Event, StoredEvent } from './graph-state.ts';
import { presentTime } from './graph-time.ts';

export interface Shape {
  /** Preferred zone for start/end (null: UTC). */
  zone: string | null;
  /** `$select`: property names, or null for all. */
  select: string[] | null;
  /** `$expand=singleValueExtendedProperties[($filter=…)]`: which properties go out, or null for none. */
  properties: FilterNode | 'all' | null;
}

export function readShape(query: URLSearchParams, zone: string | null): Shape {
  const select = query.get('$select');
  return {
    zone,
    select: select
      ? select
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : null,
    properties: readExpand(query.get('$expand')),
  };
}

export function presentEvent(stored: StoredEvent, shape: Shape): Record<string, unknown> {
  const event = stored.event;
  const allDay = event.isAllDay === true;
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${event.changeKey}"`,
    ...structuredClone(event),
    start: event.start ? presentTime(event.start, shape.zone, allDay) : null,
    end: event.end ? presentTime(event.end, shape.zone, allDay) : null,
  };
  if (event.transactionId === undefined) delete full.transactionId;
  const out = shape.select
    ? Object.fromEntries(
        Object.entries(full).filter(
          ([k]) => k === '@odata.etag' || k === 'id' || shape.select!.includes(k),
        ),
      )
    : full;
  const properties = expandedProperties(stored, shape.properties);
  if (properties.length > 0) out.singleValueExtendedProperties = properties;
  return out;
}

/** The scope a `$filter` on events is evaluated against (property paths, and the extended properties for `any`). */
export function eventScope(stored: StoredEvent): FilterScope {
  return {
    value: (path) =>
      path.reduce<unknown>(
        (value, key) =>
          value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
        stored.event as Event,
      ),
    items: (path) => {
      if (path.join('/') !== 'singleValueExtendedProperties')
        throw new NotModelled(`any() over ${path.join('/')}`);
      return [...stored.properties.values()].map(propertyScope);
    },
  };
}

/** Extended property ids compare canonically (type casing, GUID case), values exactly. */
export function canonicalLiteral(
  path: string[],
  value: string | boolean | null,
): string | boolean | null {
  return path.at(-1) === 'id' && typeof value === 'string'
    ? (canonicalPropertyId(value) ?? value)
    : value;
}

function propertyScope(property: { id?: string; value?: string | null }): FilterScope {
  return {
    value: (path) =>
      path.length === 1 && (path[0] === 'id' || path[0] === 'value')
        ? property[path[0]]
        : undefined,
    items: () => {
      throw badRequest('Extended properties have no collections.');
    },
  };
}

function expandedProperties(
  stored: StoredEvent,
  which: Shape['properties'],
): { id?: string; value?: string | null }[] {
  if (which === null) return [];
  const all = [...stored.properties.values()];
  return which === 'all'
    ? all
    : all.filter((p) => matchesFilter(which, propertyScope(p), canonicalLiteral));
}

/** `singleValueExtendedProperties($filter=id eq '…' or id eq '…')`; other navigations are not modelled. */
function readExpand(expand: string | null): Shape['properties'] {
  if (!expand) return null;
  const items = splitTopLevel(expand);
  let properties: Shape['properties'] = null;
  for (const item of items) {
    const m = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(item);
    if (!m) throw badRequest(`Invalid $expand clause '${item}'.`);
    if (m[1] !== 'singleValueExtendedProperties') throw new NotModelled(`$expand=${m[1]}`);
    const options = m[2]?.split(';').map((o) => o.trim()) ?? [];
    const filter = options.find((o) => o.startsWith('$filter='));
    if (options.some((o) => o && !o.startsWith('$filter=')))
      throw new NotModelled(`$expand options other than $filter (${item})`);
    properties = filter ? parseFilter(filter.slice('$filter='.length)) : 'all';
  }
  return properties;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (const char of text) {
    if (char === "'") inString = !inString;
    if (!inString && char === '(') depth += 1;
    if (!inString && char === ')') depth -= 1;
    if (!inString && depth === 0 && char === ',') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  return [...parts, current];
}
