import { describe, expect, it } from 'vitest';
import packageJson from '../../../package.json';
import {
  appVersion,
  bridgeChannels,
  bridgeContract,
  BridgeError,
  formatBridgeError,
  isBridgeChannel,
  isMenuCommand,
  bundleMimeType,
  driveSchema,
  drivesListResponseSchema,
  maxFileTransferBytes,
  maxSaveBytes,
  menuCommands,
  menuCommandSchema,
  parseBridgeRequest,
  saveAsRequestSchema,
  toBridgeError,
  writeToDriveRequestSchema,
  writeToDriveResponseSchema,
} from './contract';

const validSave = { suggestedName: 'activities.csv', mimeType: 'text/csv;charset=utf-8', data: new Uint8Array([1, 2, 3]) };

describe('bridge contract', () => {
  it('has a request and a response schema for every channel, and no others', () => {
    expect(Object.keys(bridgeContract).sort()).toEqual([...bridgeChannels].sort());
  });

  it('takes no payload for app:getInfo', () => {
    expect(bridgeContract['app:getInfo'].request.safeParse(undefined).success).toBe(true);
    expect(bridgeContract['app:getInfo'].request.safeParse({ sneaky: true }).success).toBe(false);
  });

  it('accepts a well-formed save request', () => {
    expect(saveAsRequestSchema.safeParse(validSave).success).toBe(true);
    expect(saveAsRequestSchema.safeParse({ ...validSave, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).success).toBe(true);
  });

  it.each([
    ['a path', { suggestedName: '../../.bashrc' }],
    ['a Windows path', { suggestedName: 'C:\\Users\\x.csv' }],
    ['a folder', { suggestedName: 'exports/a.csv' }],
    ['a null byte', { suggestedName: 'a\u0000.csv' }],
    ['a reserved device name', { suggestedName: 'NUL.txt' }],
    ['an empty name', { suggestedName: '' }],
    ['a name too long', { suggestedName: `${'a'.repeat(252)}.csv` }],
    ['a name over 255 UTF-8 bytes', { suggestedName: `${'活'.repeat(90)}.csv` }],
    ['a bad mime type', { mimeType: 'text' }],
    ['a header injection in the mime type', { mimeType: 'text/csv\r\nX: y' }],
    ['data that is not bytes', { data: 'hello' }],
    ['data given as an array', { data: [1, 2, 3] }],
    ['an unknown field', { path: '/etc/passwd' }],
  ])('refuses %s', (_label, change) => {
    expect(saveAsRequestSchema.safeParse({ ...validSave, ...change }).success).toBe(false);
  });

  it('saves sync bundles: their media type and up to the transfer limit, not past it', () => {
    expect(saveAsRequestSchema.safeParse({ ...validSave, suggestedName: 'TH to server.stepbundle', mimeType: bundleMimeType }).success).toBe(true);
    // Sizes are checked on byteLength alone: a view over a small buffer stands in for a huge one.
    expect(maxSaveBytes).toBe(maxFileTransferBytes);
    expect(saveAsRequestSchema.safeParse({ ...validSave, data: sized(maxSaveBytes) }).success).toBe(true);
    expect(saveAsRequestSchema.safeParse({ ...validSave, data: sized(maxSaveBytes + 1) }).success).toBe(false);
  });

  it('keeps every file transfer below the size at which Electron cannot serialize a message', () => {
    expect(maxFileTransferBytes).toBeLessThan(2 ** 29 - 1024 * 1024);
  });

  it('knows its channels and menu commands', () => {
    expect(menuCommands).toEqual(expect.arrayContaining(['export-bundle', 'import-bundle']));
    expect(isBridgeChannel('bundle:writeToDrive')).toBe(true);
    expect(isBridgeChannel('files:saveAs')).toBe(true);
    expect(isBridgeChannel('fs:readFile')).toBe(false);
    expect(isBridgeChannel(undefined)).toBe(false);
    expect(menuCommands.every(isMenuCommand)).toBe(true);
    expect(isMenuCommand('rm -rf')).toBe(false);
    expect(menuCommandSchema.options).toEqual([...menuCommands]);
  });

  it('carries the error code through the message, even when Electron wraps it', () => {
    const wrapped = new Error(`Error invoking remote method 'files:saveAs': ${formatBridgeError({ code: 'invalid-request', message: 'bad name' })}`);
    const error = toBridgeError(wrapped);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error.code).toBe('invalid-request');
    expect(error.detail).toBe('bad name');
    expect(toBridgeError(new Error('boom')).code).toBe('failed');
    expect(toBridgeError(new BridgeError('unavailable', 'x')).code).toBe('unavailable');
  });

  it('reports the same version as package.json', () => {
    expect(appVersion).toBe(packageJson.version);
  });
});

