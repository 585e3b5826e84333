/**
 * `lichtruc import LETTER.txt|.docx [--out calendars/ID.yaml]`: the roster draft of an assignment letter as YAML,
 * the findings (facts with their confidence, gaps, ambiguities, corrections) on stderr. Exit 0 when the draft is
 * a complete roster, 1 when the findings list something to fill in first (the draft is written either way).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { draftYaml } from '../domain/letter/draft-yaml.ts';
import type { Finding } from '../domain/letter/findings.ts';
import { ServiceError } from '../services/errors.ts';
import { readLetter } from '../services/read-letter.ts';
import { UsageError } from './calendar-files.ts';

const KIND_TEXT: Record<Finding['kind'], string> = {
  fact: 'đã đọc',
  gap: 'còn thiếu',
  ambiguity: 'cần xem',
  correction: 'đã sửa',
};

function findingLine(finding: Finding, text: string): string {
  const where =
    finding.span && finding.span.end > finding.span.start
      ? ` (dòng ${text.slice(0, finding.span.start).split('\n').length})`
      : '';
  const confidence =
    finding.confidence === undefined ? '' : ` [${Math.round(finding.confidence * 100)}%]`;
  const blocking = finding.blocking ? ' – phải điền trước khi tạo lịch' : '';
  return `  ${KIND_TEXT[finding.kind].padEnd(8)} ${finding.message}${confidence}${where}${blocking}`;
}

export async function importLetterFile(file: string, out: string | undefined) {
  if (!existsSync(file)) throw new UsageError(`không có tệp ${file}`);
  if (out && existsSync(out))
    throw new UsageError(`${out} đã có: chọn tên khác hoặc xóa tệp cũ trước`);
  let result: Awaited<ReturnType<typeof readLetter>>;
  try {
    result = await readLetter({ bytes: new Uint8Array(readFileSync(file)) });
  } catch (error) {
    if (error instanceof ServiceError) throw new UsageError(error.message);
    throw error;
  }
  const yaml = draftYaml(result.draft);
  if (out) writeFileSync(out, yaml);
  const summary = result.complete
    ? `Bản nháp đầy đủ, hợp lệ${out ? `: đã ghi ${out}` : ''}.`
    : `Bản nháp còn thiếu: điền các mục "còn thiếu" rồi kiểm tra bằng lichtruc validate${out ? ` (đã ghi ${out})` : ''}.`;
  return {
    stdout: out ? '' : yaml,
    stderr: [...result.findings.map((finding) => findingLine(finding, result.text)), summary].join(
      '\n',
    ),
    complete: result.complete,
  };
}
