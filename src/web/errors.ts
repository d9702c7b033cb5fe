// web stage: HTTP errors with a stable code, rendered as JSON for the API and as a page for people.

/** An error a route raises on purpose: status, a machine code and a Chinese message for people. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Codes and messages of the errors Fastify and its plugins raise, by their error code. */
const KNOWN: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: '请求内容过大' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', message: '上传的文件过大' },
  FST_FILES_LIMIT: { code: 'payload_too_large', message: '一次只能上传一个文件' },
  FST_PARTS_LIMIT: { code: 'payload_too_large', message: '表单字段过多' },
  FST_FIELDS_LIMIT: { code: 'payload_too_large', message: '表单字段过多' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: '请求体不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: '请求体为空' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'unsupported_media_type', message: '不是 multipart 表单' },
};

/** The status, code and message to show for any error. Unexpected errors never leak their details. */
export function describeError(err: unknown): { statusCode: number; code: string; message: string } {
  if (err instanceof HttpError) return { statusCode: err.statusCode, code: err.code, message: err.message };
  const e = err as { statusCode?: number; code?: string; message?: string };
  const known = e.code ? KNOWN[e.code] : undefined;
  const statusCode = typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (known) return { statusCode, ...known };
  if (statusCode === 413) return { statusCode, code: 'payload_too_large', message: '请求内容过大' };
  if (statusCode === 415) return { statusCode, code: 'unsupported_media_type', message: '不支持的内容类型' };
  if (statusCode >= 400 && statusCode < 500) return { statusCode, code: 'bad_request', message: '请求无效' };
  return { statusCode: 500, code: 'internal_error', message: '服务器内部错误' };
}
