import { useEffect, useState } from 'react';
import { readBlob } from '../../db/blobs';

/**
 * An image whose bytes are on this computer (blobs.ts), shown through an object URL (the CSP allows
 * blob: images) that is released when the image goes. `missing` is shown when the bytes are not here
 * (a photo from another computer whose file has not arrived yet).
 */
export function BlobImage({ sha256, alt, className, missing, testId }: { sha256: string; alt: string; className?: string; missing: string; testId?: string }) {
  const [state, setState] = useState<{ sha256: string; url?: string; missing?: boolean }>({ sha256 });

  useEffect(() => {
    let url: string | undefined;
    let cancelled = false;
    void readBlob(sha256).then(
      (blob) => {
        if (cancelled) return;
        if (!blob) return setState({ sha256, missing: true });
        url = URL.createObjectURL(new Blob([blob.bytes as Uint8Array<ArrayBuffer>], { type: blob.mimeType }));
        setState({ sha256, url });
      },
      () => !cancelled && setState({ sha256, missing: true }),
    );
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256]);

  if (state.sha256 !== sha256 || (!state.url && !state.missing)) return <span className={`photo-placeholder ${className ?? ''}`} aria-hidden="true" />;
  if (state.missing || !state.url) return <span className={`photo-placeholder missing ${className ?? ''}`}>{missing}</span>;
  return <img src={state.url} alt={alt} className={className} data-testid={testId} />;
}
