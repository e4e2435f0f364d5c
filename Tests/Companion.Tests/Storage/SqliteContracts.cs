using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Storage
{
    // The store contracts run against a SQLite file in a temporary directory.

    [TestClass]
    public sealed class SqliteUserStoreTests : UserStoreContract
    {
        protected override TestDatabaseSource Source => SqliteTestDatabase.Source;
    }

    [TestClass]
    public sealed class SqliteBindingStoreTests : BindingStoreContract
    {
        protected override TestDatabaseSource Source => SqliteTestDatabase.Source;
    }

    [TestClass]
    public sealed class SqliteMessageStoreTests : MessageStoreContract
    {
        protected override TestDatabaseSource Source => SqliteTestDatabase.Source;
    }

    [TestClass]
    public sealed class SqlitePresenceStoreTests : PresenceStoreContract
    {
        protected override TestDatabaseSource Source => SqliteTestDatabase.Source;
    }

    [TestClass]
    public sealed class SqliteSchemaMigrationTests : SchemaMigrationContract
    {
        protected override TestDatabaseSource Source => SqliteTestDatabase.Source;
    }
}
