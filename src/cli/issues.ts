/** Problems in files, printed the way compilers do (`file:line:column: message`) so editors can jump to them. */
import { join } from 'node:path';
import type { FileIssue } from '../domain/calendar-set.ts';

export function formatIssues(issues: readonly FileIssue[], base?: string): string {
  return issues
    .map((issue) => {
      const file = base ? join(base, issue.file) : issue.file;
      const field = issue.path ? ` (${issue.path})` : '';
      return `${file}:${issue.line}:${issue.column}: ${issue.message}${field}`;
    })
    .join('\n');
}
