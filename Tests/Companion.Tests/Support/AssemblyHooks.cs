using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SimpleImGateway.Companion.Tests.Support
{
    [TestClass]
    public sealed class AssemblyHooks
    {
        [AssemblyCleanup]
        public static async Task DropSharedDatabasesAsync()
        {
            await SqliteTestDatabase.Source.DisposeSharedAsync();
            await PostgresTestDatabase.Source.DisposeSharedAsync();
        }
    }
}
