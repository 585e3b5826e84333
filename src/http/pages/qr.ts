/**
 * A QR code as inline SVG (no image request, so it passes the CSP's img-src). `qrcode` renders SVG without canvas;
 * its browser build (what the Worker bundle takes) has the same `toString`, and neither pulls Node-only modules into
 * the Worker.
 */
import { raw } from 'hono/html';
import QRCode from 'qrcode';

// Encoding a link costs a millisecond or two, most of a public desk page's rendering, and pages show the same few
// links again and again: keep the recent ones (the SVG is a pure function of the text).
const recent = new Map<string, string>();
const RECENT_LIMIT = 256;

export async function qrSvg(text: string) {
  let svg = recent.get(text);
  if (!svg) {
    const written = await QRCode.toString(text, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    // The library writes its own XML; strip anything before <svg for inline use.
    svg = written.slice(written.indexOf('<svg'));
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
    recent.set(text, svg);
  }
  return raw(svg);
}
