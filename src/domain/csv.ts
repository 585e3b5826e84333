/** RFC 4180 CSV for spreadsheets: shared by the command line and the API's report download. */

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim()
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/** CSV with CRLF line ends and a UTF-8 byte order mark, so Excel opens Vietnamese text correctly. */
export function renderCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
