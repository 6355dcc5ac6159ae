import Dexie, { type Table } from 'dexie';
import type { AnyRecord, EntityRecord, EntityType } from '@shared/domain';
import type { DeviceCertificate } from '@shared/api/certificate';
import type { ChangeRefusal } from '@shared/api/contract';
import type { BundleLogEntry, QuarantineReason } from '@shared/bundle/port';
import type { SignedChunk } from '@shared/bundle/types';
import type { Change } from '@shared/sync/change';
import type { Conflict } from '@shared/sync/merge';
import type { ActivityRow } from './activityRows';

/** What the merge knows of one record: whether it is a tombstone, each field's current stamps, why it cannot be shown. */
export interface RecordMeta {
  entity: EntityType;
  recordId: string;
  deleted: boolean;
  stamps: Record<string, string[]>;
  scope: string[];
  updatedAt: string;
  /** Set when the merged values do not form a valid record (yet): it is kept here, not shown, and listed. */
  problems?: { path: string; message: string }[];
}

export interface StoredConflict extends Conflict {
  key: string;
}

/** A change of this device that the server refused, kept until the person has seen it (keyed by seq). */
export interface StoredRefusal extends ChangeRefusal {
  /** When the server's answer arrived (ISO). */
  at: string;
}

/** A signed chunk of another device, kept from an imported bundle to be relayed as it was signed (version 4). */
export interface StoredChunk extends SignedChunk {
  /** storedChunkKey: the same chunk arriving in several bundles is kept once. */
  key: string;
  keptAt: string;
}

/** A chunk of a bundle that has been applied: an interrupted import resumes after it. */
export interface BundleChunkDone {
  bundleId: string;
  index: number;
  at: string;
}

export interface StoredBundleLogEntry extends BundleLogEntry {
  id?: number;
}

/** A change a bundle brought that was not applied (invalid, or outside this desk's countries), kept for review. */
export interface StoredQuarantine {
  id?: number;
  /** The change's `device:seq`: the same change quarantined again replaces its row. */
  key: string;
  entity: Change['entity'];
  recordId: string;
  change: Change;
  reason: QuarantineReason;
  detail?: string;
  bundleId: string;
  /** The device whose bundle brought it. */
  from?: string;
  at: string;
}

/** A file's bytes, stored once under their SHA-256 whatever number of documents name them (version 5). */
export interface StoredBlob {
  sha256: string;
  bytes: Uint8Array;
  mimeType: string;
  size: number;
  storedAt: string;
}

/** A blob the server does not have yet (network sync uploads it, then deletes the row). */
export interface PendingUpload {
  sha256: string;
  queuedAt: string;
}

/**
 * What someone is typing in a form, saved as they type (version 5), so a crash or a closed window loses
 * nothing. Local to this computer, never synced: it becomes a record only when saved. Keyed by the form
 * and the record (`fieldReport:new`, `fieldReport:<id>`).
 */
export interface FormDraft {
  key: string;
  values: unknown;
  updatedAt: string;
}

/** Which table holds which kind of record. */
export const tableNames = {
  organization: 'organizations',
  person: 'people',
  activity: 'activities',
  participatingOrganization: 'participatingOrganizations',
  budget: 'budgets',
  transaction: 'transactions',
  result: 'results',
  indicator: 'indicators',
  indicatorPeriod: 'indicatorPeriods',
  participation: 'participations',
  technologyOffer: 'technologyOffers',
  technologyNeed: 'technologyNeeds',
  technologyMatch: 'technologyMatches',
  fieldReport: 'fieldReports',
  document: 'documents',
  approval: 'approvals',
} as const satisfies Record<EntityType, string>;

type EntityTables = { [E in EntityType as (typeof tableNames)[E]]: Table<EntityRecord<E>, string> };

