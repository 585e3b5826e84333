/**
 * The text of a .docx (Word 2007+) letter: the paragraphs of word/document.xml, one per line. A .docx is a zip
 * archive; this reads its central directory and inflates the one entry with the platform's DecompressionStream
 * (Node and workerd both have it), so no library and no file system is needed on either runtime.
 */

export class DocxError extends Error {}

const MAX_XML_BYTES = 5 * 1024 * 1024;
const ENTRY = 'word/document.xml';

function findEntry(zip: Uint8Array): { method: number; size: number; offset: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new DocxError('the file is not a .docx (no zip directory)');
  let at = view.getUint32(end + 16, true);
  const count = view.getUint16(end + 10, true);
  for (let index = 0; index < count && at + 46 <= zip.length; index++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    if (name === ENTRY) {
      const local = view.getUint32(at + 42, true);
      const start =
        local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      return {
        method: view.getUint16(at + 10, true),
        size: view.getUint32(at + 20, true),
        offset: start,
      };
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  throw new DocxError(`the file has no ${ENTRY}: not a Word document`);
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > MAX_XML_BYTES) throw new DocxError('the document is too large to be a letter');
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError('the document is damaged: its compressed text cannot be read');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function textOf(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>|<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? whole;
    });
}

export async function docxText(zip: Uint8Array): Promise<string> {
  if (zip.length < 22) throw new DocxError('the file is not a .docx (too short)');
  const entry = findEntry(zip);
  const data = zip.subarray(entry.offset, entry.offset + entry.size);
  const xml = entry.method === 0 ? data : entry.method === 8 ? await inflate(data) : undefined;
  if (!xml)
    throw new DocxError(
      `the document is compressed with method ${entry.method}, which Word does not use`,
    );
  return textOf(new TextDecoder().decode(xml));
}

/** A .docx starts like every zip archive: "PK\x03\x04". */
export const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
