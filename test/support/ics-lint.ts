/**
 * A lint for the bytes of an iCalendar feed: the defects of integrations.md ("ICS bytes") that almost no parser
 * reports yet some clients punish. Returns human-readable problems, `[]` for a clean feed.
 *
 * Byte checks run on the UTF-8 bytes (line endings, 75-octet lines, folds inside a character, BOM);
 * the rest runs on unfolded content lines (escaping, VTIMEZONE for every TZID, DTEND after DTSTART, UIDs, METHOD,
 * DATE-TIME syntax).
 */

interface PhysicalLine {
  number: number;
  bytes: Uint8Array;
}

interface ContentLine {
  number: number;
  name: string;
  params: Map<string, string[]>;
  value: string;
}

interface Component {
  name: string;
  number: number;
  props: ContentLine[];
  children: Component[];
}

const MAX_OCTETS = 75;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Pass the bytes as received when you have them: a fold that cuts a character is only visible there. Once decoded
 * to a string, the cut character has become U+FFFD, which is reported as such.
 */
export function lintIcs(input: string | Uint8Array): string[] {
  const problems: string[] = [];
  if (typeof input === 'string' && input.includes('\uFFFD'))
    problems.push(
      'contains U+FFFD: bytes that were not valid UTF-8 (a character cut by a fold?) before decoding',
    );
  let bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    problems.push('starts with a byte order mark (BOM)');
    bytes = bytes.subarray(3);
  }
  const physical = splitPhysicalLines(bytes, problems);
  checkOctets(physical, problems);
  const root = buildComponents(unfold(physical), problems);
  for (const calendar of root.children) checkCalendar(calendar, problems);
  return problems;
}

/** Lines and their terminators: only CRLF is allowed, also after the last line. */
function splitPhysicalLines(bytes: Uint8Array, problems: string[]): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== CR && bytes[i] !== LF) continue;
    const number = lines.length + 1;
    if (bytes[i] === LF) problems.push(`line ${number}: ends with a bare LF, not CRLF`);
    else if (bytes[i + 1] !== LF) problems.push(`line ${number}: ends with a bare CR, not CRLF`);
    lines.push({ number, bytes: bytes.subarray(start, i) });
    if (bytes[i] === CR && bytes[i + 1] === LF) i++;
    start = i + 1;
  }
  if (start < bytes.length) {
    lines.push({ number: lines.length + 1, bytes: bytes.subarray(start) });
    problems.push(`line ${lines.length}: the last line does not end with CRLF`);
  }
  return lines;
}

function checkOctets(lines: PhysicalLine[], problems: string[]): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const { number, bytes } of lines) {
    if (bytes.length === 0) problems.push(`line ${number}: empty line`);
    if (bytes.length > MAX_OCTETS)
      problems.push(`line ${number}: ${bytes.length} octets, over the limit of ${MAX_OCTETS}`);
    const folded = bytes[0] === 0x20 || bytes[0] === 0x09;
    if (folded && bytes[1] !== undefined && bytes[1] >= 0x80 && bytes[1] <= 0xbf) {
      problems.push(
        `line ${number}: a fold splits a UTF-8 character (continuation byte 0x${bytes[1].toString(16)} after the fold)`,
      );
    }
    try {
      decoder.decode(bytes);
    } catch {
      problems.push(
        `line ${number}: not valid UTF-8 on its own (a character cut by a fold, or bad bytes)`,
      );
    }
  }
}

/** Joins folded lines (CRLF + one space or tab) on the bytes, so a character cut by a fold is whole again. */
function unfold(lines: PhysicalLine[]): { number: number; text: string }[] {
  const logical: { number: number; parts: Uint8Array[] }[] = [];
  for (const line of lines) {
    const last = logical.at(-1);
    if ((line.bytes[0] === 0x20 || line.bytes[0] === 0x09) && last)
      last.parts.push(line.bytes.subarray(1));
    else if (line.bytes.length > 0) logical.push({ number: line.number, parts: [line.bytes] });
  }
  const decoder = new TextDecoder();
  return logical.map(({ number, parts }) => {
    const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    return { number, text: decoder.decode(joined) };
  });
}

