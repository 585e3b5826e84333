/**
 * Reads an assignment letter (pasted text, a .txt file in UTF-8 or an 8-bit legacy encoding, or a .docx) into a
 * roster draft with its findings. Nothing is stored: creating the roster is createRoster's job, after the admin
 * has checked the draft. A letter that cannot be read is refused in words, naming the fix.
 */
import { DocxError, docxText, isZip } from '../domain/letter/docx-text.ts';
import { importLetter, type LetterImport } from '../domain/letter/import-letter.ts';
import { LetterError } from '../domain/letter/prepare-letter.ts';
import { invalid } from './errors.ts';

export type LetterInput = { text: string } | { bytes: Uint8Array };

/** UTF-8 when the bytes are valid UTF-8; otherwise one character per byte, as TCVN3 (.VnTime) text files are. */
export function decodeLetterBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return text;
  }
}

async function textOf(input: LetterInput): Promise<string> {
  if ('text' in input) return input.text;
  if (!isZip(input.bytes)) return decodeLetterBytes(input.bytes);
  try {
    return await docxText(input.bytes);
  } catch (error) {
    if (!(error instanceof DocxError)) throw error;
    throw invalid(`không đọc được tệp .docx: ${error.message}`, [
      { field: 'file', message: error.message },
    ]);
  }
}

export async function readLetter(input: LetterInput): Promise<LetterImport> {
  const text = await textOf(input);
  try {
    return importLetter(text);
  } catch (error) {
    if (!(error instanceof LetterError)) throw error;
    throw invalid(`không đọc được công văn: ${error.message}`, [
      { field: 'text', message: error.message },
    ]);
  }
}
