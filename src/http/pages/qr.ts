/**
 * A QR code as inline SVG (no image request, so it passes the CSP's img-src). `qrcode` renders SVG without canvas;
 * its browser build (what the Worker bundle takes) has the same `toString`, and neither pulls Node-only modules into
 * the Worker.
 */
import { raw } from 'hono/html';
import QRCode from 'qrcode';

export async function qrSvg(text: string) {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // The library writes its own XML; strip anything before <svg for inline use.
  return raw(svg.slice(svg.indexOf('<svg')));
}
