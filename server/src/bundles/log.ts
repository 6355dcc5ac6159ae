import type { BundleManifest } from '@shared/bundle/format';
import type { Queryable } from '../db/database';

/** Who imported: a person through one of their devices (the HTTP endpoint), or the admin command line. */
export type BundleImporter = { kind: 'device'; userId: string; deviceId: string } | { kind: 'cli' };

export type BundleImportResult = 'ok' | 'nothing-new' | 'partial' | 'refused' | 'failed';

/**
 * One row per import attempt, refusals included (bundle_imports): which bundle, from which exporting
 * device, who imported it and what came of it. For refusals `detail` holds the bundle error's code and
 * parameters; otherwise the counts.
 */
export async function logBundleImport(
  db: Queryable,
  importer: BundleImporter,
  manifest: Pick<BundleManifest, 'bundleId' | 'exporter'> | undefined,
  outcome: { result: BundleImportResult; detail: Record<string, unknown> },
): Promise<void> {
  await db.query('insert into bundle_imports (bundle_id, exporter_device, imported_by, via_device, result, detail) values ($1, $2, $3, $4, $5, $6::text::jsonb)', [
    manifest?.bundleId ?? null,
    manifest?.exporter.deviceId ?? null,
    importer.kind === 'cli' ? 'cli' : importer.userId,
    importer.kind === 'cli' ? null : importer.deviceId,
    outcome.result,
    JSON.stringify(outcome.detail),
  ]);
}

export interface BundleImportLogEntry {
  bundleId: string | null;
  exporterDevice: string | null;
  importedAt: string;
  importedBy: string;
  viaDevice: string | null;
  result: BundleImportResult;
  detail: Record<string, unknown>;
}

/** The newest attempts first. */
export async function bundleImportLog(db: Queryable, limit = 100): Promise<BundleImportLogEntry[]> {
  const rows = await db.query<{
    bundle_id: string | null;
    exporter_device: string | null;
    imported_at: Date | string;
    imported_by: string;
    via_device: string | null;
    result: BundleImportResult;
    detail: Record<string, unknown> | string;
  }>('select bundle_id, exporter_device, imported_at, imported_by, via_device, result, detail from bundle_imports order by id desc limit $1', [limit]);
  return rows.map((row) => ({
    bundleId: row.bundle_id,
    exporterDevice: row.exporter_device,
    importedAt: new Date(row.imported_at).toISOString(),
    importedBy: row.imported_by,
    viaDevice: row.via_device,
    result: row.result,
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
  }));
}
