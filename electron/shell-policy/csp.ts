/**
 * The renderer's Content-Security-Policy. Only the app's own bundle may run or be loaded:
 * no inline scripts or styles (React sets styles through the CSSOM, which CSP allows), no
 * plugins, no <base> tricks, no framing, no form posts, no network but our own origin.
 * `img-src data:` is for icons inlined by the bundler.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
].join('; ');

export type ResponseHeaders = Readonly<Record<string, string | readonly string[]>>;

/**
 * Returns the headers with our policy as the only Content-Security-Policy. Header names
 * are case-insensitive, so any spelling of an existing policy header is removed first: a
 * response must not carry a second, looser policy we did not write (browsers enforce all
 * policies, but a stray `Content-Security-Policy-Report-Only` or duplicate makes the
 * effective policy hard to reason about).
 */
export function withContentSecurityPolicy(
  headers: ResponseHeaders | undefined,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') {
      continue;
    }
    result[name] = typeof value === 'string' ? [value] : [...value];
  }
  // electronegativity's CSP check reads a policy only when it is a string literal right
  // here; ours is the shared constant above (also sent by app:// and the browser host), so
  // this line is marked for it. It reads the same policy from renderer/index.html instead,
  // and tests 9.28 check the header and that Chromium enforces it.
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]; // eng-disable CSP_JS_CHECK
  return result;
}
