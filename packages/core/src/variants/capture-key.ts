const HOUR_FOLDER = /(?:^|\/)([^/]+)\/([^/]+)\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[^/]+$/;

/**
 * The endpoint and variant a SageMaker capture key names:
 * `{capture}/{endpoint}/{variant}/yyyy/mm/dd/hh/file.jsonl`. Undefined for any other shape.
 *
 * @example
 * ```ts
 * variantOfCaptureKey('capture/churn/challenger/2024/05/01/13/05-01-123-uuid.jsonl');
 * // { endpoint: 'churn', variant: 'challenger' }
 * ```
 */
export function variantOfCaptureKey(key: string): { endpoint: string; variant: string } | undefined {
  const match = HOUR_FOLDER.exec(key);
  return match ? { endpoint: match[1] as string, variant: match[2] as string } : undefined;
}
