using System;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// The user-agent side of Digest authentication: answers a 401/407 challenge with credentials.
    /// Uses qop=auth with a fresh random cnonce whenever the challenge offers it, and the RFC 2069 form
    /// (no qop) only when the challenge has no qop at all. Keeps a nonce-count per realm that increases with
    /// every answer to the same nonce and restarts at 1 for a new nonce. Thread-safe.
    /// </summary>
    public sealed class DigestClient
    {
        /// <summary>How many realms' nonce-counts are remembered; the least recently used is forgotten first.</summary>
        public const int MaxRealms = 8;

        private const int CnonceBytes = 12;

        private readonly object _sync = new object();
        private readonly IRandomSource _random;
        private readonly DigestCalculator _calculator = new DigestCalculator();
        private readonly byte[] _cnonce = new byte[CnonceBytes];
        private readonly byte[] _response = new byte[Sha256.Size];
        private readonly DigestCredentials _scratch = new DigestCredentials(); // AnswerTo's, never handed out
        private readonly string[] _realms = new string[MaxRealms];
        private readonly string[] _nonces = new string[MaxRealms];
        private readonly uint[] _counts = new uint[MaxRealms];
        private readonly int[] _lastUse = new int[MaxRealms];
        private int _useClock;

        /// <summary>Creates a client drawing cnonces from <paramref name="random"/>.</summary>
        public DigestClient(IRandomSource random)
        {
            _random = random ?? throw new ArgumentNullException(nameof(random));
        }

        /// <summary>Whether this client can answer <paramref name="challenge"/>: a known algorithm, and qop absent or offering <c>auth</c>.</summary>
        public static bool CanAnswer(DigestChallenge challenge)
            => challenge != null
                && challenge.AlgorithmKind != DigestAlgorithm.Unknown
                && (challenge.Qop == null ? !DigestAlgorithms.IsSession(challenge.AlgorithmKind) : challenge.OffersQop("auth"));

        /// <summary>
        /// The answerable challenge with the strongest algorithm (SHA-256 over MD5, plain over -sess; the first on a tie),
        /// or null when none can be answered. Intended for the challenges of one realm in one response.
        /// </summary>
        public static DigestChallenge SelectStrongest(DigestChallenge[] challenges)
        {
            if (challenges == null)
            {
                return null;
            }

            DigestChallenge best = null;
            int bestRank = 0;
            for (int i = 0; i < challenges.Length; i++)
            {
                DigestChallenge c = challenges[i];
                if (!CanAnswer(c))
                {
                    continue;
                }

                int rank = DigestAlgorithms.Preference(c.AlgorithmKind);
                if (rank > bestRank)
                {
                    best = c;
                    bestRank = rank;
                }
            }

            return best;
        }

        /// <summary>Answers <paramref name="challenge"/> with the user's password.</summary>
        /// <param name="challenge">The challenge from a WWW-Authenticate or Proxy-Authenticate header.</param>
        /// <param name="username">The user name to authenticate as.</param>
        /// <param name="password">The password (hashed as UTF-8).</param>
        /// <param name="method">The method of the request being authorized (for ACK and CANCEL, that of the INVITE).</param>
        /// <param name="digestUri">The Request-URI of that request.</param>
        /// <exception cref="ArgumentException">The challenge cannot be answered (<see cref="CanAnswer"/> is false).</exception>
        public DigestCredentials Answer(DigestChallenge challenge, string username, string password, string method, string digestUri)
        {
            CheckArguments(challenge, username, password, method, digestUri);
            lock (_sync)
            {
                _calculator.ComputeHa1(challenge.AlgorithmKind, username, challenge.Realm, password);
                return AnswerLocked(challenge, username, method, digestUri);
            }
        }

        /// <summary>
        /// Appends the header value answering <paramref name="challenge"/> to <paramref name="header"/>: the text
        /// <c>Answer(...).Format()</c> gives (the cnonce aside), without the credentials object and hex strings, so
        /// a caller that keeps one buffer pays for little more than the header string it makes of it.
        /// </summary>
        /// <exception cref="ArgumentException">The challenge cannot be answered (<see cref="CanAnswer"/> is false).</exception>
        public void AnswerTo(CharBuffer header, DigestChallenge challenge, string username, string password, string method, string digestUri)
        {
            CheckArguments(challenge, username, password, method, digestUri);
            if (header == null)
            {
                throw new ArgumentNullException(nameof(header));
            }

            lock (_sync)
            {
                _calculator.ComputeHa1(challenge.AlgorithmKind, username, challenge.Realm, password);
                int size = Fill(_scratch, challenge, username, method, digestUri, false);
                _scratch.AppendTo(header, _scratch.Qop == null ? null : _cnonce, _response, size);
            }
        }

        /// <summary>
        /// Answers <paramref name="challenge"/> with a precomputed HA1 (hex of H(username:realm:password) for the
        /// challenge's base algorithm, see <see cref="DigestHa1"/>), so the password need not be stored.
        /// </summary>
        /// <exception cref="ArgumentException">The challenge cannot be answered, or <paramref name="ha1"/> is not one digest of hex digits for its algorithm.</exception>
        public DigestCredentials AnswerWithHa1(DigestChallenge challenge, string username, string ha1, string method, string digestUri)
        {
            CheckArguments(challenge, username, ha1, method, digestUri);
            lock (_sync)
            {
                if (!_calculator.LoadHa1(challenge.AlgorithmKind, ha1))
                {
                    throw new ArgumentException(
                        "HA1 must be " + (2 * DigestAlgorithms.HashSize(challenge.AlgorithmKind)) + " hex digits for " + challenge.Algorithm, nameof(ha1));
                }

                return AnswerLocked(challenge, username, method, digestUri);
            }
        }

        private DigestCredentials AnswerLocked(DigestChallenge challenge, string username, string method, string digestUri)
        {
            var credentials = new DigestCredentials();
            int size = Fill(credentials, challenge, username, method, digestUri, true);
            credentials.Response = Hex.Encode(_response, 0, size);
            return credentials;
        }

        // Sets every answered field but Response, whose binary digest goes to _response; returns its size.
        // The cnonce is drawn into _cnonce and made a string only with cnonceText.
        private int Fill(DigestCredentials credentials, DigestChallenge challenge, string username, string method, string digestUri, bool cnonceText)
        {
            credentials.Username = username;
            credentials.Realm = challenge.Realm;
            credentials.Nonce = challenge.Nonce;
            credentials.Uri = digestUri;
            credentials.Algorithm = challenge.Algorithm;
            credentials.Opaque = challenge.Opaque;
            credentials.Cnonce = null;
            credentials.Qop = null;
            credentials.NonceCount = 0;
            if (challenge.Qop != null)
            {
                _random.NextBytes(_cnonce);
                credentials.Qop = "auth";
                credentials.NonceCount = NextNonceCount(challenge.Realm, challenge.Nonce);
                if (cnonceText)
                {
                    credentials.Cnonce = Hex.Encode(_cnonce, 0, _cnonce.Length);
                }
                else
                {
                    return _calculator.ComputeResponseWithCnonceBytes(
                        challenge.AlgorithmKind, credentials.Nonce, credentials.NonceCount, _cnonce, credentials.Qop, method, digestUri, _response);
                }
            }

            return _calculator.ComputeResponse(
                challenge.AlgorithmKind, credentials.Nonce, credentials.NonceCount, credentials.Cnonce, credentials.Qop, method, digestUri, _response);
        }

        // The nc for one more request with this realm's nonce: 1 for a nonce not seen before.
        private uint NextNonceCount(string realm, string nonce)
        {
            _useClock++;
            int slot = -1;
            int free = -1;
            int leastRecent = -1;
            for (int i = 0; i < MaxRealms; i++)
            {
                if (_realms[i] == null)
                {
                    if (free < 0)
                    {
                        free = i;
                    }
                }
                else if (_realms[i] == realm)
                {
                    slot = i;
                    break;
                }
                else if (leastRecent < 0 || _lastUse[i] - _lastUse[leastRecent] < 0)
                {
                    leastRecent = i;
                }
            }

            if (slot < 0)
            {
                slot = free >= 0 ? free : leastRecent;
                _realms[slot] = realm;
                _nonces[slot] = null;
            }

            _lastUse[slot] = _useClock;
            if (_nonces[slot] != nonce)
            {
                _nonces[slot] = nonce;
                _counts[slot] = 0;
            }

            _counts[slot]++;
            return _counts[slot];
        }

        private static void CheckArguments(DigestChallenge challenge, string username, string secret, string method, string digestUri)
        {
            if (challenge == null || username == null || secret == null || method == null || digestUri == null)
            {
                throw new ArgumentNullException(
                    challenge == null ? nameof(challenge) : username == null ? nameof(username) : secret == null ? "password" : method == null ? nameof(method) : nameof(digestUri));
            }

            if (!CanAnswer(challenge))
            {
                throw new ArgumentException(
                    "cannot answer a Digest challenge with algorithm '" + challenge.Algorithm + "' and qop '" + challenge.Qop + "'", nameof(challenge));
            }

            if (challenge.Realm == null || challenge.Nonce == null)
            {
                throw new ArgumentException("Digest challenge without realm or nonce", nameof(challenge));
            }
        }
    }
}
