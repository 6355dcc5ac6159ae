import type { SaveDialogOptions } from 'electron';
import path from 'node:path';
import { fileKindName } from '@shared/bridge/contract';

/**
 * The save dialog for `files:saveAs`: starts in `folder` with the suggested name, and offers the
 * suggested name's type first so the OS does not silently swap the extension.
 */
export function saveDialogOptions(suggestedName: string, folder: string): SaveDialogOptions {
  const extension = path.extname(suggestedName).slice(1);
  const filters = extension ? [{ name: fileKindName(extension), extensions: [extension] }] : [];
  return {
    defaultPath: path.join(folder, suggestedName),
    filters: [...filters, { name: 'All files', extensions: ['*'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
