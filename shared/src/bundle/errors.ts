/**
 * Why a bundle is refused: one code per distinct cause, with the parameters a person needs to act (which
 * device, which part). The desk translates every code (renderer/src/features/bundles/locales); the server
 * and the command-line tool print `bundleErrorText`. Nothing of a refused bundle is applied.
 */
export const bundleErrorCodes = [
  // the file
  'empty-file',
  'too-large',
  'not-a-zip',
  'truncated',
  'zip-corrupt',
  'unsafe-entry-name',
  'unsupported-entry',
  'entry-too-large',
  'duplicate-entry',
  'missing-part',
  'unexpected-part',
  // the manifest
  'manifest-invalid',
  'unsupported-version',
  'manifest-signature',
  // the parts
  'part-size',
  'part-hash',
  'part-decrypt',
  'part-too-large',
  // the key
  'wrong-recipient',
  'addressed-to-server',
  'passphrase-needed',
  'wrong-passphrase',
  'kdf-params',
  // who signed
  'certificates-invalid',
  'revocations-invalid',
  'unknown-device',
  'revoked-device',
  'exporter-mismatch',
  'chunk-signature',
  // what they signed
  'chunk-invalid',
  'chunk-mismatch',
  'count-mismatch',
  'forged-author',
  'outside-scope',
] as const;

export type BundleErrorCode = (typeof bundleErrorCodes)[number];
export type BundleErrorParams = Record<string, string | number>;

export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    readonly params: BundleErrorParams = {},
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

export const isBundleError = (error: unknown): error is BundleError => error instanceof BundleError;

const texts: Record<BundleErrorCode, (p: BundleErrorParams) => string> = {
  'empty-file': () => 'The file is empty.',
  'too-large': (p) => `The file is too large for a bundle (${p.size ?? '?'} bytes; at most ${p.limit ?? '?'}).`,
  'not-a-zip': () => 'The file is not a STEP bundle (it is not a zip file).',
  truncated: () => 'The file is cut short: it was not copied completely. Copy it again from the source.',
  'zip-corrupt': (p) => `The file's zip structure is damaged${p.entry ? ` at entry ${p.entry}` : ''}.`,
  'unsafe-entry-name': (p) => `The file holds an entry with an unsafe name (${p.entry ?? '?'}).`,
  'unsupported-entry': (p) => `The file holds a compressed or encrypted zip entry (${p.entry ?? '?'}), which bundles never do.`,
  'entry-too-large': (p) => `The entry ${p.entry ?? '?'} is larger than a bundle allows.`,
  'duplicate-entry': (p) => `The entry ${p.entry ?? '?'} appears more than once in the file.`,
  'missing-part': (p) => `The part ${p.part ?? '?'} is missing from the file.`,
  'unexpected-part': (p) => `The file holds an entry the manifest does not list (${p.entry ?? '?'}).`,
  'manifest-invalid': (p) => `The bundle's manifest is not valid${p.detail ? ` (${p.detail})` : ''}.`,
  'unsupported-version': (p) => `This bundle has format version ${p.found ?? '?'}; this program reads version ${p.supported ?? '?'}. Update the program.`,
  'manifest-signature': () => "The manifest's signature does not match: the bundle was altered after it was written.",
  'part-size': (p) => `The part ${p.part ?? '?'} does not have the size the manifest says.`,
  'part-hash': (p) => `The part ${p.part ?? '?'} was altered or damaged (its SHA-256 does not match the manifest).`,
  'part-decrypt': (p) => `The part ${p.part ?? '?'} cannot be decrypted: it was altered or damaged.`,
  'part-too-large': (p) => `The part ${p.part ?? '?'} unpacks to more than the manifest says; it was refused without unpacking it.`,
  'wrong-recipient': (p) => `This bundle is addressed to ${p.addressedTo ?? 'someone else'}, not to this ${p.holder === 'server' ? 'server' : 'device'}.`,
  'addressed-to-server': () => "This bundle is addressed to the Secretariat's server: import it there.",
  'passphrase-needed': () => 'This bundle is protected by a passphrase: enter it to open the bundle.',
  'wrong-passphrase': () => 'The passphrase is not the one this bundle was written with.',
  'kdf-params': (p) => `The bundle's passphrase protection uses settings this program does not accept (${p.detail ?? 'out of bounds'}).`,
  'certificates-invalid': (p) => `A device certificate in the bundle is not valid${p.device ? ` (device ${p.device})` : ''}: it was not issued by the trusted server.`,
  'revocations-invalid': () => 'The revocation list in the bundle is not signed by the trusted server.',
  'unknown-device': (p) => `The device ${p.device ?? '?'} is not known: no valid certificate from the trusted server vouches for it.`,
  'revoked-device': (p) => `The device ${p.device ?? '?'} has been revoked; changes it signed are refused.`,
  'exporter-mismatch': (p) => `The device that signed the bundle (${p.device ?? '?'}) does not match its certificate.`,
  'chunk-signature': (p) => `Changes of device ${p.device ?? '?'} (${p.part ?? 'a chunk'}) were altered after that device signed them.`,
  'chunk-invalid': (p) => `A chunk of changes (${p.part ?? '?'}) is malformed${p.detail ? ` (${p.detail})` : ''}.`,
  'chunk-mismatch': (p) => `A chunk of changes (${p.part ?? '?'}) does not match what the manifest says of it${p.detail ? ` (${p.detail})` : ''}.`,
  'count-mismatch': (p) => `The manifest's totals do not match the bundle's content${p.detail ? ` (${p.detail})` : ''}.`,
  'forged-author': (p) => `Device ${p.device ?? '?'} signed changes in the name of someone else (${p.author ?? '?'}).`,
  'outside-scope': (p) => `Device ${p.device ?? '?'} carries changes for ${p.country || 'records with no country'}, outside the countries it may see.`,
};

/** One English sentence for the server's logs and answers and the command-line tool. */
export function bundleErrorText(error: BundleError | { code: BundleErrorCode; params?: BundleErrorParams }): string {
  return texts[error.code](error.params ?? {});
}
