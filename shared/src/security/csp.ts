/**
 * The Content-Security-Policy of the built app, the one source of truth for both places that apply it:
 * vite.config.ts puts it in a <meta> tag of the production index.html (so the browser build has it),
 * and Electron's main sends it as a header on every app:// response (so a page that lost its meta tag
 * still has it). Scripts and styles only from the app itself, no eval, no inline script, nothing
 * remote, no plugins, no frames, no <base> hijack, no form posts; requests only to the app itself and to
 * the sync server (`serverConnectSources`). The dev server (hot reload injects inline scripts) goes without.
 */

/**
 * Where the desk may send requests besides itself: the Secretariat's sync server, whose address the
 * person types at sign-in, so it cannot be named at build time (the <meta> policy is fixed in the built
 * index.html). The narrowest rule that still works:
 * - `https:`: any server over TLS. A host list would need a rebuild per deployment; TLS is what keeps the
 *   sign-in password off the wire in clear.
 * - plain `http:` only to this computer (a server run locally, and the test suite's), never across a
 *   network. CSP host sources cannot name IPv6 literals, so `[::1]` is not among them.
 * `isAllowedServerUrl` applies the same rule when the address is typed, so the person gets a clear
 * message instead of a blocked request. No WebSocket, no wildcard host, nothing for other directives.
 */
export const serverConnectSources = ['https:', 'http://localhost:*', 'http://127.0.0.1:*'] as const;

/** True for a server address the policy lets the desk reach: https, or http on this computer. */
export function isAllowedServerUrl(url: string): boolean {
  const match = /^(https?):\/\/([^/?#:]+|\[[^\]]*\])(:\d+)?(\/[^?#]*)?$/i.exec(url.trim());
  if (!match) return false;
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!.toLowerCase();
  return scheme === 'https' || host === 'localhost' || host === '127.0.0.1';
}

export const contentSecurityPolicyDirectives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self' ${serverConnectSources.join(' ')}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
] as const;

export const contentSecurityPolicy = contentSecurityPolicyDirectives.join('; ');
