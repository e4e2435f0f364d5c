using System;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;

namespace SimpleImGateway.Companion.Tests.Devices
{
    /// <summary>A registrar-side digest server and a client answering its challenges, for credential tests.</summary>
    internal sealed class DigestTestClient
    {
        public const string RequestUri = "sip:simpleim.test";

        private readonly DigestClient _client = new(new SystemRandomSource(new Random(7)));

        public DigestTestClient(string realm = "simpleim.test")
        {
            byte[] secret = new byte[32];
            new Random(11).NextBytes(secret);
            Server = new DigestServer(realm, secret, new SystemRandomSource(new Random(13)));
        }

        public DigestServer Server { get; }

        public long Now { get; set; } = 1_000_000;

        /// <summary>Credentials for a REGISTER answering a fresh challenge with <paramref name="algorithm"/>.</summary>
        public DigestCredentials Answer(string user, string password, DigestAlgorithm algorithm = DigestAlgorithm.Md5)
        {
            DigestChallenge challenge = Server.CreateChallenge(algorithm, Now, stale: false);
            return _client.Answer(challenge, user, password, "REGISTER", RequestUri);
        }
    }
}
