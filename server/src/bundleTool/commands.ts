import { readFile } from 'node:fs/promises';
import { inspectBundle, openBundle } from '@shared/bundle/codec';
import { BundleError, bundleErrorText } from '@shared/bundle/errors';
import type { BundleManifest } from '@shared/bundle/format';
import type { BundleKey } from '@shared/bundle/types';
import type { VersionVector } from '@shared/sync/vector';
import { serverTrust } from '../auth/revocations';
import { serverBundleKey } from '../bundles/import';
import { exitCannotCheck, exitUsage, type BundleToolCommand } from './args';
import { ServerAccessError, type ServerAccess } from './serverAccess';

export interface BundleToolIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** The server's database and keys (serverAccess.ts); tests hand in a test server's. */
  openServer: () => Promise<ServerAccess>;
}

/** Runs `inspect` or `verify`; answers the exit code (args.ts lists them). */
export async function runBundleTool(command: Exclude<BundleToolCommand, { kind: 'help' }>, io: BundleToolIo): Promise<number> {
  const bytes = await readInput(command.file, io);
  if (!bytes) return exitUsage;
  const refused = (error: unknown) => {
    if (!(error instanceof BundleError)) throw error;
    io.err(`${command.file}: refused. ${bundleErrorText(error)}`);
    return 1;
  };

  let inspection;
  try {
    inspection = await inspectBundle(bytes);
  } catch (error) {
    return refused(error);
  }
  if (command.kind === 'inspect') {
    for (const line of manifestLines(inspection.manifest, bytes.length)) io.out(line);
    if (inspection.problems.length === 0) return 0;
    for (const problem of inspection.problems) io.err(`problem: ${bundleErrorText(problem)}`);
    return 1;
  }

  const { manifest } = inspection;
  if (inspection.problems.length > 0) return refused(inspection.problems[0]);
  if (manifest.recipient.kind === 'device') {
    io.out(`${command.file}: the file, the manifest's signature and every part's hash check.`);
    io.err(`The payload is encrypted to device ${manifest.recipient.deviceId}: it cannot be decrypted and checked here, only on that device.`);
    return exitCannotCheck;
  }

  let passphrase: string | undefined;
  if (manifest.recipient.kind === 'passphrase') {
    passphrase = await readPassphrase(command, io);
    if (passphrase === undefined) return exitUsage;
  }
  let server: ServerAccess;
  try {
    server = await io.openServer();
  } catch (error) {
    if (!(error instanceof ServerAccessError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
  try {
    const key: BundleKey = passphrase === undefined ? serverBundleKey(server.key) : { kind: 'passphrase', passphrase };
    const opened = await openBundle(bytes, { key, trust: await serverTrust(server.db, server.key) });
    const signers = new Set(opened.chunks.map((chunk) => chunk.device));
    io.out(
      `${command.file}: every check passes. Bundle ${manifest.bundleId}: ${plural(opened.chunks.reduce((sum, chunk) => sum + chunk.changes.length, 0), 'change')} in ${plural(opened.chunks.length, 'chunk')} ` +
        `signed by ${plural(signers.size, 'known, unrevoked device')}; ${plural(opened.attachments.size, 'attachment')}; ${plural(opened.certificates.size, 'certificate')}.`,
    );
    return 0;
  } catch (error) {
    return refused(error);
  } finally {
    await server.close();
  }
}

async function readInput(file: string, io: BundleToolIo): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a bundle file' : `cannot read (${code ?? (error as Error).message})`}`);
    return undefined;
  }
}

/** STEP_BUNDLE_PASSPHRASE, else the first line of --passphrase-file; undefined (having said why) when neither. */
async function readPassphrase(command: Extract<BundleToolCommand, { kind: 'verify' }>, io: BundleToolIo): Promise<string | undefined> {
  if (command.passphraseFile !== undefined) {
    const bytes = await readInput(command.passphraseFile, io);
    if (!bytes) return undefined;
    const line = new TextDecoder().decode(bytes).split(/\r?\n/)[0] ?? '';
    if (line) return line;
    io.err(`${command.passphraseFile}: the first line is empty`);
    return undefined;
  }
  if (io.env.STEP_BUNDLE_PASSPHRASE) return io.env.STEP_BUNDLE_PASSPHRASE;
  io.err('This bundle is protected by a passphrase: set STEP_BUNDLE_PASSPHRASE or pass --passphrase-file FILE.');
  return undefined;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const vectorText = (vector: VersionVector) => {
  const entries = Object.entries(vector).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([device, seq]) => `${device}:${seq}`).join(', ') : '(none)';
};

/** The manifest for people: nothing personal is in it, so nothing personal is printed. */
export function manifestLines(manifest: BundleManifest, fileBytes: number): string[] {
  const recipient = manifest.recipient;
  const wrap = manifest.encryption.key;
  const signers = new Map<string, { changes: number; chunks: number; minSeq: number; maxSeq: number }>();
  for (const part of manifest.parts) {
    if (part.kind !== 'chunk') continue;
    const signer = signers.get(part.device) ?? { changes: 0, chunks: 0, minSeq: part.minSeq, maxSeq: part.maxSeq };
    signers.set(part.device, { changes: signer.changes + part.count, chunks: signer.chunks + 1, minSeq: Math.min(signer.minSeq, part.minSeq), maxSeq: Math.max(signer.maxSeq, part.maxSeq) });
  }
  const pad = (label: string) => label.padEnd(12);
  const lines = [
    `${pad('format')}${manifest.format} version ${manifest.version} (${fileBytes} bytes)`,
    `${pad('bundle')}${manifest.bundleId}`,
    `${pad('created')}${manifest.createdAt}`,
    `${pad('exporter')}device ${manifest.exporter.deviceId}`,
    `${pad('recipient')}${
      recipient.kind === 'server'
        ? 'the server'
        : recipient.kind === 'device'
          ? `device ${recipient.deviceId}`
          : `a passphrase${wrap.kind === 'scrypt' ? ` (scrypt logN ${wrap.logN}, r ${wrap.r}, p ${wrap.p})` : ''}`
    }`,
    `${pad('scope')}${manifest.scope.global ? 'every country' : manifest.scope.countries.join(', ') || '(no country)'}`,
    `${pad('counts')}${[plural(manifest.counts.changes, 'change'), plural(manifest.counts.chunks, 'chunk'), plural(manifest.counts.attachments, 'attachment'), plural(manifest.counts.certificates, 'certificate')].join(', ')}`,
    `${pad('signers')}${signers.size === 0 ? '(none)' : ''}`,
    ...[...signers].map(([device, s]) => `  ${device}: ${plural(s.changes, 'change')} in ${plural(s.chunks, 'chunk')}, seqs ${s.minSeq}-${s.maxSeq}`),
    `${pad('since')}${vectorText(manifest.since)}`,
    `${pad('up to')}${vectorText(manifest.upTo)}`,
    `${pad('ack')}${vectorText(manifest.ack)}`,
  ];
  return lines.map((line) => line.trimEnd());
}