export type StepDatabase = Dexie &
  EntityTables & {
    /** Compact list rows of activities, kept by the write path in the same transaction as the activity. */
    activityRows: Table<ActivityRow, string>;
    /** The change log: every field-level change held, keyed by [device, seq]. */
    changes: Table<Change, [string, number]>;
    recordMeta: Table<RecordMeta, [string, string]>;
    conflicts: Table<StoredConflict, string>;
    /**
     * Small named values: this device's id and counters, the version vector, the devices heard of; network
     * sync's cursor, enrollment and device key pair (CryptoKey objects, stored by structured clone).
     */
    syncState: Table<{ key: string; value: unknown }, string>;
    /** This device's changes the server refused, with the reason, to be shown (version 3). */
    syncRefusals: Table<StoredRefusal, number>;
    /** Bundles (version 4): other devices' signed chunks kept to relay, */
    bundleChunks: Table<StoredChunk, string>;
    /** the chunks of each bundle already applied, */
    bundleProgress: Table<BundleChunkDone, [string, number]>;
    /** the log of bundles exported and imported, */
    bundleLog: Table<StoredBundleLogEntry, number>;
    /** the changes bundles brought that were quarantined, */
    quarantine: Table<StoredQuarantine, number>;
    /** and the device certificates bundles brought (checked against the server's key), by device. */
    certificates: Table<{ deviceId: string; certificate: DeviceCertificate }, string>;
    /** Attachments (version 5): file bytes by SHA-256, */
    blobs: Table<StoredBlob, string>;
    /** the ones still to upload to the server, */
    blobUploads: Table<PendingUpload, string>;
    /** and forms being filled in. */
    formDrafts: Table<FormDraft, string>;
  };

/**
 * The local store. Indexes are what the screens query by; everything else is in the record. Each schema
 * change is a new `.version(n)` block (with an upgrade function when data must move): never edit an old one.
 */
export function openStepDatabase(name = 'step-desk'): StepDatabase {
  const db = new Dexie(name) as StepDatabase;
  db.version(1).stores({
    organizations: 'id, updatedAt, country, type, parentId',
    people: 'id, updatedAt, country, organizationId',
    activities: 'id, updatedAt, details.kind, status, *countries, *priorityAreas, plannedStart, parentId',
    participatingOrganizations: 'id, activityId, organizationId',
    budgets: 'id, activityId',
    transactions: 'id, activityId, date',
    results: 'id, activityId',
    indicators: 'id, activityId, resultId',
    indicatorPeriods: 'id, activityId, indicatorId',
    participations: 'id, activityId, personId',
    technologyOffers: 'id, country, providerOrganizationId',
    technologyNeeds: 'id, country, seekerOrganizationId',
    technologyMatches: 'id, offerId, needId, status',
    fieldReports: 'id, activityId, visitDate, country',
    documents: 'id, sha256, [attachedTo.entity+attachedTo.recordId]',
    approvals: 'id, [target.entity+target.recordId], at',
    activityRows: 'id, updatedAt',
  });
  // Version 2: the sync engine's tables. Records stored under version 1 have no changes yet; the store
  // adopts them as this device's creations the first time it opens (store.ts, adoptUntracked).
  db.version(2).stores({
    changes: '[device+seq], [entity+recordId]',
    recordMeta: '[entity+recordId]',
    conflicts: 'key, recordId',
    syncState: 'key',
  });
  // Version 3: network sync. Refused changes get a table of their own (there can be thousands after a
  // large import out of the person's scope); everything else of network sync lives in syncState.
  db.version(3).stores({
    syncRefusals: 'seq, [entity+recordId]',
  });
  // Version 4: bundles. Acknowledgements and the revocation list are small named values in syncState.
  db.version(4).stores({
    bundleChunks: 'key, device',
    bundleProgress: '[bundleId+index]',
    bundleLog: '++id, at',
    quarantine: '++id, &key, bundleId, [entity+recordId]',
    certificates: 'deviceId',
  });
  // Version 5: the program workspace. File bytes live apart from their document records (which sync as
  // changes): a photo is stored once however many reports show it. People gain an email index, the key
  // spreadsheet imports recognise them by.
  db.version(5).stores({
    blobs: 'sha256',
    blobUploads: 'sha256',
    formDrafts: 'key, updatedAt',
    people: 'id, updatedAt, country, organizationId, email',
  });
  return db;
}

export function tableOf<E extends EntityType>(db: StepDatabase, entity: E): Table<EntityRecord<E>, string> {
  return db.table(tableNames[entity]);
}

export type { AnyRecord };
