import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@shared/security/csp';
import { serveAppRequest } from './serveApp';

let base: string;
let root: string;
beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'step-serve-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>STEP</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  await mkdir(path.join(root, 'empty'));
  await writeFile(path.join(base, 'secret.txt'), 'do not serve');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, root);

describe('serveAppRequest', () => {
  it('serves index.html for the root with the CSP and its type', async () => {
    const response = await get('app://step/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>STEP</title>');
  });

  it('serves assets', async () => {
    const response = await get('app://step/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 403 to escape attempts, with the CSP too', async () => {
    for (const url of ['app://step/..%2fsecret.txt', 'app://step/%2e%2e/secret.txt', 'app://evil/index.html', 'app://step/..%5csecret.txt']) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).not.toContain('do not serve');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
  });

  it('answers 404 to missing files and folders without an index', async () => {
    expect((await get('app://step/nope.js')).status).toBe(404);
    expect((await get('app://step/empty/')).status).toBe(404);
    expect((await get('app://step/index.html/x')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://step/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://step/index.html', 'POST')).status).toBe(405);
  });
});
