/** The draft as a roster file, ready for calendars/ (editors validate it through the $schema line). */
import { stringify } from 'yaml';

export function draftYaml(draft: Record<string, unknown>): string {
  return `# yaml-language-server: $schema=../schema/roster.schema.json\n${stringify(draft, { lineWidth: 0 })}`;
}
