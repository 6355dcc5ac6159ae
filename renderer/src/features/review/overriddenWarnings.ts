/**
 * The translation key of an overridden warning's short title. A step keeps only the warning's code (its
 * figures belong to the record as it was), so history and queue show what was overridden by name, not the
 * full sentence with its numbers missing.
 */
export const overriddenWarningKey = (code: string) => `overriddenWarning.${code.replace(/^v\.warn\./, '')}`;
