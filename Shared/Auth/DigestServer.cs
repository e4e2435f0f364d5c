using System;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// The registrar/proxy side of Digest authentication for one realm: issues challenges and verifies credentials.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A nonce is 64 hex digits encoding 32 bytes: issue time (8, big-endian milliseconds), issue counter (4),
    /// random (4), and the first 16 bytes of HMAC-SHA-256(secret, those 16 bytes + realm). The server can thus
    /// tell its own, unexpired nonces from forged ones without storing them.
    /// </para>
    /// <para>
    /// Replay protection: each issued nonce gets a slot in a fixed ring of <c>capacity</c> entries (slot = counter
    /// modulo capacity), so issuing a nonce evicts the oldest one. A slot remembers the highest nonce-count seen and
    /// a 32-bit window below it, so requests reordered in flight still pass once each. A nonce whose slot was reused
    /// is answered <see cref="DigestVerifyResult.Stale"/>: the client gets a new nonce transparently and no old
    /// credentials can be replayed. Memory stays bounded however many challenges are sent.
    /// </para>
    /// <para>
    /// RFC 2069 answers (no qop, hence no nc or cnonce) are refused unless <see cref="AllowNoQop"/> is set,
    /// because nothing would stop their replay for the nonce's lifetime. When allowed, such a nonce is single-use
    /// (it counts as nc=1), which keeps old clients working at the price of a challenge per request.
    /// </para>
    /// <para>Time is passed in (<c>nowMilliseconds</c>, any monotonic millisecond clock); thread-safe.</para>
    /// </remarks>
    public sealed class DigestServer
    {
        /// <summary>Default nonce lifetime: five minutes.</summary>
        public const long DefaultNonceLifetimeMilliseconds = 5 * 60 * 1000;

        /// <summary>Default number of nonces tracked for replay protection.</summary>
        public const int DefaultCapacity = 1024;

        private const int NonceBytes = 32;
        private const int NonceDataBytes = 16;
        private const int NonceMacBytes = 16;
        private const int ReplayWindow = 32;

        private readonly object _sync = new object();
        private readonly string _realm;
        private readonly HmacSha256 _mac;
        private readonly IRandomSource _random;
        private readonly long _lifetime;
        private readonly int _capacity;
        private readonly DigestCalculator _calculator = new DigestCalculator();

        private readonly byte[] _nonce = new byte[NonceBytes];
        private readonly byte[] _random4 = new byte[4];
        private readonly byte[] _macOut = new byte[HmacSha256.Size];
        private readonly byte[] _expected = new byte[Sha256.Size];
        private readonly byte[] _received = new byte[Sha256.Size];
        private readonly byte[] _realmBytes;

        // The replay table, one entry per slot, in parallel arrays to avoid an object per nonce.
        private readonly bool[] _slotUsed;
        private readonly long[] _slotIssued;
        private readonly uint[] _slotCounter;
        private readonly uint[] _slotRandom;
        private readonly uint[] _slotHighestNc;
        private readonly uint[] _slotWindow;
        private uint _nextCounter;

        private DigestAlgorithm[] _algorithms = { DigestAlgorithm.Sha256, DigestAlgorithm.Md5 };

        /// <summary>Creates a server with the default lifetime and capacity.</summary>
        public DigestServer(string realm, byte[] secret, IRandomSource random)
            : this(realm, secret, random, DefaultNonceLifetimeMilliseconds, DefaultCapacity)
        {
        }

        /// <summary>Creates a server for <paramref name="realm"/>.</summary>
        /// <param name="realm">The protection space this server challenges for.</param>
        /// <param name="secret">Key binding nonces to this server (at least 16 random bytes; keep it across restarts to keep nonces valid).</param>
        /// <param name="random">Source of the random part of each nonce.</param>
        /// <param name="nonceLifetimeMilliseconds">How long a nonce is accepted after issue.</param>
        /// <param name="capacity">How many nonces are tracked for replay protection (the newest ones).</param>
        public DigestServer(string realm, byte[] secret, IRandomSource random, long nonceLifetimeMilliseconds, int capacity)
        {
            if (realm == null || secret == null || random == null)
            {
                throw new ArgumentNullException(realm == null ? nameof(realm) : secret == null ? nameof(secret) : nameof(random));
            }

            if (secret.Length < 16)
            {
                throw new ArgumentException("the nonce secret must have at least 16 bytes", nameof(secret));
            }

            if (nonceLifetimeMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(nonceLifetimeMilliseconds));
            }

            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _realm = realm;
            _realmBytes = Utf8.Encode(realm);
            _mac = new HmacSha256(secret);
            _random = random;
            _lifetime = nonceLifetimeMilliseconds;
            _capacity = capacity;
            _slotUsed = new bool[capacity];
            _slotIssued = new long[capacity];
            _slotCounter = new uint[capacity];
            _slotRandom = new uint[capacity];
            _slotHighestNc = new uint[capacity];
            _slotWindow = new uint[capacity];
        }

        /// <summary>The realm this server challenges for.</summary>
        public string Realm => _realm;

        /// <summary>How long a nonce is accepted after issue, in milliseconds.</summary>
        public long NonceLifetimeMilliseconds => _lifetime;

        /// <summary>
        /// The algorithms offered, most preferred first (default SHA-256 then MD5). Credentials using any other
        /// algorithm are <see cref="DigestVerifyResult.Unsupported"/>.
        /// </summary>
        public DigestAlgorithm[] Algorithms
        {
            get => _algorithms;
            set
            {
                if (value == null || value.Length == 0)
                {
                    throw new ArgumentException("at least one algorithm must be offered", nameof(value));
                }

                for (int i = 0; i < value.Length; i++)
                {
                    if (value[i] == DigestAlgorithm.Unknown)
                    {
                        throw new ArgumentException("cannot offer an unknown algorithm", nameof(value));
                    }
                }

                _algorithms = value;
            }
        }

        /// <summary>Whether RFC 2069 answers without qop are accepted (each nonce then serves one request). Default false.</summary>
        public bool AllowNoQop { get; set; }

        /// <summary>Issues a new nonce at time <paramref name="nowMilliseconds"/>.</summary>
        public string CreateNonce(long nowMilliseconds)
        {
            lock (_sync)
            {
                uint counter = _nextCounter++;
                _random.NextBytes(_random4);
                uint random = ReadUInt32(_random4, 0);
                WriteInt64(nowMilliseconds, _nonce, 0);
                WriteUInt32(counter, _nonce, 8);
                WriteUInt32(random, _nonce, 12);
                ComputeNonceMac();
                Array.Copy(_macOut, 0, _nonce, NonceDataBytes, NonceMacBytes);

                int slot = (int)(counter % (uint)_capacity);
                _slotUsed[slot] = true;
                _slotIssued[slot] = nowMilliseconds;
                _slotCounter[slot] = counter;
                _slotRandom[slot] = random;
                _slotHighestNc[slot] = 0;
                _slotWindow[slot] = 0;
                return Hex.Encode(_nonce, 0, NonceBytes);
            }
        }

        /// <summary>
        /// One challenge per offered algorithm (<see cref="Algorithms"/> order), all with one new nonce and
        /// qop="auth"; <paramref name="stale"/> marks them stale=true after a <see cref="DigestVerifyResult.Stale"/>
        /// result. Put each in its own WWW-Authenticate / Proxy-Authenticate header, in array order.
        /// </summary>
        public DigestChallenge[] CreateChallenges(long nowMilliseconds, bool stale)
        {
            string nonce = CreateNonce(nowMilliseconds);
            DigestAlgorithm[] algorithms = _algorithms;
            var challenges = new DigestChallenge[algorithms.Length];
            for (int i = 0; i < algorithms.Length; i++)
            {
                challenges[i] = new DigestChallenge
                {
                    Realm = _realm,
                    Nonce = nonce,
                    Algorithm = DigestAlgorithms.ToToken(algorithms[i]),
                    Qop = "auth",
                    Stale = stale,
                };
            }

            return challenges;
        }

        /// <summary>A single challenge with a new nonce for <paramref name="algorithm"/> (which should be one of <see cref="Algorithms"/>).</summary>
        public DigestChallenge CreateChallenge(DigestAlgorithm algorithm, long nowMilliseconds, bool stale)
        {
            string token = DigestAlgorithms.ToToken(algorithm);
            if (token == null)
            {
                throw new ArgumentException("cannot challenge with an unknown algorithm", nameof(algorithm));
            }

            return new DigestChallenge
            {
                Realm = _realm,
                Nonce = CreateNonce(nowMilliseconds),
                Algorithm = token,
                Qop = "auth",
                Stale = stale,
            };
        }

        /// <summary>
        /// Checks credentials from an Authorization / Proxy-Authorization header and, when they are good,
        /// records their nonce-count so the same request cannot be replayed.
        /// </summary>
        /// <param name="credentials">The parsed credentials.</param>
        /// <param name="method">The request method (for ACK and CANCEL, the caller passes what the client hashed).</param>
        /// <param name="requestUri">The Request-URI, compared with the digest-uri; null skips that check.</param>
        /// <param name="lookup">Finds the stored HA1; called outside the server's lock.</param>
        /// <param name="nowMilliseconds">The current time on the clock <see cref="CreateNonce"/> was given.</param>
        public DigestVerifyResult Verify(
            DigestCredentials credentials, string method, string requestUri, DigestHa1Lookup lookup, long nowMilliseconds)
        {
            if (credentials == null || method == null || lookup == null)
            {
                throw new ArgumentNullException(credentials == null ? nameof(credentials) : method == null ? nameof(method) : nameof(lookup));
            }

            if (credentials.Username == null || credentials.Realm == null || credentials.Nonce == null
                || credentials.Uri == null || credentials.Response == null)
            {
                return DigestVerifyResult.Malformed;
            }

            DigestAlgorithm algorithm = credentials.AlgorithmKind;
            if (!Offers(algorithm))
            {
                return DigestVerifyResult.Unsupported;
            }

            bool hasQop = credentials.Qop != null;
            if (hasQop)
            {
                if (!AsciiCase.EqualsIgnoreCase(credentials.Qop, "auth"))
                {
                    return DigestVerifyResult.Unsupported;
                }

                if (credentials.Cnonce == null || credentials.NonceCount == 0)
                {
                    return DigestVerifyResult.Malformed;
                }
            }
            else if (!AllowNoQop || DigestAlgorithms.IsSession(algorithm))
            {
                return DigestVerifyResult.Unsupported;
            }

            if (credentials.Realm != _realm)
            {
                return DigestVerifyResult.WrongRealm;
            }

            long issued;
            uint counter;
            uint random;
            lock (_sync)
            {
                if (!TryOpenNonce(credentials.Nonce, out issued, out counter, out random))
                {
                    return DigestVerifyResult.InvalidNonce;
                }
            }

            if (requestUri != null && credentials.Uri != requestUri)
            {
                return DigestVerifyResult.UriMismatch;
            }

            DigestAlgorithm baseAlgorithm = DigestAlgorithms.BaseOf(algorithm);
            string ha1 = lookup(credentials.Username, _realm, baseAlgorithm);
            if (ha1 == null)
            {
                return DigestVerifyResult.UnknownUser;
            }

            lock (_sync)
            {
                if (!_calculator.LoadHa1(baseAlgorithm, ha1))
                {
                    throw new InvalidOperationException(
                        "the HA1 lookup returned a value that is not " + (2 * DigestAlgorithms.HashSize(baseAlgorithm)) + " hex digits");
                }

                int size = _calculator.ComputeResponse(
                    algorithm, credentials.Nonce, credentials.NonceCount, credentials.Cnonce, credentials.Qop, method, credentials.Uri, _expected);
                string response = credentials.Response;
                if (response.Length != 2 * size || !Hex.TryDecode(response, 0, response.Length, _received, 0)
                    || !FixedTimeEquals(_expected, _received, size))
                {
                    return DigestVerifyResult.BadResponse;
                }

                // The password is right from here on; what remains is whether this nonce may still be used.
                long age = nowMilliseconds - issued;
                if (age < 0 || age > _lifetime)
                {
                    return DigestVerifyResult.Stale;
                }

                int slot = (int)(counter % (uint)_capacity);
                if (!_slotUsed[slot] || _slotCounter[slot] != counter || _slotIssued[slot] != issued || _slotRandom[slot] != random)
                {
                    return DigestVerifyResult.Stale;
                }

                return AcceptNonceCount(slot, hasQop ? credentials.NonceCount : 1)
                    ? DigestVerifyResult.Ok
                    : DigestVerifyResult.Replay;
            }
        }

        private bool Offers(DigestAlgorithm algorithm)
        {
            DigestAlgorithm[] algorithms = _algorithms;
            for (int i = 0; i < algorithms.Length; i++)
            {
                if (algorithms[i] == algorithm)
                {
                    return true;
                }
            }

            return false;
        }

        // Sliding window: bit k of the window stands for nc = highest - k.
        private bool AcceptNonceCount(int slot, uint nc)
        {
            uint highest = _slotHighestNc[slot];
            uint window = _slotWindow[slot];
            if (nc > highest)
            {
                uint shift = nc - highest;
                window = shift >= ReplayWindow ? 0 : window << (int)shift;
                _slotWindow[slot] = window | 1;
                _slotHighestNc[slot] = nc;
                return true;
            }

            uint behind = highest - nc;
            if (behind >= ReplayWindow)
            {
                return false;
            }

            uint bit = 1u << (int)behind;
            if ((window & bit) != 0)
            {
                return false;
            }

            _slotWindow[slot] = window | bit;
            return true;
        }

        // Decodes and authenticates a nonce; caller holds the lock (shared scratch buffers and MAC).
        private bool TryOpenNonce(string nonce, out long issued, out uint counter, out uint random)
        {
            issued = 0;
            counter = 0;
            random = 0;
            if (nonce.Length != 2 * NonceBytes || !Hex.TryDecode(nonce, 0, nonce.Length, _nonce, 0))
            {
                return false;
            }

            ComputeNonceMac();
            if (!FixedTimeEquals(_macOut, 0, _nonce, NonceDataBytes, NonceMacBytes))
            {
                return false;
            }

            issued = ReadInt64(_nonce, 0);
            counter = ReadUInt32(_nonce, 8);
            random = ReadUInt32(_nonce, 12);
            return true;
        }

        // MAC over the 16 data bytes of _nonce and the realm, into _macOut.
        private void ComputeNonceMac()
        {
            _mac.Append(_nonce, 0, NonceDataBytes);
            _mac.Append(_realmBytes, 0, _realmBytes.Length);
            _mac.Finish(_macOut, 0);
        }

        private static bool FixedTimeEquals(byte[] a, byte[] b, int count) => FixedTimeEquals(a, 0, b, 0, count);

        // Compares without an early exit so timing does not reveal how many leading bytes matched.
        private static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int difference = 0;
            for (int i = 0; i < count; i++)
            {
                difference |= a[aOffset + i] ^ b[bOffset + i];
            }

            return difference == 0;
        }

        private static void WriteInt64(long value, byte[] buffer, int offset)
        {
            for (int i = 7; i >= 0; i--)
            {
                buffer[offset + i] = (byte)value;
                value >>= 8;
            }
        }

        private static long ReadInt64(byte[] buffer, int offset)
        {
            long value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | buffer[offset + i];
            }

            return value;
        }

        private static void WriteUInt32(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }

        private static uint ReadUInt32(byte[] buffer, int offset)
            => ((uint)buffer[offset] << 24) | ((uint)buffer[offset + 1] << 16) | ((uint)buffer[offset + 2] << 8) | buffer[offset + 3];
    }
}
