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
  maxSaveBytes,
  menuCommands,
  menuCommandSchema,
  saveAsRequestSchema,
  toBridgeError,
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

  it('refuses more than 200 MB', () => {
    const tooBig = new Uint8Array(new ArrayBuffer(maxSaveBytes + 1));
    expect(saveAsRequestSchema.safeParse({ ...validSave, data: tooBig }).success).toBe(false);
    const justRight = new Uint8Array(new ArrayBuffer(maxSaveBytes));
    expect(saveAsRequestSchema.safeParse({ ...validSave, data: justRight }).success).toBe(true);
  });

  it('knows its channels and menu commands', () => {
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
