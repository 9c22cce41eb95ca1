/**
 * Bytes to base64 (core has no Buffer).
 *
 * @example
 * ```ts
 * bytesToBase64(Uint8Array.of(1, 2)); // 'AQI='
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/**
 * Base64 to bytes; throws on text that is not base64.
 *
 * @example
 * ```ts
 * base64ToBytes('AQI='); // Uint8Array [1, 2]
 * ```
 */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
