/**
 * Headers on every response of the browser host, the same baseline as the Electron window:
 * only our own scripts and styles, no framing, no plugins, no forms posting elsewhere.
 *
 * style-src has no 'unsafe-inline': React applies `style` props through the CSSOM
 * (element.style), which CSP does not govern; only <style> elements and style="" in
 * markup would need it, and the renderer ships neither.
 */
export function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // CSP Level 2 browsers do not count ws: as 'self', so the socket is named. `host` is
    // one of the two checked Host values, so the page may reach exactly where it loaded from.
    `connect-src 'self' ws://${host}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Powerful features the app never uses, switched off for the page and any frame. */
export const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'display-capture=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'payment=()',
].join(', ');

/** No Access-Control-* header is ever sent: other origins get nothing readable. */
export function securityHeaders(host: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(host),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    // The Electron window denies every permission request (issue 9 item 28); in a browser
    // the page cannot even ask for these: the prompt never appears, the answer is "denied".
    'Permissions-Policy': PERMISSIONS_POLICY,
    // The app is local and changes with every build; a stale cached bundle would talk an
    // older contract.
    'Cache-Control': 'no-store',
  };
}
