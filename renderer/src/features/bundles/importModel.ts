import type { BundleManifest } from '@shared/bundle/format';
import type { KnownDevice } from './exportModel';

/**
 * The import card's logic, apart from React: what this desk can do with a bundle it has only inspected
 * (its plaintext manifest), before any key is tried.
 */

/**
 * - `open`: addressed to this computer, opened with its own key at once;
 * - `passphrase`: needs the passphrase first;
 * - `upload`: for the Secretariat's server, which this desk cannot open but can send on;
 * - `elsewhere`: for another computer, which alone holds the key.
 */
export type ImportRoute = 'open' | 'passphrase' | 'upload' | 'elsewhere';

export function importRoute(recipient: BundleManifest['recipient'], selfDeviceId: string): ImportRoute {
  switch (recipient.kind) {
    case 'passphrase':
      return 'passphrase';
    case 'server':
      return 'upload';
    case 'device':
      return recipient.deviceId === selfDeviceId ? 'open' : 'elsewhere';
  }
}

/** The manifest's facts a person checks before going on: who made it, when, how much. */
export interface BundleFacts {
  bundleId: string;
  createdAt: string;
  exporter: { deviceId: string; device?: KnownDevice };
  recipient: { kind: BundleManifest['recipient']['kind']; deviceId?: string; device?: KnownDevice };
  changes: number;
  attachments: number;
  countries: { global: boolean; codes: string[] };
}

export function bundleFacts(manifest: BundleManifest, devices: readonly KnownDevice[]): BundleFacts {
  const find = (deviceId: string) => devices.find((device) => device.deviceId === deviceId);
  const { recipient } = manifest;
  return {
    bundleId: manifest.bundleId,
    createdAt: manifest.createdAt,
    exporter: { deviceId: manifest.exporter.deviceId, device: find(manifest.exporter.deviceId) },
    recipient: recipient.kind === 'device' ? { kind: 'device', deviceId: recipient.deviceId, device: find(recipient.deviceId) } : { kind: recipient.kind },
    changes: manifest.counts.changes,
    attachments: manifest.counts.attachments,
    countries: { global: manifest.scope.global, codes: [...manifest.scope.countries] },
  };
}

