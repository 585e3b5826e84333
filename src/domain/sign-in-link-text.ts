/** The e-mail that carries a one-time sign-in link: Vietnamese, text and HTML, the link spelled out in both. */
import { escapeHtml, type NoticeMessage } from './notice-text.ts';

export function signInLinkMail(name: string, link: string, minutes: number): NoticeMessage {
  const lines = [
    `Kính gửi ${name},`,
    '',
    `Có người (có lẽ là chính Ông/Bà) đã xin một liên kết đăng nhập trang quản trị lịch trực. Liên kết dùng được một lần, trong ${minutes} phút:`,
    '',
    link,
    '',
    'Nếu Ông/Bà không xin liên kết này, xin bỏ qua thư: không ai đăng nhập được nếu không mở liên kết và bấm “Đăng nhập”.',
    'Thư được gửi tự động từ lịch trực; xin không trả lời thư này.',
  ];
  const html = [
    `<p>${escapeHtml(lines[0]!)}</p>`,
    `<p>${escapeHtml(lines[2]!)}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
    `<p>${escapeHtml(lines[6]!)}</p>`,
    `<p style="color:#555">${escapeHtml(lines[7]!)}</p>`,
  ].join('\n');
  return { subject: 'Liên kết đăng nhập lịch trực', text: lines.join('\n'), html };
}
