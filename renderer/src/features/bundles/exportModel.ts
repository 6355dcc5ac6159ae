import type { DeviceCertificate } from '@shared/api/certificate';
import type { UserRole } from '@shared/domain';

/**
 * The export card's logic, apart from React: whom a bundle can be addressed to, and whether a passphrase
 * will do.
 */

/** Shorter passphrases fall to a guessing attack even through scrypt; 12 characters is the floor. */
export const minPassphraseLength = 12;

/** A device this desk has seen a certificate for (in a bundle, or its own). */
export interface KnownDevice {
  deviceId: string;
  userId: string;
  displayName: string;
  username: string;
  role: UserRole;
  countries: string[];
  /** X25519 key (base64url) a bundle can be encrypted to; devices without one get passphrase bundles. */
  encryptionKey?: string;
  issuedAt: string;
}

/** What the recipient select holds: `server`, `passphrase`, or `device:<id>`. */
export type RecipientValue = 'server' | 'passphrase' | `device:${string}`;

export type RecipientOption =
  | { value: 'server'; kind: 'server'; available: boolean }
  | { value: `device:${string}`; kind: 'device'; device: KnownDevice & { encryptionKey: string } }
  | { value: 'passphrase'; kind: 'passphrase' };

/**
 * One entry per device, from its newest certificate (a device enrolled again has several), leaving out
 * this desk itself and revoked devices.
 */
export function knownDevices(certificates: readonly DeviceCertificate[], selfDeviceId: string, revoked: ReadonlySet<string> = new Set()): KnownDevice[] {
  const newest = new Map<string, DeviceCertificate>();
  for (const certificate of certificates) {
    const { deviceId, issuedAt } = certificate.body;
    if (deviceId === selfDeviceId || revoked.has(deviceId)) continue;
    const seen = newest.get(deviceId);
    if (!seen || seen.body.issuedAt < issuedAt) newest.set(deviceId, certificate);
  }
  return [...newest.values()]
    .map(({ body }): KnownDevice => {
      const encryptionKey = body.encryptionPublicKey;
      return {
        deviceId: body.deviceId,
        userId: body.userId,
        displayName: body.displayName,
        username: body.username,
        role: body.role,
        countries: [...body.countries],
        issuedAt: body.issuedAt,
        ...(encryptionKey ? { encryptionKey } : {}),
      };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.deviceId.localeCompare(b.deviceId));
}

/**
 * The recipients offered, in the order shown: the server (usable once this desk is enrolled and knows
 * the server's encryption key), every known device that has an encryption key, and a passphrase.
 */
export function recipientOptions(input: { serverKey: string | undefined; devices: readonly KnownDevice[] }): RecipientOption[] {
  const devices = input.devices.flatMap((device): RecipientOption[] =>
    device.encryptionKey ? [{ value: `device:${device.deviceId}`, kind: 'device', device: { ...device, encryptionKey: device.encryptionKey } }] : [],
  );
  return [{ value: 'server', kind: 'server', available: Boolean(input.serverKey) }, ...devices, { value: 'passphrase', kind: 'passphrase' }];
}

/** The first choice: the server when it can be used, else the first device, else a passphrase. */
export function defaultRecipient(options: readonly RecipientOption[]): RecipientValue {
  const usable = options.find((option) => option.kind !== 'server' || option.available);
  return usable?.value ?? 'passphrase';
}

export type PassphraseProblem = 'too-short' | 'mismatch';

/** Characters as a person counts them (an emoji or a Chinese character is one). */
const length = (text: string) => [...text].length;

export function passphraseProblems(passphrase: string, confirmation: string): { passphrase?: PassphraseProblem; confirmation?: PassphraseProblem } {
  return {
    ...(length(passphrase) < minPassphraseLength ? { passphrase: 'too-short' as const } : {}),
    ...(confirmation !== passphrase ? { confirmation: 'mismatch' as const } : {}),
  };
}
