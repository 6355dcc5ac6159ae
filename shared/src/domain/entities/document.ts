import { z } from 'zod';
import { entityTypeSchema } from './entityTypes';
import { optionalText, recordBase, recordIdSchema } from './base';

/** The lowercase hex SHA-256 of a file's bytes: its address, so the same file is stored once. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'v.sha256' });

export const documentSchema = z.object({
  ...recordBase('document'),
  sha256: sha256Schema,
  fileName: z.string().trim().min(1).max(255),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { error: 'v.mimeType' }),
  sizeBytes: z.number().int().nonnegative(),
  title: optionalText(300),
  caption: optionalText(300),
  attachedTo: z.object({ entity: entityTypeSchema, recordId: recordIdSchema }),
});
export type Document = z.infer<typeof documentSchema>;
