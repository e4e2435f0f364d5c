using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Storage
{
    // The store contracts run against schemas of the PostgreSQL named by SIMPLEIM_TEST_POSTGRES;
    // without it every test is inconclusive (skipped) with the reason.

    [TestClass]
    public sealed class PostgresUserStoreTests : UserStoreContract
    {
        protected override TestDatabaseSource Source => PostgresTestDatabase.Source;
    }

    [TestClass]
    public sealed class PostgresBindingStoreTests : BindingStoreContract
    {
        protected override TestDatabaseSource Source => PostgresTestDatabase.Source;
    }

    [TestClass]
    public sealed class PostgresMessageStoreTests : MessageStoreContract
    {
        protected override TestDatabaseSource Source => PostgresTestDatabase.Source;
    }

    [TestClass]
    public sealed class PostgresPresenceStoreTests : PresenceStoreContract
    {
        protected override TestDatabaseSource Source => PostgresTestDatabase.Source;
    }

    [TestClass]
    public sealed class PostgresSchemaMigrationTests : SchemaMigrationContract
    {
        protected override TestDatabaseSource Source => PostgresTestDatabase.Source;
    }
}
