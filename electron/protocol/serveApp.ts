import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '@shared/security/csp';
import { resolveAppRequest } from '../security/appProtocol';

/**
 * The app:// handler's body, kept free of electron so it runs under Node in tests: refused paths get
 * 403, missing files 404, unreadable ones 500, and every response carries the CSP (the same string as the <meta> tag) and
 * nosniff, so a file is only ever what its extension says.
 */
const baseHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  // The build is immutable per version; a reload must still pick up a new version's index.html.
  'Cache-Control': 'no-cache',
};

export interface AppRequest {
  url: string;
  method: string;
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function serveAppRequest(request: AppRequest, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const resolved = resolveAppRequest(request.url, rootDir);
  if (!resolved.ok) return plain(403, 'Forbidden');
  let body: Buffer;
  try {
    body = await readFile(resolved.filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder without index.html, or a path through a file, is as missing as a missing file.
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
    console.error(`app://: cannot read ${resolved.filePath}`, error);
    return plain(500, 'Cannot read the file');
  }
  const headers = { ...baseHeaders, 'Content-Type': resolved.mimeType, 'Content-Length': String(body.byteLength) };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}
