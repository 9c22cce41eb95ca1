/** How a payload's text is laid out once decoded. */
export type PayloadFormat = 'csv' | 'json' | 'jsonlines';

const FORMATS: Readonly<Record<string, PayloadFormat>> = {
  'text/csv': 'csv',
  'application/json': 'json',
  'application/jsonlines': 'jsonlines',
  'application/x-jsonlines': 'jsonlines',
};

/**
 * The payload format of a captured request or response. The content type decides (parameters
 * such as `; charset=utf-8` are ignored, case does not matter); when it is absent or unknown,
 * SageMaker's `encoding` still says CSV or JSON, because SageMaker only writes those encodings
 * for content types configured as CSV or JSON. Base64 payloads need a known content type.
 *
 * @example
 * ```ts
 * payloadFormat('text/csv; charset=utf-8', 'CSV'); // 'csv'
 * payloadFormat('application/x-npy', 'BASE64'); // undefined
 * ```
 */
export function payloadFormat(contentType: unknown, encoding: string): PayloadFormat | undefined {
  if (typeof contentType === 'string') {
    const exact = FORMATS[contentType];
    if (exact) return exact;
    const semicolon = contentType.indexOf(';');
    const media = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
    const format = FORMATS[media];
    if (format) return format;
  }
  if (encoding === 'CSV') return 'csv';
  if (encoding === 'JSON') return 'json';
  return undefined;
}
