/** The HTML error pages of the admin area: what went wrong in words, and where to go from there. */
import { html } from 'hono/html';
import type { Language } from '../../domain/vietnamese.ts';
import { type Markup, translator, withLang } from './layout.ts';

export type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 500 | 501 | 503;

const TITLES: Record<ErrorStatus, [string, string]> = {
  400: ['Yêu cầu không đọc được', 'Malformed request'],
  403: ['Không có quyền', 'Forbidden'],
  404: ['Không tìm thấy trang', 'Page not found'],
  409: ['Xung đột dữ liệu', 'Conflict'],
  410: ['Đã thu hồi', 'Gone'],
  412: ['Dữ liệu đã bị người khác thay đổi', 'Changed by someone else'],
  413: ['Nội dung quá lớn', 'Too large'],
  415: ['Sai định dạng nội dung', 'Unsupported content'],
  422: ['Yêu cầu không hợp lệ', 'Request not valid'],
  500: ['Lỗi máy chủ', 'Server error'],
  501: ['Chưa hỗ trợ trên bản triển khai này', 'Not available on this deployment'],
  503: ['Tạm thời không lưu được', 'Cannot save for now'],
};

export const errorTitle = (status: ErrorStatus, language: Language) =>
  TITLES[status][language === 'en' ? 1 : 0];

/** The body of an error page; `detail` is already in the reader's language. */
export function errorPageBody(
  language: Language,
  status: ErrorStatus,
  detail: Markup | string,
  requestId?: string,
) {
  const t = translator(language);
  const explain =
    status === 404
      ? t(
          'Địa chỉ này không có trong trang quản trị, hoặc dữ liệu đã bị xoá.',
          'This address is not part of the admin pages, or the item was deleted.',
        )
      : status === 500
        ? t(
            'Máy chủ gặp lỗi khi xử lý yêu cầu; không có gì bị thay đổi nửa chừng. Hãy thử lại; nếu vẫn lỗi, báo mã yêu cầu dưới đây cho người quản trị máy chủ.',
            'The server failed while handling the request; nothing was changed halfway. Try again; if it fails again, give the request id below to whoever runs the server.',
          )
        : '';
  return html`<div class="error" role="alert">${detail}</div>
${explain ? html`<p>${explain}</p>` : ''}
${requestId ? html`<p class="muted">${t('Mã yêu cầu', 'Request id')}: <code>${requestId}</code></p>` : ''}
<p><a class="button secondary" href="${withLang('/admin', language)}">${t('Về trang các lịch trực', 'Back to the rosters')}</a></p>`;
}
