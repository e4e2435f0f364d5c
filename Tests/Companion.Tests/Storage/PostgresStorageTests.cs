using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SimpleImGateway.Companion.Storage;

namespace SimpleImGateway.Companion.Tests.Storage
{
    [TestClass]
    public sealed class PostgresStorageTests
    {
        [TestMethod]
        public async Task Migrate_NoServerListening_ThrowsStorageUnavailableWithoutThePassword()
        {
            // A port that was just free: nothing accepts connections there.
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            await using IStorageProvider provider = StorageProviderFactory.CreatePostgres(
                $"Host=127.0.0.1;Port={port};Database=simpleim;Username=simpleim;Password=hunter2;Timeout=3");

            var e = await Assert.ThrowsExactlyAsync<StorageUnavailableException>(() => provider.MigrateAsync());

            StringAssert.Contains(e.Message, $"127.0.0.1:{port}");
            Assert.IsFalse(e.Message.Contains("hunter2"), e.Message);
        }
    }
}
