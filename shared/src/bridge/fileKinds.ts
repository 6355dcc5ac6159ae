/** What file dialogs call a kind of file, by extension (without the dot, any case): "STEP sync bundle", "CSV file". */
const knownKinds: Record<string, string> = { stepbundle: 'STEP sync bundle' };

export function fileKindName(extension: string): string {
  return knownKinds[extension.toLowerCase()] ?? `${extension.toUpperCase()} file`;
}
