/**
 * How the letter import writes its roster draft for editing and reads the edited text back: YAML where the entry
 * gives the yaml library (Node), JSON otherwise (Workers, to keep that library out of the bundle). JSON is YAML too,
 * so a downloaded JSON draft is a roster file either way.
 */
import type * as z from 'zod';

export interface DocumentIssue {
  line: number;
  column: number;
  /** Dotted path of the field at fault, e.g. `periods.0.pattern.monday.memberId`; empty for the whole document. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: DocumentIssue[] };

export interface DraftFormat {
  /** As the page names it: `YAML`. */
  name: string;
  /** Of the downloaded file. */
  extension: string;
  mediaType: string;
  write(draft: Record<string, unknown>): string;
  read<S extends z.ZodType>(schema: S, text: string): ParseResult<z.infer<S>>;
}
