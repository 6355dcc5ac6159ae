import { appHost, appScheme } from './appProtocol';

/**
 * Where the app's windows may go. The app is one page served from app://step/; it never needs to leave
 * it, so everything else is refused: a link in imported data, a drag-and-dropped file (which would
 * navigate to file://), a redirect, a window.open.
 */

function parse(url: string | null | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function isAppUrl(url: URL): boolean {
  return url.protocol === `${appScheme}:` && url.hostname === appHost && url.port === '' && url.username === '' && url.password === '';
}

/** will-navigate / will-redirect / will-frame-navigate: only within app://step/. */
export function isAllowedNavigation(url: string): boolean {
  const parsed = parse(url);
  return parsed !== undefined && isAppUrl(parsed);
}

/**
 * May this frame's page talk to the main process? Only the app's own page. A frame whose URL is gone
 * (destroyed, navigated away) or anything else (about:blank, data:, file:, an injected iframe) is not.
 */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  const parsed = parse(frameUrl);
  return parsed !== undefined && isAppUrl(parsed);
}

/**
 * Which URL schemes window.open / target=_blank links may hand to the operating system's browser.
 *
 * Decision: none, for now. Links the app shows come from user-entered and imported records
 * (organization websites, document links); an imported file is not trusted, and a click that opens
 * the system browser is a way out of the sandbox that needs its own design (show the full URL, ask
 * first, https only). The renderer can display such URLs as text to copy. To enable it later, add
 * 'https:' here; main.ts then calls shell.openExternal for those URLs, and nothing else changes.
 */
export const externalBrowserSchemes: readonly string[] = [];

export interface WindowOpenDecision {
  /** Always 'deny': the app never opens a second Electron window. */
  action: 'deny';
  /** A URL main may give to shell.openExternal, or undefined. */
  openExternally: string | undefined;
}

export function decideWindowOpen(url: string, allowedSchemes: readonly string[] = externalBrowserSchemes): WindowOpenDecision {
  const parsed = parse(url);
  const eligible =
    parsed !== undefined &&
    allowedSchemes.includes(parsed.protocol) &&
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.username === '' &&
    parsed.password === '';
  return { action: 'deny', openExternally: eligible ? parsed.href : undefined };
}
