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

// Windows-1252 at 0x80–0x9F (curly quotes, dashes); elsewhere a byte is the Latin-1 character of its code.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * UTF-8 when the bytes are valid UTF-8; otherwise Windows-1252, one character per byte, which is how a text file
 * saved from a .VnTime (TCVN3) document reads: "t©m" is "tâm" once converted.
 */
export function decodeLetterBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let text = '';
    for (const byte of bytes)
      text += byte >= 0x80 && byte < 0xa0 ? CP1252[byte - 0x80] : String.fromCharCode(byte);
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
    const coded = { code: 'docx-unreadable', params: { reason: error.message } };
    throw invalid(
      `không đọc được tệp .docx: ${error.message}`,
      [{ field: 'file', message: error.message, ...coded }],
      coded,
    );
  }
}

export async function readLetter(input: LetterInput): Promise<LetterImport> {
  const text = await textOf(input);
  try {
    return importLetter(text);
  } catch (error) {
    if (!(error instanceof LetterError)) throw error;
    const coded = { code: 'letter-unreadable', params: { reason: error.message } };
    throw invalid(
      `không đọc được công văn: ${error.message}`,
      [{ field: 'text', message: error.message, ...coded }],
      coded,
    );
  }
}
