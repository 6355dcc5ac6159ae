import type { Drive } from '@shared/bridge/contract';

/**
 * Why a listed drive cannot take the bundle, said before trying: a locked stick, or not enough room
 * (with some to spare for the temporary file the host writes first and the file system's own blocks).
 */
export type DriveProblem = 'not-writable' | 'no-space';

/** Room kept beyond the bundle's own size: the file system rounds up to its blocks and keeps metadata. */
const slackBytes = 1024 * 1024;

export function driveProblem(drive: Drive, bundleBytes: number): DriveProblem | undefined {
  if (!drive.writable) return 'not-writable';
  if (drive.freeBytes !== undefined && drive.freeBytes < bundleBytes + slackBytes) return 'no-space';
  return undefined;
}
