/**
 * Errors as `application/problem+json` (RFC 9457), mapped from service errors in one place. The title is in
 * Vietnamese unless the client prefers English; `errors` lists the failing fields; `requestId` ties the answer to
 * the server's log.
 */
import type { Context } from 'hono';
import type { FieldProblem, ServiceErrorKind } from '../services/errors.ts';

export type ProblemKind =
  | ServiceErrorKind
  | 'unauthorized'
  | 'too-many-requests'
  | 'bad-request'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'not-implemented'
  | 'internal'
  | 'unavailable';

const STATUS: Record<ProblemKind, number> = {
  validation: 422,
  'not-found': 404,
  conflict: 409,
  'read-only': 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  gone: 410,
  unauthorized: 401,
  forbidden: 403,
  'too-many-requests': 429,
  'bad-request': 400,
  'unsupported-media-type': 415,
  'payload-too-large': 413,
  'not-implemented': 501,
  internal: 500,
  unavailable: 503,
};

const TITLES: Record<ProblemKind, [vi: string, en: string]> = {
  validation: ['Dữ liệu không hợp lệ', 'Invalid input'],
  'not-found': ['Không tìm thấy', 'Not found'],
  conflict: ['Xung đột dữ liệu', 'Conflict'],
  'read-only': ['Không được sửa qua API', 'Read-only'],
  'precondition-failed': ['Dữ liệu đã bị người khác thay đổi', 'Changed by someone else'],
  'precondition-required': ['Thiếu If-Match', 'If-Match required'],
  gone: ['Đã thu hồi', 'Gone'],
  unauthorized: ['Chưa xác thực', 'Unauthorized'],
  forbidden: ['Không có quyền', 'Forbidden'],
  'too-many-requests': ['Thử sai quá nhiều lần', 'Too many attempts'],
  'bad-request': ['Yêu cầu không đọc được', 'Malformed request'],
  'unsupported-media-type': ['Sai định dạng nội dung', 'Unsupported media type'],
  'payload-too-large': ['Nội dung quá lớn', 'Payload too large'],
  'not-implemented': ['Chưa hỗ trợ trên bản triển khai này', 'Not implemented'],
  internal: ['Lỗi máy chủ', 'Internal server error'],
  unavailable: ['Dịch vụ tạm thời không sẵn sàng', 'Service unavailable'],
};

function prefersEnglish(c: Context): boolean {
  return /^\s*en\b/i.test(c.req.header('accept-language') ?? '');
}

export function problem(
  c: Context,
  kind: ProblemKind,
  detail: string,
  errors: FieldProblem[] = [],
): Response {
  const status = STATUS[kind];
  const body = {
    type: `urn:lichtruc:problem:${kind}`,
    title: TITLES[kind][prefersEnglish(c) ? 1 : 0],
    status,
    detail,
    instance: new URL(c.req.url).pathname,
    requestId: c.get('requestId') as string | undefined,
    ...(errors.length > 0 ? { errors } : {}),
  };
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json; charset=utf-8',
  };
  if (kind === 'unauthorized') headers['www-authenticate'] = 'Bearer realm="lichtruc"';
  return new Response(JSON.stringify(body), { status, headers });
}
