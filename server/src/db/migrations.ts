import { advisoryLocks, type Database, type Queryable } from './database';

/**
 * Numbered, append-only migrations. Never edit one that has shipped: add the next number. They run on
 * start (and with `migrate`) in one transaction that first takes an advisory lock, so two processes
 * starting together apply each migration once, and a failed migration leaves nothing half-done.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'people, devices, keys, changes, records, attachments',
    sql: `
create table users (
  id text primary key,
  username text not null unique,
  display_name text not null,
  role text not null check (role in ('field-officer', 'national-coordinator', 'secretariat', 'admin')),
  countries text[] not null default '{}',
  password_hash text not null,
  created_at timestamptz not null default now()
);
create table sessions (
  token_hash text primary key,
  user_id text not null references users(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_expires on sessions (expires_at);
create table devices (
  id text primary key,
  user_id text not null references users(id),
  name text not null,
  public_key text not null,
  certificate jsonb not null,
  enrolled_at timestamptz not null default now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  revoked_reason text
);
create index devices_user on devices (user_id);
create table server_keys (
  id integer primary key check (id = 1),
  public_key text not null,
  private_key_pkcs8 text not null,
  created_at timestamptz not null default now()
);
create table changes (
  server_seq bigserial primary key,
  device text not null,
  seq bigint not null,
  stamp text not null,
  author text not null,
  entity text not null,
  record_id text not null,
  field text not null,
  value jsonb,
  seen text[] not null,
  scope text[] not null,
  received_at timestamptz not null default now(),
  unique (device, seq)
);
create index changes_record on changes (entity, record_id);
create table refused_changes (
  id bigserial primary key,
  device text not null,
  seq bigint not null,
  change text not null,
  reason text not null,
  detail text,
  at timestamptz not null default now()
);
create index refused_changes_device on refused_changes (device, seq);
create table device_progress (
  device text primary key,
  processed_seq bigint not null
);
create table records (
  entity text not null,
  record_id text not null,
  data jsonb not null,
  deleted boolean not null,
  stamps jsonb not null,
  conflicts jsonb not null,
  scope text[] not null default '{}',
  scope_seq bigint not null default 0,
  updated_at text not null,
  primary key (entity, record_id)
);
create index records_scope on records using gin (scope);
create index records_scope_seq on records (scope_seq) where scope_seq > 0;
create index records_activity on records ((data->>'activityId'));
create index records_offer on records ((data->>'offerId'));
create index records_need on records ((data->>'needId'));
create index records_attached on records ((data->'attachedTo'->>'recordId'));
create index records_target on records ((data->'target'->>'recordId'));
create table attachments (
  sha256 text primary key,
  size bigint not null,
  bytes bytea not null,
  created_at timestamptz not null default now()
);
create table request_signatures (
  signature text primary key,
  device text not null,
  expires_at timestamptz not null
);
create index request_signatures_expires on request_signatures (expires_at);
`,
  },
  {
    version: 2,
    name: 'server encryption key, bundle imports',
    sql: `
create table server_encryption_keys (
  id integer primary key check (id = 1),
  public_key text not null,
  private_key_pkcs8 text not null,
  created_at timestamptz not null default now()
);
create table bundle_imports (
  id bigserial primary key,
  bundle_id text,
  exporter_device text,
  imported_at timestamptz not null default now(),
  imported_by text not null,
  via_device text,
  result text not null check (result in ('ok', 'nothing-new', 'partial', 'refused', 'failed')),
  detail jsonb not null
);
create index bundle_imports_bundle on bundle_imports (bundle_id);
create index bundle_imports_at on bundle_imports (imported_at);
`,
  },
];

export const latestVersion = Math.max(...migrations.map((m) => m.version));

const createTable = `create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())`;

/** Applies every migration not yet applied; answers the versions it applied. Safe to run concurrently. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [advisoryLocks.migrations]);
    await tx.query(createTable);
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await execScript(tx, migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** The highest applied version, or 0 when the database has never been migrated. */
export async function currentVersion(db: Queryable): Promise<number> {
  const exists = await db.query<{ found: string | null }>(`select to_regclass('schema_migrations')::text as found`);
  if (!exists[0]?.found) return 0;
  const rows = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
  return Number(rows[0]?.version ?? 0);
}

/** Parameterless statements one by one: both drivers run a prepared statement per call. */
async function execScript(tx: Queryable, sql: string): Promise<void> {
  for (const statement of sql.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
}
