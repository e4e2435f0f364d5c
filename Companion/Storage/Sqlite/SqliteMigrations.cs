using System.Collections.Generic;
using SimpleImGateway.Companion.Storage.Sql;

namespace SimpleImGateway.Companion.Storage.Sqlite
{
    /// <summary>The SQLite schema history. Times are INTEGER Unix milliseconds.</summary>
    internal static class SqliteMigrations
    {
        public static IReadOnlyList<SchemaMigration> All { get; } =
        [
            new SchemaMigration(1, "users, bindings, deferred messages, presence",
            [
                """
                CREATE TABLE users (
                    name TEXT NOT NULL PRIMARY KEY,
                    realm TEXT NOT NULL,
                    ha1_md5 TEXT NOT NULL,
                    ha1_sha256 TEXT NOT NULL,
                    created_at INTEGER NOT NULL)
                """,
                """
                CREATE TABLE bindings (
                    aor TEXT NOT NULL,
                    contact_uri TEXT NOT NULL,
                    q REAL NULL,
                    expires_at INTEGER NOT NULL,
                    call_id TEXT NOT NULL,
                    cseq INTEGER NOT NULL,
                    source TEXT NULL,
                    transport TEXT NULL,
                    path TEXT NULL,
                    instance_id TEXT NULL,
                    reg_id INTEGER NULL,
                    PRIMARY KEY (aor, contact_uri))
                """,
                "CREATE INDEX bindings_expires_at ON bindings (expires_at)",
                """
                CREATE TABLE deferred_messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sender TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    body BLOB NOT NULL,
                    arrived_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    dedup_key TEXT NOT NULL,
                    attempts INTEGER NOT NULL,
                    next_attempt_at INTEGER NOT NULL,
                    UNIQUE (recipient, dedup_key))
                """,
                "CREATE INDEX deferred_messages_arrival ON deferred_messages (recipient, arrived_at, id)",
                "CREATE INDEX deferred_messages_expires_at ON deferred_messages (expires_at)",
                """
                CREATE TABLE presence_publications (
                    etag TEXT NOT NULL PRIMARY KEY,
                    presentity TEXT NOT NULL,
                    event_package TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    content_type TEXT NOT NULL,
                    body BLOB NOT NULL,
                    published_at INTEGER NOT NULL)
                """,
                "CREATE INDEX presence_publications_presentity ON presence_publications (presentity, event_package)",
                "CREATE INDEX presence_publications_expires_at ON presence_publications (expires_at)",
                """
                CREATE TABLE presence_subscriptions (
                    call_id TEXT NOT NULL,
                    local_tag TEXT NOT NULL,
                    remote_tag TEXT NOT NULL,
                    event_package TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    watcher TEXT NOT NULL,
                    presentity TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'terminated')),
                    route_set TEXT NOT NULL,
                    remote_target TEXT NOT NULL,
                    local_cseq INTEGER NOT NULL,
                    remote_cseq INTEGER NOT NULL,
                    PRIMARY KEY (call_id, local_tag, remote_tag, event_package, event_id))
                """,
                "CREATE INDEX presence_subscriptions_presentity ON presence_subscriptions (presentity, event_package)",
                "CREATE INDEX presence_subscriptions_expires_at ON presence_subscriptions (expires_at)",
                """
                CREATE TABLE watcher_rules (
                    presentity TEXT NOT NULL,
                    watcher TEXT NOT NULL,
                    decision TEXT NOT NULL CHECK (decision IN ('allow', 'block', 'polite-block')),
                    PRIMARY KEY (presentity, watcher))
                """,
            ]),
            new SchemaMigration(2, "presence: registrations from third-party REGISTERs, subscription document version",
            [
                "ALTER TABLE presence_subscriptions ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
                """
                CREATE TABLE presence_registrations (
                    aor TEXT NOT NULL PRIMARY KEY,
                    contact TEXT NOT NULL,
                    expires_at INTEGER NOT NULL,
                    registered_at INTEGER NOT NULL,
                    call_id TEXT NOT NULL,
                    cseq INTEGER NOT NULL)
                """,
                "CREATE INDEX presence_registrations_expires_at ON presence_registrations (expires_at)",
            ]),
            new SchemaMigration(3, "users: pending credentials of a rotation, paired-device marker",
            [
                "ALTER TABLE users ADD COLUMN pending_ha1_md5 TEXT NULL",
                "ALTER TABLE users ADD COLUMN pending_ha1_sha256 TEXT NULL",
                "ALTER TABLE users ADD COLUMN pending_issued_at INTEGER NULL",
                "ALTER TABLE users ADD COLUMN paired_at INTEGER NULL",
            ]),
            new SchemaMigration(4, "IM Server: keys of delivered messages, registrations",
            [
                """
                CREATE TABLE delivered_message_keys (
                    recipient TEXT NOT NULL,
                    dedup_key TEXT NOT NULL,
                    message_id INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    PRIMARY KEY (recipient, dedup_key))
                """,
                "CREATE INDEX delivered_message_keys_expires_at ON delivered_message_keys (expires_at)",
                """
                CREATE TABLE im_registrations (
                    aor TEXT NOT NULL PRIMARY KEY,
                    expires_at INTEGER NOT NULL)
                """,
            ]),
        ];
    }
}
