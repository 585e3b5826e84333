/**
 * Errors under /admin answer an HTML page in the reader's language (the API keeps problem+json): an unknown
 * address or a deleted roster is a 404 page, a refusal the page of its kind, anything unexpected a 500 page with
 * the request id that finds it in the log.
 */
import type { Context } from 'hono';
import { ServiceError } from '../../services/errors.ts';
import { StorageWriteError } from '../../storage/sql.ts';
import type { HonoEnv } from '../env.ts';
import { HttpError } from '../request.ts';
import { adminNav } from '../pages/admin-view.ts';
import { type ErrorStatus, errorPageBody, errorTitle } from '../pages/error-page.ts';
import { languageOf, page, type Translate, translator } from '../pages/layout.ts';
import { say, wordsFor } from '../pages/messages.ts';

export const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

const STATUS: Record<ServiceError['kind'], ErrorStatus> = {
  validation: 422,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'read-only': 409,
  'precondition-failed': 412,
  'precondition-required': 422,
  gone: 410,
};

const HTTP_ERRORS: Record<HttpError['kind'], (t: Translate) => [ErrorStatus, string]> = {
  'bad-request': (t) => [
    400,
    t(
      'Biểu mẫu gửi lên không đọc được; hãy tải lại trang và gửi lại.',
      'The form could not be read; reload the page and send it again.',
    ),
  ],
  'unsupported-media-type': (t) => [
    415,
    t('Biểu mẫu gửi lên không đúng định dạng.', 'The form was not sent in a known format.'),
  ],
  'not-implemented': (t) => [
    501,
    t(
      'Bản triển khai này không tạo được tệp Excel; hãy tải tệp CSV (Excel cũng mở được).',
      'This deployment cannot write Excel files; download the CSV instead (Excel opens it too).',
    ),
  ],
};

/** `error` undefined: no route matched. */
export function adminErrorPage(c: Context<HonoEnv>, error?: unknown) {
  const language = languageOf(c.req.query('lang'));
  const t = translator(language);
  let status: ErrorStatus = 404;
  let detail = t('Không có trang này.', 'There is no such page.');
  if (error instanceof ServiceError) {
    status = STATUS[error.kind];
    detail = say(error.code, error.params, wordsFor(undefined, language), language, error.message);
  } else if (error instanceof HttpError) {
    [status, detail] = HTTP_ERRORS[error.kind](t);
  } else if (error instanceof StorageWriteError) {
    // The operator's to fix (free the disk, make the file writable): say so, with SQLite's own reason.
    status = 503;
    detail = t(
      `Cơ sở dữ liệu không ghi được nên thay đổi chưa được lưu; hãy báo người quản trị máy chủ. (${error.message})`,
      `The database cannot be written, so the change was not saved; tell the server's operator. (${error.message})`,
    );
  } else if (error !== undefined) {
    status = 500;
    detail = t('Đã có lỗi ở phía máy chủ.', 'Something went wrong on our side.');
  }
  const session = c.get('session');
  const nav = session ? adminNav({ language, csrf: session.csrfToken }) : undefined;
  const requestId = status === 500 ? c.get('requestId') : undefined;
  const body = errorPageBody(language, status, detail, requestId);
  return c.html(
    page({ language, title: errorTitle(status, language), path: c.req.path, nav, body }),
    status,
  );
}
