import type { Document } from '@shared/domain';
import { useEffect, useState } from 'react';
import { readBlob } from '../../db/blobs';
import { whenBlobHeld } from '../../db/documents';
import { useSyncStore } from '../../state/syncStore';
import { autoFetchBytes, documentBytes } from '../documents/documentFiles';

type Shown = { key: string; url: string } | { key: string; missing: true };

/**
 * A photo, shown through an object URL (the CSP allows blob: images) released when the image goes. Its
 * bytes are read from this computer; a photo that came by sync from another computer (an officer's, on
 * the coordinator's desk) is fetched from the server as the documents' thumbnails are (documentFiles.ts:
 * automatically up to `autoFetchBytes`). While the bytes are not here (offline, not enrolled, the server
 * does not have them yet), `missing` says so; the photo appears by itself once they arrive: stored by a
 * sync bundle or another screen, or fetched again when the computer comes online or a sync round ends.
 */
export function BlobImage({
  file,
  alt,
  className,
  missing,
  testId,
}: {
  file: Pick<Document, 'sha256' | 'mimeType' | 'sizeBytes'>;
  alt: string;
  className?: string;
  missing: string;
  testId?: string;
}) {
  const { sha256, mimeType, sizeBytes } = file;
  const key = `${sha256}:${mimeType}:${sizeBytes}`;
  const [shown, setShown] = useState<Shown>();

  useEffect(() => {
    let cancelled = false;
    let url: string | undefined;
    let stopWatching: (() => void) | undefined;
    let stopRetrying: (() => void) | undefined;
    const show = (bytes: Uint8Array) => {
      if (cancelled || url) return;
      stopWatching?.();
      stopRetrying?.();
      url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: mimeType }));
      setShown({ key, url });
    };
    const fromHere = async () => {
      const held = await readBlob(sha256);
      if (held) show(held.bytes);
      return Boolean(held);
    };
    // From the server, for a file small enough to fetch unasked (a downscaled photo always is).
    const fromServer = async () => {
      if (sizeBytes > autoFetchBytes) return;
      const fetched = await documentBytes({ sha256, mimeType, sizeBytes });
      if (fetched.phase === 'ready') show(fetched.bytes);
    };

    void (async () => {
      try {
        if (await fromHere()) return;
        await fromServer();
      } catch {
        // Shown as missing, and tried again below.
      }
      if (cancelled || url) return;
      setShown({ key, missing: true });
      // Bytes that arrive by other ways are picked up as they are stored.
      stopWatching = whenBlobHeld(sha256, () => void fromHere().catch(() => undefined));
      // Tried again when the network is back, and after each sync round (the officer's upload may have come since).
      const retry = () => void fromServer().catch(() => undefined);
      const unsubscribe = useSyncStore.subscribe((state, previous) => {
        if (state.status.lastSuccessAt !== previous.status.lastSuccessAt) retry();
      });
      window.addEventListener('online', retry);
      stopRetrying = () => {
        unsubscribe();
        window.removeEventListener('online', retry);
      };
    })();

    return () => {
      cancelled = true;
      stopWatching?.();
      stopRetrying?.();
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, sha256, mimeType, sizeBytes]);

  if (shown?.key !== key) return <span className={`photo-placeholder ${className ?? ''}`} aria-hidden="true" />;
  if (!('url' in shown))
    return (
      <span className={`photo-placeholder missing ${className ?? ''}`} data-testid={testId ? `${testId}-missing` : undefined}>
        {missing}
      </span>
    );
  return <img src={shown.url} alt={alt} className={className} data-testid={testId} />;
}
