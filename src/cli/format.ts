/** Plain-text tables for people, and (from the domain) RFC 4180 CSV for spreadsheets. */

/** Columns padded to their widest cell; text is NFC, so one Vietnamese letter is one code unit. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

// CSV moved to the domain so the API's report download writes the same bytes; kept here for the commands.
export { renderCsv } from '../domain/csv.ts';
