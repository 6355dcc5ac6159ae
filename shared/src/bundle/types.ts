import type { DeviceCertificate } from '../api/certificate';
import type { Change } from '../sync/change';
import type { VersionVector } from '../sync/vector';
import type { OpaqueKey } from '../security/webCrypto';
import type { BundleManifest, SignedRevocationList } from './format';
import type { SignedServerAck } from './serverAck';

/**
 * The programming surface of sync bundles (docs/bundle-format.md), shared by the desk, the server, the
 * command-line tool and the tests. `codec.ts` turns these into bytes and back; `exchange.ts` decides what a
 * replica puts in a bundle and how it takes one in.
 */

/** A device that signs: its id, its Ed25519 public key (base64url) and a way to sign with its private key. */
export interface BundleSigner {
  deviceId: string;
  publicKey: string;
  /** Ed25519 signature (base64url) of `data` by the device's private key. */
  sign(data: Uint8Array): Promise<string>;
}

/**
 * A run of one device's changes, encoded (chunk.ts) and signed by that device. The signed bytes are kept
 * as they are, so a relaying device passes the chunk on unaltered: it can neither change nor forge it.
 * Every change in a chunk has the same scope (the originating device groups its changes by scope when it
 * seals them), so a relay can choose chunks by the recipient's countries without opening them.
 */
export interface SignedChunk {
  device: string;
  /** The encoded chunk (chunk.ts), exactly as signed. */
  plain: Uint8Array;
  /** Ed25519 signature by `device` of `chunkSigningInput(plain)`. */
  signature: string;
  count: number;
  minSeq: number;
  maxSeq: number;
  scope: string[];
}

/** What the payload is encrypted to. */
export type BundleRecipient =
  /** The Secretariat's server, by its X25519 key (from serverInfo, pinned at enrollment). */
  | { kind: 'server'; encryptionKey: string }
  /** An enrolled device (a coordinator's laptop), by the X25519 key in its certificate. */
  | { kind: 'device'; deviceId: string; encryptionKey: string }
  /** Someone whose key is not known yet: a passphrase, stretched with scrypt. */
  | { kind: 'passphrase'; passphrase: string; kdf?: ScryptParams };

export interface ScryptParams {
  /** log2 of scrypt's N. */
  logN: number;
  r: number;
  p: number;
}

export interface BundleProgress {
  phase: 'seal' | 'encrypt' | 'zip' | 'read' | 'verify' | 'decrypt' | 'apply';
  done: number;
  total: number;
}

export interface WriteBundleInput {
  exporter: BundleSigner;
  /** Certificates of the exporter and of every chunk's signer (the reader checks each against the server's key). */
  certificates: DeviceCertificate[];
  /** The newest revocation list the exporter holds, passed on so it reaches desks without network. */
  revocations?: SignedRevocationList;
  recipient: BundleRecipient;
  /** The countries the bundle is cut to (empty with `global`: everything). */
  scope: { global: boolean; countries: string[] };
  since: VersionVector;
  upTo: VersionVector;
  /** What the exporter itself holds: the recipient learns its changes up to here reached the exporter. */
  ack: VersionVector;
  /**
   * The newest statement of the server's holdings the exporter has (signed by the server), carried in the
   * encrypted certificates part so that it reaches desks that never talk to the server.
   */
  serverAck?: SignedServerAck;
  /**
   * @deprecated Ignored and not written: a desk's claims about third parties are not believed by readers
   * (what the server holds travels as `serverAck`). Accepted only until every caller stops passing it.
   */
  acks?: Record<string, VersionVector>;
  chunks: SignedChunk[];
  /**
   * Files the changes refer to, by SHA-256 (hex): each once. With the media type of an already compressed
   * file (a photo, a PDF...), its part is sealed without deflate.
   */
  attachments: { sha256: string; bytes: Uint8Array; mimeType?: string }[];
  now?: () => Date;
  onProgress?: (progress: BundleProgress) => void;
}

/** What opens a payload: an X25519 private key (a device's or the server's) or a passphrase. */
export type BundleKey =
  | { kind: 'x25519'; privateKey: OpaqueKey; publicKey: string; /** 'server' or this device's id */ holder: string }
  | { kind: 'passphrase'; passphrase: string };

/** What the reader trusts: the server's certificate key, and which devices it knows to be revoked. */
export interface BundleTrust {
  issuer: string;
  revoked: ReadonlySet<string>;
  /**
   * Optional: on the server, every device is known; a certificate for a device the server never enrolled
   * is refused even when its signature checks.
   */
  isKnownDevice?(deviceId: string): boolean;
}

export interface OpenedChunk extends SignedChunk {
  changes: Change[];
}

/** A bundle that passed every check of docs/bundle-format.md § Verification. Nothing is applied yet. */
export interface OpenedBundle {
  manifest: BundleManifest;
  certificates: Map<string, DeviceCertificate>;
  revocations?: SignedRevocationList;
  /**
   * The server's signed statement of what it holds, when the bundle carries one that verifies against
   * `trust.issuer`. One that does not verify is dropped (it is not a refusal: the statement is advisory,
   * and the changes stand on their own signatures).
   */
  serverAck?: SignedServerAck;
  chunks: OpenedChunk[];
  attachments: Map<string, Uint8Array>;
}