const NAME = /^[A-Za-z0-9-]+/;

/** `name *(";" param) ":" value`, parameter values possibly quoted (RFC 5545 §3.1). */
function parseContentLine(number: number, text: string): ContentLine | null {
  const name = NAME.exec(text)?.[0];
  if (!name) return null;
  let rest = text.slice(name.length);
  const params = new Map<string, string[]>();
  while (rest.startsWith(';')) {
    const param = /^;([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)/.exec(rest);
    if (!param) return null;
    params.set(param[1]!.toUpperCase(), splitParamValues(param[2]!));
    rest = rest.slice(param[0].length);
  }
  if (!rest.startsWith(':')) return null;
  return { number, name: name.toUpperCase(), params, value: rest.slice(1) };
}

function splitParamValues(raw: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of raw) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      values.push(current);
      current = '';
    } else current += char;
  }
  values.push(current);
  return values;
}

function buildComponents(lines: { number: number; text: string }[], problems: string[]): Component {
  const root: Component = { name: '', number: 0, props: [], children: [] };
  const stack = [root];
  for (const { number, text } of lines) {
    const line = parseContentLine(number, text);
    const top = stack.at(-1)!;
    if (!line) {
      problems.push(`line ${number}: not a content line: ${JSON.stringify(text.slice(0, 40))}`);
    } else if (line.name === 'BEGIN') {
      const child: Component = { name: line.value.toUpperCase(), number, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (line.name === 'END') {
      if (stack.length === 1 || top.name !== line.value.toUpperCase())
        problems.push(
          `line ${number}: END:${line.value} does not close BEGIN:${top.name || '(none)'}`,
        );
      else stack.pop();
    } else if (stack.length === 1) {
      problems.push(`line ${number}: ${line.name} outside any component`);
    } else {
      top.props.push(line);
    }
  }
  for (const open of stack.slice(1))
    problems.push(`line ${open.number}: BEGIN:${open.name} is never closed`);
  if (root.children.length === 0) problems.push('no VCALENDAR');
  return root;
}

function* walk(component: Component): Generator<Component> {
  yield component;
  for (const child of component.children) yield* walk(child);
}

function checkCalendar(calendar: Component, problems: string[]): void {
  if (calendar.name !== 'VCALENDAR')
    problems.push(`line ${calendar.number}: top-level ${calendar.name}, not VCALENDAR`);
  const zones = new Set(
    calendar.children
      .filter((child) => child.name === 'VTIMEZONE')
      .flatMap((zone) =>
        zone.props.filter((prop) => prop.name === 'TZID').map((prop) => prop.value),
      ),
  );
  const hasMethod = calendar.props.some((prop) => prop.name === 'METHOD');
  const uids = new Map<string, number>();
  for (const component of walk(calendar)) {
    for (const prop of component.props) {
      const tzid = prop.params.get('TZID')?.[0];
      if (tzid !== undefined && !zones.has(tzid))
        problems.push(
          `line ${prop.number}: ${prop.name};TZID=${tzid} has no VTIMEZONE with that TZID`,
        );
      checkDateTimes(prop, problems);
      if (TEXT_PROPERTIES.has(prop.name)) checkTextEscaping(prop, problems);
    }
    if (component.name !== 'VEVENT') continue;
    const first = (name: string) => component.props.find((prop) => prop.name === name);
    if (hasMethod && !first('ORGANIZER'))
      problems.push(
        `line ${component.number}: METHOD is set but this VEVENT has no ORGANIZER (RFC 5546)`,
      );
    const uid = first('UID');
    if (!uid) problems.push(`line ${component.number}: VEVENT without UID`);
    else {
      const key = `${uid.value} ${first('RECURRENCE-ID')?.value ?? ''}`;
      const earlier = uids.get(key);
      if (earlier !== undefined)
        problems.push(`line ${uid.number}: duplicate UID ${uid.value} (first on line ${earlier})`);
      else uids.set(key, uid.number);
    }
    checkEndAfterStart(first('DTSTART'), first('DTEND'), problems);
  }
}

const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION']);

/** RFC 5545 §3.3.11: in TEXT, `\` `;` `,` and newlines must be escaped; `\` may only precede `\ ; , n N`. */
function checkTextEscaping(prop: ContentLine, problems: string[]): void {
  const { value } = prop;
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    if (char === '\\') {
      if (!/[\\;,nN]/.test(value[i + 1] ?? ''))
        problems.push(
          `line ${prop.number}: ${prop.name} has an invalid escape at ${i}: ${JSON.stringify(value.slice(i, i + 2))}`,
        );
      i++;
    } else if (char === ',' || char === ';') {
      problems.push(
        `line ${prop.number}: ${prop.name} has an unescaped ${JSON.stringify(char)} at ${i}: ${JSON.stringify(value.slice(Math.max(0, i - 15), i + 15))}`,
      );
    }
  }
}

const DATE_TIME_PROPERTIES = new Set([
  'DTSTART',
  'DTEND',
  'DTSTAMP',
  'CREATED',
  'LAST-MODIFIED',
  'RECURRENCE-ID',
  'DUE',
  'COMPLETED',
  'EXDATE',
  'RDATE',
]);
const UTC_ONLY = new Set(['DTSTAMP', 'CREATED', 'LAST-MODIFIED', 'COMPLETED']);

function checkDateTimes(prop: ContentLine, problems: string[]): void {
  if (!DATE_TIME_PROPERTIES.has(prop.name)) return;
  const type = prop.params.get('VALUE')?.[0]?.toUpperCase() ?? 'DATE-TIME';
  if (type === 'PERIOD') return;
  for (const value of prop.value.split(',')) {
    const problem = type === 'DATE' ? dateProblem(value) : dateTimeProblem(value);
    if (problem)
      problems.push(
        `line ${prop.number}: ${prop.name} has a malformed ${type} ${JSON.stringify(value)}: ${problem}`,
      );
    else if (type !== 'DATE' && UTC_ONLY.has(prop.name) && !value.endsWith('Z'))
      problems.push(`line ${prop.number}: ${prop.name} must be in UTC (…Z), got ${value}`);
    else if (type !== 'DATE' && value.endsWith('Z') && prop.params.has('TZID'))
      problems.push(`line ${prop.number}: ${prop.name} has both TZID and a UTC value`);
  }
}

function dateProblem(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return 'expected YYYYMMDD';
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12) return 'no such month';
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return 'no such day';
  return null;
}

function dateTimeProblem(value: string): string | null {
  const match = /^(\d{8})T(\d{2})(\d{2})(\d{2})Z?$/.exec(value);
  if (!match) return 'expected YYYYMMDDTHHMMSS with an optional Z';
  const [hour, minute, second] = match.slice(2).map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 60) return 'no such time of day';
  return dateProblem(match[1]!);
}

/** Compared on the digits when both ends are in the same zone (or both UTC, or both floating). */
function checkEndAfterStart(
  start: ContentLine | undefined,
  end: ContentLine | undefined,
  problems: string[],
): void {
  const malformed = (prop: ContentLine) =>
    dateTimeProblem(prop.value) !== null && dateProblem(prop.value) !== null;
  if (!start || !end || malformed(start) || malformed(end)) return;
  const zone = (prop: ContentLine) =>
    `${prop.params.get('TZID')?.[0] ?? ''}${prop.value.endsWith('Z') ? 'Z' : ''}`;
  if (zone(start) !== zone(end)) return;
  const key = (value: string) => (value.length === 8 ? `${value}T000000` : value);
  if (key(end.value) <= key(start.value))
    problems.push(`line ${end.number}: DTEND ${end.value} is not after DTSTART ${start.value}`);
}
