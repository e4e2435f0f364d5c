using System;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Support
{
    /// <summary>
    /// Hands out databases of one provider: fresh ones, or one shared, migrated database per test run that is
    /// emptied before each use. Sharing spares every test a schema creation and new connections.
    /// </summary>
    public sealed class TestDatabaseSource
    {
        private readonly Func<Task<TestDatabase>> _create;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private TestDatabase? _sharedDatabase;
        private IStorageProvider? _sharedProvider;

        public TestDatabaseSource(Func<Task<TestDatabase>> create)
        {
            _create = create;
        }

        /// <summary>An empty, unmigrated database of its own.</summary>
        public Task<TestDatabase> CreateAsync() => _create();

        /// <summary>The shared database, emptied, with its migrated provider; neither is the caller's to dispose.</summary>
        public async Task<(TestDatabase Database, IStorageProvider Provider)> GetSharedAsync()
        {
            await _gate.WaitAsync();
            try
            {
                if (_sharedDatabase is null || _sharedProvider is null)
                {
                    TestDatabase database = await _create();
                    IStorageProvider provider = database.OpenProvider();
                    await provider.MigrateAsync();
                    (_sharedDatabase, _sharedProvider) = (database, provider);
                }
                else
                {
                    await _sharedDatabase.ClearAsync();
                }

                return (_sharedDatabase, _sharedProvider);
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Drops the shared database, if one was made.</summary>
        public async Task DisposeSharedAsync()
        {
            if (_sharedProvider is not null)
            {
                await _sharedProvider.DisposeAsync();
                _sharedProvider = null;
            }

            if (_sharedDatabase is not null)
            {
                await _sharedDatabase.DisposeAsync();
                _sharedDatabase = null;
            }
        }
    }
}
