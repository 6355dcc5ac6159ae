import type { OpenFileRequest, OpenFileResponse } from '@shared/bridge/contract';
import { BridgeError } from '@shared/bridge/contract';

/**
 * `files:open` in a plain browser: a transient `<input type=file>`, the one file picker every browser has
 * (Playwright drives it with `page.waitForEvent('filechooser')`). Its `cancel` event (Chromium 113,
 * Firefox 91, Safari 16.4) tells a closed picker. Like any `input.click()`, it must run soon after a click:
 * call `files:open` straight from the button's handler, before other awaits.
 */
export async function openFile({ accept, maxBytes }: OpenFileRequest): Promise<OpenFileResponse> {
  const file = await pickFile(accept);
  if (!file) return { cancelled: true };
  if (file.size > maxBytes) throw new BridgeError('too-large', `The file is larger than ${maxBytes} bytes.`);
  const data = new Uint8Array(await file.arrayBuffer());
  // A file that changed between the pick and the read (the browser reads it lazily) is checked again.
  if (data.byteLength > maxBytes) throw new BridgeError('too-large', `The file is larger than ${maxBytes} bytes.`);
  return { cancelled: false, fileName: file.name, data };
}

function pickFile(accept: readonly string[]): Promise<File | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.style.display = 'none';
    const finish = (file: File | undefined) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? undefined), { once: true });
    input.addEventListener('cancel', () => finish(undefined), { once: true });
    // In the document: some browsers ignore a click on a detached input.
    document.body.append(input);
    input.click();
  });
}
