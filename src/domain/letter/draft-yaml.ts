/** The draft as a roster file, ready for calendars/ (editors validate it through the $schema line). */
import { stringify } from 'yaml';
import type { DraftFormat } from '../draft-format.ts';
import { parseDocumentWith } from '../parse-document.ts';

export function draftYaml(draft: Record<string, unknown>): string {
  return `# yaml-language-server: $schema=../schema/roster.schema.json\n${stringify(draft, { lineWidth: 0 })}`;
}

/** The import page's draft as YAML, read back with line numbers (given by the Node entry). */
export const YAML_DRAFT: DraftFormat = {
  name: 'YAML',
  extension: 'yaml',
  mediaType: 'application/yaml; charset=utf-8',
  write: draftYaml,
  read: parseDocumentWith,
};
