/**
 * The Content-Security-Policy of the built app, the one source of truth for both places that apply it:
 * vite.config.ts puts it in a <meta> tag of the production index.html (so the browser build has it),
 * and Electron's main sends it as a header on every app:// response (so a page that lost its meta tag
 * still has it). Scripts and styles only from the app itself, no eval, no inline script, nothing
 * remote, no plugins, no frames, no <base> hijack, no form posts. The dev server (hot reload injects
 * inline scripts) goes without.
 */
export const contentSecurityPolicyDirectives = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
] as const;

export const contentSecurityPolicy = contentSecurityPolicyDirectives.join('; ');
