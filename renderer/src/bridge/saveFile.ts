import type { SaveAsRequest, SaveAsResponse } from '@shared/bridge/contract';
import { fileKindName } from '@shared/bridge/contract';

/**
 * `files:saveAs` in a plain browser. Chromium's File System Access API gives a real save dialog (and
 * writes atomically: nothing replaces the file until close()); other browsers get a download.
 */

interface SavePickerOptions {
  suggestedName?: string;
  types?: { description: string; accept: Record<string, string[]> }[];
}
type ShowSaveFilePicker = (options: SavePickerOptions) => Promise<FileSystemFileHandle>;

export async function saveFile({ suggestedName, mimeType, data }: SaveAsRequest): Promise<SaveAsResponse> {
  const bytes = withPlainBuffer(data);
  const picker = (window as Window & { showSaveFilePicker?: ShowSaveFilePicker }).showSaveFilePicker;
  if (picker) {
    try {
      const handle = await picker.call(window, { suggestedName, types: pickerTypes(suggestedName, mimeType) });
      const stream = await handle.createWritable();
      try {
        await stream.write(bytes);
        await stream.close();
      } catch (error) {
        await stream.abort().catch(() => undefined);
        throw error;
      }
      return { saved: true, fileName: handle.name };
    } catch (error) {
      if (errorName(error) === 'AbortError') return { saved: false };
      // The picker needs a fresh user gesture; if building the file took too long, it is gone and a
      // plain download is the way left. Anything else is a real failure.
      if (errorName(error) !== 'SecurityError' && errorName(error) !== 'NotAllowedError') throw error;
    }
  }
  download(bytes, suggestedName, mimeType);
  // The browser took the file; whether the user kept it is the browser's business, not visible to us.
  return { saved: true, fileName: suggestedName };
}

function download(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor); // Firefox only follows links that are in the document.
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty to start it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The picker's type filter, from the name's extension; none when it would be refused as invalid. */
export function pickerTypes(suggestedName: string, mimeType: string): SavePickerOptions['types'] {
  const extension = /\.([a-z0-9]{1,16})$/i.exec(suggestedName)?.[1];
  const essence = mimeType.split(';')[0]?.trim().toLowerCase();
  if (!extension || !essence) return undefined;
  return [{ description: fileKindName(extension), accept: { [essence]: [`.${extension}`] } }];
}

function errorName(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
}

/** Blob and the file stream want bytes over a plain ArrayBuffer; copy only when it is a shared one. */
function withPlainBuffer(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
}