/** A Uint8Array that reports `length` bytes without allocating them. */
function sized(length: number): Uint8Array {
  const view = new Uint8Array(1);
  Object.defineProperty(view, 'byteLength', { value: length });
  return view;
}

const driveId = `drive-${'0123456789abcdef'.repeat(2)}`;

describe('drives:list', () => {
  it('takes no payload and answers drives with an opaque id and a label, never a path', () => {
    expect(bridgeContract['drives:list'].request.safeParse(undefined).success).toBe(true);
    expect(bridgeContract['drives:list'].request.safeParse({ root: '/' }).success).toBe(false);
    const drive = { id: driveId, label: 'KINGSTON (E:)', freeBytes: 1024, writable: true };
    expect(drivesListResponseSchema.safeParse({ supported: true, drives: [drive] }).success).toBe(true);
    expect(drivesListResponseSchema.safeParse({ supported: false, drives: [] }).success).toBe(true);
    expect(driveSchema.safeParse({ ...drive, path: '/media/ana/KINGSTON' }).success).toBe(false);
    expect(driveSchema.safeParse({ ...drive, id: '/media/ana/KINGSTON' }).success).toBe(false);
    expect(driveSchema.safeParse({ ...drive, freeBytes: -1 }).success).toBe(false);
  });
});

describe('bundle:writeToDrive', () => {
  const valid = { driveId, fileName: 'TH-2025-06-01.stepbundle', data: new Uint8Array([1, 2]) };

  it('accepts a drive id, a plain .stepbundle name and the bytes', () => {
    expect(writeToDriveRequestSchema.safeParse(valid).success).toBe(true);
    expect(writeToDriveRequestSchema.safeParse({ ...valid, fileName: '泰国 officer.STEPBUNDLE' }).success).toBe(true);
    expect(writeToDriveRequestSchema.safeParse({ ...valid, data: sized(maxFileTransferBytes) }).success).toBe(true);
  });

  it.each([
    ['a path for a drive', { driveId: '/media/ana/STICK' }],
    ['a Windows drive for a drive', { driveId: 'E:' }],
    ['a traversal in the name', { fileName: '../../.bashrc.stepbundle' }],
    ['a folder in the name', { fileName: 'bundles/a.stepbundle' }],
    ['a Windows path in the name', { fileName: 'E:\\a.stepbundle' }],
    ['another extension', { fileName: 'a.exe' }],
    ['the extension alone', { fileName: '.stepbundle' }],
    ['data past the limit', { data: sized(maxFileTransferBytes + 1) }],
    ['data that is not bytes', { data: 'AAAA' }],
    ['an unknown field', { folder: '/tmp' }],
  ])('refuses %s', (_label, change) => {
    expect(writeToDriveRequestSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('says which field is wrong', () => {
    const parsed = parseBridgeRequest('bundle:writeToDrive', { ...valid, fileName: 'a/b.stepbundle' });
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!parsed.ok && parsed.error.message).toContain('fileName: the file name contains a path separator');
  });

  it('answers only a verified write', () => {
    expect(writeToDriveResponseSchema.safeParse({ fileName: 'a (2).stepbundle', bytes: 2, verified: true }).success).toBe(true);
    expect(writeToDriveResponseSchema.safeParse({ fileName: 'a.stepbundle', bytes: 2, verified: false }).success).toBe(false);
  });
});
