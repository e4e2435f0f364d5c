using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SimpleImGateway.Companion.Storage.Sql
{
    /// <summary>
    /// <see cref="IPresenceStore"/> over the <c>presence_publications</c>, <c>presence_subscriptions</c>,
    /// <c>watcher_rules</c> and <c>presence_registrations</c> tables.
    /// </summary>
    internal sealed class SqlPresenceStore : IPresenceStore
    {
        private const string PublicationColumns = "etag, presentity, event_package, expires_at, content_type, body, published_at";
        private const string SubscriptionColumns =
            "call_id, local_tag, remote_tag, event_package, event_id, watcher, presentity, expires_at, state, route_set, remote_target, local_cseq, remote_cseq, version";

        private const string RegistrationColumns = "aor, contact, expires_at, registered_at, call_id, cseq";

        private const string InsertPublicationSql =
            $"INSERT INTO presence_publications ({PublicationColumns}) VALUES (@etag, @presentity, @eventPackage, @expiresAt, @contentType, @body, @publishedAt) " +
            "ON CONFLICT (etag) DO NOTHING";

        private const string UpsertSubscriptionSql =
            $"INSERT INTO presence_subscriptions ({SubscriptionColumns}) " +
            "VALUES (@callId, @localTag, @remoteTag, @eventPackage, @eventId, @watcher, @presentity, @expiresAt, @state, @routeSet, @remoteTarget, @localCSeq, @remoteCSeq, @version) " +
            "ON CONFLICT (call_id, local_tag, remote_tag, event_package, event_id) DO UPDATE SET watcher = excluded.watcher, presentity = excluded.presentity, " +
            "expires_at = excluded.expires_at, state = excluded.state, route_set = excluded.route_set, remote_target = excluded.remote_target, " +
            "local_cseq = excluded.local_cseq, remote_cseq = excluded.remote_cseq, version = excluded.version";

        private const string KeyCondition =
            "call_id = @callId AND local_tag = @localTag AND remote_tag = @remoteTag AND event_package = @eventPackage AND event_id = @eventId";

        private readonly SqlDatabase _database;
        private readonly string _subscriptionOrder;

        public SqlPresenceStore(SqlDatabase database)
        {
            _database = database;
            string c = database.OrdinalCollation;
            _subscriptionOrder = $"presentity{c}, watcher{c}, call_id{c}, local_tag{c}, remote_tag{c}, event_package{c}, event_id{c}";
        }

        public async Task<bool> AddPublicationAsync(PresencePublication publication, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(publication);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = InsertPublication(connection, null, publication);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<PresencePublication?> GetPublicationAsync(string etag, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(etag);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {PublicationColumns} FROM presence_publications WHERE etag = @etag")
                .With("@etag", etag);
            return await command.ReadFirstOrDefaultAsync(MapPublication, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> ReplacePublicationAsync(string currentETag, PresencePublication replacement, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(currentETag);
            ArgumentNullException.ThrowIfNull(replacement);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, "etag:" + currentETag, cancellationToken).ConfigureAwait(false);

            await using (DbCommand delete = SqlDatabase.Command(connection, "DELETE FROM presence_publications WHERE etag = @etag", transaction)
                .With("@etag", currentETag))
            {
                if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    return false;
                }
            }

            await using (DbCommand insert = InsertPublication(connection, transaction, replacement))
            {
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    // Disposing the transaction rolls the delete back: the current publication survives.
                    throw new InvalidOperationException($"entity tag {replacement.ETag} already belongs to another publication");
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        public async Task<bool> RemovePublicationAsync(string etag, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(etag);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM presence_publications WHERE etag = @etag")
                .With("@etag", etag);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<IReadOnlyList<PresencePublication>> ListPublicationsAsync(string presentity, string eventPackage, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(presentity);
            ArgumentNullException.ThrowIfNull(eventPackage);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                connection,
                $"SELECT {PublicationColumns} FROM presence_publications WHERE presentity = @presentity AND event_package = @eventPackage AND expires_at > @now " +
                $"ORDER BY published_at, etag{_database.OrdinalCollation}")
                .With("@presentity", presentity)
                .With("@eventPackage", eventPackage)
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(MapPublication, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<PresencePublication>> ListAllPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            string c = _database.OrdinalCollation;
            await using DbCommand command = SqlDatabase.Command(
                connection,
                $"SELECT {PublicationColumns} FROM presence_publications WHERE expires_at > @now ORDER BY presentity{c}, published_at, etag{c}")
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(MapPublication, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<PresencePublication>> PurgeExpiredPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"DELETE FROM presence_publications WHERE expires_at <= @now RETURNING {PublicationColumns}")
                .With("@now", UnixTime.ToMilliseconds(now));
            List<PresencePublication> purged = await command.ReadAllAsync(MapPublication, cancellationToken).ConfigureAwait(false);
            purged.Sort(static (a, b) =>
            {
                int byPresentity = string.CompareOrdinal(a.Presentity, b.Presentity);
                return byPresentity != 0 ? byPresentity : string.CompareOrdinal(a.ETag, b.ETag);
            });
            return purged;
        }

        public async Task UpsertSubscriptionAsync(PresenceSubscription subscription, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(subscription);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = UpsertSubscription(connection, null, subscription);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task SaveSubscriptionsAsync(IReadOnlyList<PresenceSubscription> upserts, IReadOnlyList<SubscriptionKey> removals, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(upserts);
            ArgumentNullException.ThrowIfNull(removals);
            if (upserts.Count == 0 && removals.Count == 0)
            {
                return;
            }

            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await _database.BeginWriteAsync(connection, "presence_subscriptions", cancellationToken).ConfigureAwait(false);
            foreach (PresenceSubscription subscription in upserts)
            {
                await using DbCommand upsert = UpsertSubscription(connection, transaction, subscription);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (SubscriptionKey key in removals)
            {
                await using DbCommand delete = WithKey(SqlDatabase.Command(connection, $"DELETE FROM presence_subscriptions WHERE {KeyCondition}", transaction), key);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<PresenceSubscription?> GetSubscriptionAsync(SubscriptionKey key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = WithKey(SqlDatabase.Command(connection, $"SELECT {SubscriptionColumns} FROM presence_subscriptions WHERE {KeyCondition}"), key);
            return await command.ReadFirstOrDefaultAsync(MapSubscription, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RemoveSubscriptionAsync(SubscriptionKey key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = WithKey(SqlDatabase.Command(connection, $"DELETE FROM presence_subscriptions WHERE {KeyCondition}"), key);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<IReadOnlyList<PresenceSubscription>> ListSubscriptionsAsync(string presentity, string eventPackage, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(presentity);
            ArgumentNullException.ThrowIfNull(eventPackage);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                connection,
                $"SELECT {SubscriptionColumns} FROM presence_subscriptions WHERE presentity = @presentity AND event_package = @eventPackage AND expires_at > @now ORDER BY {_subscriptionOrder}")
                .With("@presentity", presentity)
                .With("@eventPackage", eventPackage)
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(MapSubscription, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<PresenceSubscription>> ListAllSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {SubscriptionColumns} FROM presence_subscriptions WHERE expires_at > @now ORDER BY {_subscriptionOrder}")
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(MapSubscription, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<PresenceSubscription>> PurgeExpiredSubscriptionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"DELETE FROM presence_subscriptions WHERE expires_at <= @now RETURNING {SubscriptionColumns}")
                .With("@now", UnixTime.ToMilliseconds(now));
            List<PresenceSubscription> purged = await command.ReadAllAsync(MapSubscription, cancellationToken).ConfigureAwait(false);
            purged.Sort(CompareSubscriptions);
            return purged;
        }

        public async Task SetWatcherRuleAsync(WatcherRule rule, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(rule);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                connection,
                "INSERT INTO watcher_rules (presentity, watcher, decision) VALUES (@presentity, @watcher, @decision) " +
                "ON CONFLICT (presentity, watcher) DO UPDATE SET decision = excluded.decision")
                .With("@presentity", rule.Presentity)
                .With("@watcher", rule.Watcher)
                .With("@decision", DecisionToText(rule.Decision));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<WatcherRule?> GetWatcherRuleAsync(string presentity, string watcher, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(presentity);
            ArgumentNullException.ThrowIfNull(watcher);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "SELECT presentity, watcher, decision FROM watcher_rules WHERE presentity = @presentity AND watcher = @watcher")
                .With("@presentity", presentity)
                .With("@watcher", watcher);
            return await command.ReadFirstOrDefaultAsync(MapRule, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RemoveWatcherRuleAsync(string presentity, string watcher, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(presentity);
            ArgumentNullException.ThrowIfNull(watcher);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM watcher_rules WHERE presentity = @presentity AND watcher = @watcher")
                .With("@presentity", presentity)
                .With("@watcher", watcher);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<IReadOnlyList<WatcherRule>> ListWatcherRulesAsync(string presentity, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(presentity);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT presentity, watcher, decision FROM watcher_rules WHERE presentity = @presentity ORDER BY watcher{_database.OrdinalCollation}")
                .With("@presentity", presentity);
            return await command.ReadAllAsync(MapRule, cancellationToken).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<WatcherRule>> ListAllWatcherRulesAsync(CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            string c = _database.OrdinalCollation;
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT presentity, watcher, decision FROM watcher_rules ORDER BY presentity{c}, watcher{c}");
            return await command.ReadAllAsync(MapRule, cancellationToken).ConfigureAwait(false);
        }

        public async Task SetRegistrationAsync(PresenceRegistration registration, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(registration);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                connection,
                $"INSERT INTO presence_registrations ({RegistrationColumns}) VALUES (@aor, @contact, @expiresAt, @registeredAt, @callId, @cseq) " +
                "ON CONFLICT (aor) DO UPDATE SET contact = excluded.contact, expires_at = excluded.expires_at, registered_at = excluded.registered_at, " +
                "call_id = excluded.call_id, cseq = excluded.cseq")
                .With("@aor", registration.Aor)
                .With("@contact", registration.Contact)
                .With("@expiresAt", UnixTime.ToMilliseconds(registration.ExpiresAt))
                .With("@registeredAt", UnixTime.ToMilliseconds(registration.RegisteredAt))
                .With("@callId", registration.CallId)
                .With("@cseq", registration.CSeq);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task<PresenceRegistration?> GetRegistrationAsync(string aor, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, $"SELECT {RegistrationColumns} FROM presence_registrations WHERE aor = @aor")
                .With("@aor", aor);
            return await command.ReadFirstOrDefaultAsync(MapRegistration, cancellationToken).ConfigureAwait(false);
        }

        public async Task<bool> RemoveRegistrationAsync(string aor, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(aor);
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(connection, "DELETE FROM presence_registrations WHERE aor = @aor")
                .With("@aor", aor);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async Task<IReadOnlyList<PresenceRegistration>> ListRegistrationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            await using DbConnection connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using DbCommand command = SqlDatabase.Command(
                connection,
                $"SELECT {RegistrationColumns} FROM presence_registrations WHERE expires_at > @now ORDER BY aor{_database.OrdinalCollation}")
                .With("@now", UnixTime.ToMilliseconds(now));
            return await command.ReadAllAsync(MapRegistration, cancellationToken).ConfigureAwait(false);
        }

        private static DbCommand UpsertSubscription(DbConnection connection, DbTransaction? transaction, PresenceSubscription subscription) =>
            WithKey(SqlDatabase.Command(connection, UpsertSubscriptionSql, transaction), subscription.Key)
                .With("@watcher", subscription.Watcher)
                .With("@presentity", subscription.Presentity)
                .With("@expiresAt", UnixTime.ToMilliseconds(subscription.ExpiresAt))
                .With("@state", StateToText(subscription.State))
                .With("@routeSet", JsonSerializer.Serialize(subscription.RouteSet.ToArray()))
                .With("@remoteTarget", subscription.RemoteTarget)
                .With("@localCSeq", subscription.LocalCSeq)
                .With("@remoteCSeq", subscription.RemoteCSeq)
                .With("@version", subscription.Version);

        private static DbCommand InsertPublication(DbConnection connection, DbTransaction? transaction, PresencePublication publication) =>
            SqlDatabase.Command(connection, InsertPublicationSql, transaction)
                .With("@etag", publication.ETag)
                .With("@presentity", publication.Presentity)
                .With("@eventPackage", publication.EventPackage)
                .With("@expiresAt", UnixTime.ToMilliseconds(publication.ExpiresAt))
                .With("@contentType", publication.ContentType)
                .With("@body", publication.Body)
                .With("@publishedAt", UnixTime.ToMilliseconds(publication.PublishedAt));

        private static DbCommand WithKey(DbCommand command, SubscriptionKey key) =>
            command
                .With("@callId", key.Dialog.CallId)
                .With("@localTag", key.Dialog.LocalTag)
                .With("@remoteTag", key.Dialog.RemoteTag)
                .With("@eventPackage", key.EventPackage)
                .With("@eventId", key.EventId);

        private static int CompareSubscriptions(PresenceSubscription a, PresenceSubscription b)
        {
            int c = string.CompareOrdinal(a.Presentity, b.Presentity);
            c = c != 0 ? c : string.CompareOrdinal(a.Watcher, b.Watcher);
            c = c != 0 ? c : string.CompareOrdinal(a.Key.Dialog.CallId, b.Key.Dialog.CallId);
            c = c != 0 ? c : string.CompareOrdinal(a.Key.Dialog.LocalTag, b.Key.Dialog.LocalTag);
            c = c != 0 ? c : string.CompareOrdinal(a.Key.Dialog.RemoteTag, b.Key.Dialog.RemoteTag);
            c = c != 0 ? c : string.CompareOrdinal(a.Key.EventPackage, b.Key.EventPackage);
            return c != 0 ? c : string.CompareOrdinal(a.Key.EventId, b.Key.EventId);
        }

        private static PresencePublication MapPublication(DbDataReader reader) => new()
        {
            ETag = reader.GetString(0),
            Presentity = reader.GetString(1),
            EventPackage = reader.GetString(2),
            ExpiresAt = reader.GetTime(3),
            ContentType = reader.GetString(4),
            Body = reader.GetBytes(5),
            PublishedAt = reader.GetTime(6),
        };

        private static PresenceSubscription MapSubscription(DbDataReader reader) => new()
        {
            Key = new SubscriptionKey(new DialogId(reader.GetString(0), reader.GetString(1), reader.GetString(2)), reader.GetString(3), reader.GetString(4)),
            Watcher = reader.GetString(5),
            Presentity = reader.GetString(6),
            ExpiresAt = reader.GetTime(7),
            State = TextToState(reader.GetString(8)),
            RouteSet = JsonSerializer.Deserialize<string[]>(reader.GetString(9)) ?? [],
            RemoteTarget = reader.GetString(10),
            LocalCSeq = reader.GetInt64(11),
            RemoteCSeq = reader.GetInt64(12),
            Version = reader.GetInt64(13),
        };

        private static PresenceRegistration MapRegistration(DbDataReader reader) => new()
        {
            Aor = reader.GetString(0),
            Contact = reader.GetString(1),
            ExpiresAt = reader.GetTime(2),
            RegisteredAt = reader.GetTime(3),
            CallId = reader.GetString(4),
            CSeq = reader.GetInt64(5),
        };

        private static WatcherRule MapRule(DbDataReader reader) =>
            new(reader.GetString(0), reader.GetString(1), TextToDecision(reader.GetString(2)));

        // States and decisions are stored as the words RFC 6665 and RFC 5025 use, so the tables read naturally.
        private static string StateToText(SubscriptionState state) => state switch
        {
            SubscriptionState.Pending => "pending",
            SubscriptionState.Active => "active",
            SubscriptionState.Terminated => "terminated",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown subscription state"),
        };

        private static SubscriptionState TextToState(string text) => text switch
        {
            "pending" => SubscriptionState.Pending,
            "active" => SubscriptionState.Active,
            "terminated" => SubscriptionState.Terminated,
            _ => throw new InvalidOperationException($"unknown subscription state '{text}' in the database"),
        };

        private static string DecisionToText(WatcherDecision decision) => decision switch
        {
            WatcherDecision.Allow => "allow",
            WatcherDecision.Block => "block",
            WatcherDecision.PoliteBlock => "polite-block",
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "unknown watcher decision"),
        };

        private static WatcherDecision TextToDecision(string text) => text switch
        {
            "allow" => WatcherDecision.Allow,
            "block" => WatcherDecision.Block,
            "polite-block" => WatcherDecision.PoliteBlock,
            _ => throw new InvalidOperationException($"unknown watcher decision '{text}' in the database"),
        };
    }
}
