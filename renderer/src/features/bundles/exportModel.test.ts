import type { DeviceCertificate } from '@shared/api/certificate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRecipient, knownDevices, minPassphraseLength, passphraseProblems, recipientOptions } from './exportModel';

const key = (char: string) => char.repeat(43);

function certificate(deviceId: string, displayName: string, issuedAt: string, encryptionPublicKey?: string): DeviceCertificate {
  return {
    body: {
      version: 1,
      deviceId,
      devicePublicKey: key('A'),
      userId: `u-${displayName}`,
      username: displayName.toLowerCase().replace(/\s+/g, '.'),
      displayName,
      role: 'field-officer',
      countries: ['TH'],
      issuedAt,
      issuer: key('S'),
      ...(encryptionPublicKey ? { encryptionPublicKey } : {}),
    },
    signature: 'x'.repeat(86),
  };
}

describe('known devices', () => {
  it('keeps the newest certificate of each device, leaves out this desk and revoked devices, sorts by name', () => {
    const devices = knownDevices(
      [
        certificate('dev-b', 'Somchai', '2025-01-01T00:00:00.000Z'),
        certificate('dev-b', 'Somchai Phanit', '2025-03-01T00:00:00.000Z', key('E')),
        certificate('dev-a', 'Malee', '2025-02-01T00:00:00.000Z', key('F')),
        certificate('self', 'Nok', '2025-02-01T00:00:00.000Z', key('G')),
        certificate('dev-r', 'Revoked', '2025-02-01T00:00:00.000Z', key('H')),
      ],
      'self',
      new Set(['dev-r']),
    );
    expect(devices.map((device) => [device.deviceId, device.displayName, device.encryptionKey])).toEqual([
      ['dev-a', 'Malee', key('F')],
      ['dev-b', 'Somchai Phanit', key('E')],
    ]);
  });
});

describe('recipients', () => {
  const devices = knownDevices([certificate('dev-a', 'Malee', '2025-02-01T00:00:00.000Z', key('F')), certificate('dev-c', 'Old laptop', '2024-02-01T00:00:00.000Z')], 'self');

  it('offers the server, the devices that have an encryption key, and a passphrase, in that order', () => {
    const options = recipientOptions({ serverKey: key('K'), devices });
    expect(options.map((option) => option.value)).toEqual(['server', 'device:dev-a', 'passphrase']);
    expect(defaultRecipient(options)).toBe('server');
  });

  it('shows the server as unavailable without its key, and then chooses the first usable recipient', () => {
    const options = recipientOptions({ serverKey: undefined, devices });
    expect(options[0]).toEqual({ value: 'server', kind: 'server', available: false });
    expect(defaultRecipient(options)).toBe('device:dev-a');
    expect(defaultRecipient(recipientOptions({ serverKey: undefined, devices: [] }))).toBe('passphrase');
  });
});

describe('passphrases', () => {
  it(`asks for at least ${minPassphraseLength} characters, as a person counts them, and the same twice`, () => {
    expect(passphraseProblems('short', 'short')).toEqual({ passphrase: 'too-short' });
    expect(passphraseProblems('mango sticky rice', 'mango sticky')).toEqual({ confirmation: 'mismatch' });
    expect(passphraseProblems('mango sticky rice', 'mango sticky rice')).toEqual({});
    // Eleven Chinese characters are eleven, not 33 bytes.
    expect(passphraseProblems('芒果糯米饭在中午吃的好', '芒果糯米饭在中午吃的好')).toEqual({ passphrase: 'too-short' });
  });

  it('accepts exactly the passphrases of the minimum length or longer that are confirmed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (text) => {
        const problems = passphraseProblems(text, text);
        expect(problems.passphrase === undefined).toBe(text.length >= minPassphraseLength);
        expect(problems.confirmation).toBeUndefined();
      }),
    );
  });
});
