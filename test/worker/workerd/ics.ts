/** The few ICS reading helpers the workerd tests need (test/support/feed-reader.ts needs Node). */

/** Content lines, unfolded (RFC 5545 §3.1). */
export function contentLines(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
}

/** The lines of the VEVENT with this UID (empty if none). */
export function eventLines(text: string, uid: string): string[] {
  const events: string[][] = [];
  for (const line of contentLines(text)) {
    if (line === 'BEGIN:VEVENT') events.push([]);
    else if (line !== 'END:VEVENT') events.at(-1)?.push(line);
  }
  return events.find((lines) => lines.includes(`UID:${uid}`)) ?? [];
}

/** The value of a property (without parameters), unescaped as TEXT. */
export function propertyOf(lines: readonly string[], name: string): string | undefined {
  const line = lines.find((candidate) => new RegExp(`^${name}[:;]`).test(candidate));
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\\([\\;,nN])/g, (_match, char: string) =>
      char === 'n' || char === 'N' ? '\n' : char,
    );
}
