using System;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Storage
{
    /// <summary>
    /// Base of the store contracts: each test starts on an empty, migrated database of the provider the derived
    /// class names, so the same test methods run against SQLite and PostgreSQL.
    /// </summary>
    public abstract class StoreContractTestBase
    {
        /// <summary>A fixed instant with whole milliseconds, as the stores keep them.</summary>
        protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

        private TestDatabase? _database;
        private IStorageProvider? _storage;
        private bool _ownsDatabase;
        private bool _ownsStorage;

        protected IStorageProvider Storage => _storage ?? throw new InvalidOperationException("not initialized");

        protected TestDatabase Database => _database ?? throw new InvalidOperationException("not initialized");

        /// <summary>Where the databases come from: SQLite or PostgreSQL.</summary>
        protected abstract TestDatabaseSource Source { get; }

        /// <summary>True when a test needs a database of its own rather than the emptied shared one.</summary>
        protected virtual bool NeedsOwnDatabase => false;

        [TestInitialize]
        public async Task OpenStorageAsync()
        {
            if (NeedsOwnDatabase)
            {
                _database = await Source.CreateAsync();
                _ownsDatabase = true;
                _storage = _database.OpenProvider();
                _ownsStorage = true;
                await _storage.MigrateAsync();
            }
            else
            {
                (_database, _storage) = await Source.GetSharedAsync();
            }
        }

        [TestCleanup]
        public async Task CloseStorageAsync()
        {
            if (_ownsStorage && _storage is not null)
            {
                await _storage.DisposeAsync();
            }

            if (_ownsDatabase && _database is not null)
            {
                await _database.DisposeAsync();
            }

            (_storage, _database, _ownsStorage, _ownsDatabase) = (null, null, false, false);
        }

        /// <summary>Opens a new provider on the same database and uses it from now on, as a restart would.</summary>
        protected async Task ReopenAsync()
        {
            if (_ownsStorage)
            {
                await Storage.DisposeAsync();
            }

            _storage = Database.OpenProvider();
            _ownsStorage = true;
            await _storage.MigrateAsync();
        }
    }
}
