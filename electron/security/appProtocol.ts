import path from 'node:path';

/**
 * The app:// scheme: the built renderer (dist/renderer) is served as app://step/..., never file://.
 * A real origin gives the page a stable, isolated storage key and lets the CSP say 'self' and mean
 * only the app; file:// would share an origin with every local file.
 *
 * The request URL reaches us from the renderer, so it is hostile until proven otherwise. Chromium
 * already canonicalizes URLs of a standard scheme (resolving `..`, turning `\` into `/`), but we do not
 * rely on that: the raw path is decoded once and anything that looks like an escape attempt is refused,
 * not "cleaned up", because the built app never asks for such a path legitimately.
 */
export const appScheme = 'app';
export const appHost = 'step';
export const appOrigin = `${appScheme}://${appHost}`;
/** What the window loads. */
export const appEntryUrl = `${appOrigin}/index.html`;

export type AppRequestRefusal =
  | 'malformed' // not a URL, or not literally app://step/...
  | 'wrong-scheme'
  | 'wrong-host' // another host, a port or credentials
  | 'bad-encoding' // a % escape that does not decode
  | 'double-encoding' // still contains % after decoding: %252e and friends
  | 'bad-character' // control characters, null bytes, ':' (drive letters, NTFS streams)
  | 'traversal'; // '..', backslashes, empty or '.' segments, or a result outside the root

export type AppRequestResolution =
  | { ok: true; filePath: string; mimeType: string }
  | { ok: false; refusal: AppRequestRefusal };

/**
 * Maps `app://step/<path>` to a file inside `rootDir`. `pathApi` is injectable so the Windows rules
 * (path.win32) are tested on any machine.
 */
export function resolveAppRequest(requestUrl: string, rootDir: string, pathApi: path.PlatformPath = path): AppRequestResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  if (url.protocol !== `${appScheme}:`) return { ok: false, refusal: 'wrong-scheme' };
  if (url.hostname !== appHost || url.port !== '' || url.username !== '' || url.password !== '') {
    return { ok: false, refusal: 'wrong-host' };
  }

  // The URL parser has already resolved dot segments and dropped tabs/newlines; look at what was sent.
  if (requestUrl.slice(0, appOrigin.length).toLowerCase() !== appOrigin) return { ok: false, refusal: 'malformed' };
  const rest = requestUrl.slice(appOrigin.length);
  if (rest !== '' && !/^[/?#]/.test(rest)) return { ok: false, refusal: 'malformed' };
  const rawPath = rest.split(/[?#]/, 1)[0] || '/';

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, refusal: 'bad-encoding' };
  }
  if (decoded.includes('%')) return { ok: false, refusal: 'double-encoding' };
  if ([...decoded].some(isControlCharacter) || decoded.includes(':')) return { ok: false, refusal: 'bad-character' };
  if (decoded.includes('\\')) return { ok: false, refusal: 'traversal' };

  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const segments = relative.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return { ok: false, refusal: 'traversal' };
  }

  // Belt and braces: whatever the checks above missed, the file must end up inside the root.
  const root = pathApi.resolve(rootDir);
  const filePath = pathApi.resolve(root, ...segments);
  const fromRoot = pathApi.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || pathApi.isAbsolute(fromRoot)) return { ok: false, refusal: 'traversal' };

  return { ok: true, filePath, mimeType: mimeTypeFor(filePath) };
}

function isControlCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code < 0xa0);
}

/** What vite's build emits, and nothing more; the rest goes out as bytes the page cannot run. */
const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return mimeTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
