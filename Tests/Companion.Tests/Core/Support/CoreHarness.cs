using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SimpleImGateway.Companion.Accounts;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Core;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Companion.Tests.Support;

namespace SimpleImGateway.Companion.Tests.Core.Support
{
    /// <summary>
    /// A <see cref="CoreElement"/> started in-process on 127.0.0.1 with an ephemeral port over a SQLite database in a
    /// temporary data directory, with users bob (password bob-pw) and tom (tom-pw). The application servers are
    /// disabled unless the test configures them, so MESSAGEs go straight to contacts. Set SIMPLEIM_TEST_LOG=1 to see
    /// the Core's logs on the console.
    /// </summary>
    public sealed class CoreHarness : IAsyncDisposable
    {
        public const string Domain = "simpleim.test";

        private bool _ownsDirectory;
        private bool _disposed;
        private readonly List<TestUa> _uas = [];
        private readonly ILoggerFactory _loggers;

        private CoreHarness(TempDirectory directory, bool ownsDirectory, CoreOptions options, IStorageProvider storage, CoreElement core, ILoggerFactory loggers)
        {
            Directory = directory;
            _ownsDirectory = ownsDirectory;
            Options = options;
            Storage = storage;
            Core = core;
            _loggers = loggers;
        }

        public TempDirectory Directory { get; }

        public CoreOptions Options { get; }

        public IStorageProvider Storage { get; }

        public CoreElement Core { get; }

        public IPEndPoint EndPoint => new(IPAddress.Loopback, Core.Transport.AdvertisedPort);

        public int Port => Core.Transport.AdvertisedPort;

        /// <summary>Core options for tests: ephemeral port, no application servers.</summary>
        public static CoreOptions DefaultOptions()
        {
            var options = new CoreOptions { Address = "127.0.0.1", Port = 0 };
            foreach (var server in options.ApplicationServers.Values)
            {
                server.Enabled = false;
            }

            return options;
        }

        public static async Task<CoreHarness> StartAsync(Action<CoreOptions>? configure = null)
        {
            var directory = new TempDirectory();
            CoreOptions options = DefaultOptions();
            configure?.Invoke(options);
            IStorageProvider storage = StorageProviderFactory.CreateSqlite(directory.Combine("simpleim.db"));
            await storage.MigrateAsync();
            await AddUserAsync(storage, "bob", "bob-pw");
            await AddUserAsync(storage, "tom", "tom-pw");
            return Start(directory, ownsDirectory: true, options, storage);
        }

        /// <summary>Stops this Core and starts a new one over the same data directory and database, as a restart would.</summary>
        public async Task<CoreHarness> RestartAsync()
        {
            await DisposeCoreAsync();
            _ownsDirectory = false; // the new harness deletes it
            IStorageProvider storage = StorageProviderFactory.CreateSqlite(Directory.Combine("simpleim.db"));
            await storage.MigrateAsync();
            return Start(Directory, ownsDirectory: true, Options, storage);
        }

        public static async Task AddUserAsync(IStorageProvider storage, string name, string password)
        {
            await storage.Users.AddAsync(new UserAccount(
                name, Domain, DigestHa1.Md5(name, Domain, password), DigestHa1.Sha256(name, Domain, password), DateTimeOffset.UtcNow));
        }

        /// <summary>A UA for <paramref name="user"/> talking to this Core; disposed with the harness.</summary>
        public TestUa NewUa(string user, string? password = null, int port = 0)
        {
            var ua = new TestUa(user, EndPoint, Domain, port) { Password = password };
            _uas.Add(ua);
            return ua;
        }

        /// <summary>Runs <paramref name="read"/> on the Core's loop (where its state lives).</summary>
        public Task<T> OnLoopAsync<T>(Func<T> read) => Core.Loop.InvokeAsync(read);

        public async ValueTask DisposeAsync()
        {
            await DisposeCoreAsync();
            if (_ownsDirectory)
            {
                Directory.Dispose();
            }
        }

        private static CoreHarness Start(TempDirectory directory, bool ownsDirectory, CoreOptions options, IStorageProvider storage)
        {
            var failures = new List<string>();
            CoreSettings settings = CoreSettings.Create(options, Domain, failures, CoreServiceCollectionExtensions.HostedElements(new PresenceOptions(), new ImOptions()))
                ?? throw new InvalidOperationException(string.Join("; ", failures));
            ILoggerFactory loggers = Environment.GetEnvironmentVariable("SIMPLEIM_TEST_LOG") == "1"
                ? LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug))
                : NullLoggerFactory.Instance;
            var core = new CoreElement(settings, storage.Users, storage.Bindings, directory.Path, loggers);
            core.Start();
            return new CoreHarness(directory, ownsDirectory, options, storage, core, loggers);
        }

        private async Task DisposeCoreAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (TestUa ua in _uas)
            {
                await ua.DisposeAsync();
            }

            _uas.Clear();
            await Core.DisposeAsync();
            await Storage.DisposeAsync();
            if (_loggers is not NullLoggerFactory)
            {
                _loggers.Dispose();
            }
        }
    }
}
