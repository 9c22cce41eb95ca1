const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a base64 payload (SageMaker's `"encoding":"BASE64"`) to UTF-8 text. Returns undefined
 * when the text is not base64 or the bytes are not UTF-8, so the caller can count the record as
 * undecodable instead of failing the run.
 *
 * @example
 * ```ts
 * decodeBase64Text('MSwyLDM='); // '1,2,3'
 * ```
 */
export function decodeBase64Text(data: string): string | undefined {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
