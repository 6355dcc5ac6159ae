import { isTrustedSender } from './urlPolicy';

/**
 * Web permissions (camera, location, notifications, ...) for the app's page. Electron grants every
 * permission by default; we answer both of its questions (the check: "does the page have X?", and the
 * request: "may the page have X?") from this one table. Anything not in the table is denied, and so is
 * every permission asked for by anything but the app's own page in its main frame.
 */

export interface PermissionRule {
  allow: boolean;
  why: string;
}

export const permissionPolicy: Readonly<Record<string, PermissionRule>> = {
  // Allowed: harmless for our own page, and the app breaks without them.
  'clipboard-sanitized-write': {
    allow: true,
    why: 'Copy buttons (navigator.clipboard.writeText). Chromium still requires focus and a user gesture, and the write is sanitized; reading the clipboard stays denied.',
  },
  'persistent-storage': {
    allow: true,
    why: 'navigator.storage.persist(): the local database is the record of truth offline, so it must not be evicted when the disk fills up.',
  },

  geolocation: {
    allow: true,
    why: "Field reports: \"Use this computer's location\" asks for one fix when the officer presses the button (never in the background); coordinates can always be typed instead.",
  },

  // Candidates for later, each denied until its feature exists and asks the user first.
  notifications: {
    allow: false,
    why: 'Reminders (reports due, approvals waiting) could use them later; denied until that feature exists.',
  },
  media: {
    allow: false,
    why: 'Camera/microphone: field-report photos come in through a file picker instead.',
  },
  fullscreen: {
    allow: false,
    why: 'The Element fullscreen API is not used; the window menu can still go fullscreen.',
  },

  // Denied for good: reading what the user copied elsewhere, hardware, screen and system access.
  'clipboard-read': { allow: false, why: 'Would expose whatever the user last copied from any other program.' },
  'display-capture': { allow: false, why: 'Screen capture is never needed.' },
  openExternal: { allow: false, why: 'External links are not opened (see urlPolicy.ts).' },
};

export interface PermissionQuestion {
  permission: string;
  /** The URL (request) or origin (check) of the page asking. */
  requestingUrl: string | null | undefined;
  /** Undefined when Electron does not say; treated as "not the main frame". */
  isMainFrame: boolean | undefined;
}

export function isPermissionGranted({ permission, requestingUrl, isMainFrame }: PermissionQuestion): boolean {
  if (isMainFrame !== true || !isTrustedSender(requestingUrl)) return false;
  return Object.hasOwn(permissionPolicy, permission) && permissionPolicy[permission]?.allow === true;
}
