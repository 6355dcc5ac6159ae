import { z } from 'zod';

/**
 * "A plain file name": what `files:saveAs` may suggest. It must be usable as-is on Windows, macOS and
 * Linux and must not be able to point anywhere but the folder the user picks, so: no path separators,
 * none of the characters Windows forbids, no control characters, no `.`/`..`, no trailing dot or space
 * (Windows drops them silently), no DOS device names (CON, NUL, COM1...), at most 255 characters and
 * 255 UTF-8 bytes (ext4 and APFS count bytes; a Chinese title hits the byte limit first).
 */
export const maxFileNameLength = 255;

const forbiddenCharacters = new Set('\\/:*?"<>|');
const dosDeviceName = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

function isForbiddenCharacter(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || forbiddenCharacters.has(character);
}

function isLoneSurrogate(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return code >= 0xd800 && code <= 0xdfff;
}

export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Why `name` is not a plain file name, or undefined when it is one. */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > maxFileNameLength || utf8ByteLength(name) > maxFileNameLength) return 'is longer than 255 characters or bytes';
  const characters = [...name];
  if (characters.some(isForbiddenCharacter)) return 'contains a path separator, a control character or one of \\ / : * ? " < > |';
  if (characters.some(isLoneSurrogate)) return 'is not well-formed Unicode';
  if (name === '.' || name === '..') return 'is a relative path';
  if (name.endsWith('.') || name.endsWith(' ') || name.startsWith(' ')) return 'starts with a space or ends with a dot or space';
  if (dosDeviceName.test(name)) return 'is a reserved device name on Windows';
  return undefined;
}

export const plainFileNameSchema = z.string().superRefine((name, context) => {
  const problem = fileNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: `the file name ${problem}` });
});

/**
 * Makes a plain file name out of anything (a record's title, say): forbidden characters become `_`,
 * the base is shortened (never the extension, never inside a character) to fit 255 UTF-8 bytes.
 * Use it before `files:saveAs` so user-typed titles never make the request invalid.
 */
export function toPlainFileName(raw: string, fallback = 'export'): string {
  let name = [...raw]
    .filter((character) => !isLoneSurrogate(character))
    .map((character) => (isForbiddenCharacter(character) ? '_' : character))
    .join('')
    .trim()
    .replace(/[. ]+$/, '');
  if (name === '' || /^\.+$/.test(name)) name = fallback;
  if (dosDeviceName.test(name)) name = `_${name}`;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let base = extension ? name.slice(0, dot) : name;
  const budget = maxFileNameLength - utf8ByteLength(extension);
  if (utf8ByteLength(base) > budget || base.length + extension.length > maxFileNameLength) {
    let kept = '';
    for (const character of base) {
      if (utf8ByteLength(kept + character) > budget || kept.length + character.length + extension.length > maxFileNameLength) break;
      kept += character;
    }
    base = kept.trimEnd().replace(/\.+$/, '') || fallback;
  }
  return base + extension;
}
