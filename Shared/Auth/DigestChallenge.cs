using System.Collections;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// A Digest challenge: the value of a WWW-Authenticate or Proxy-Authenticate header
    /// (RFC 2617 §3.2.1, RFC 7616 §3.3, RFC 3261 §22.4), e.g.
    /// <c>Digest realm="atlanta.com", nonce="84a4cc6f", algorithm=SHA-256, qop="auth"</c>.
    /// </summary>
    public sealed class DigestChallenge
    {
        /// <summary>The auth-scheme this class handles.</summary>
        public const string Scheme = "Digest";

        /// <summary>The protection space (required).</summary>
        public string Realm { get; set; }

        /// <summary>Space-separated URIs of the protection space; null when absent.</summary>
        public string Domain { get; set; }

        /// <summary>The server nonce (required).</summary>
        public string Nonce { get; set; }

        /// <summary>Opaque data the client must echo; null when absent.</summary>
        public string Opaque { get; set; }

        /// <summary>True when the previous request was refused only because its nonce had expired.</summary>
        public bool Stale { get; set; }

        /// <summary>The algorithm token as received or to be sent (<c>MD5</c>, <c>SHA-256</c>, ...); null when absent (meaning MD5).</summary>
        public string Algorithm { get; set; }

        /// <summary>The qop-options as one comma-separated string (<c>auth,auth-int</c>); null when absent (RFC 2069 style).</summary>
        public string Qop { get; set; }

        /// <summary>Parameters this class does not model (charset, userhash, extensions), as <see cref="AuthParam"/> items in received order.</summary>
        public ArrayList OtherParameters { get; } = new ArrayList();

        /// <summary>The algorithm <see cref="Algorithm"/> names.</summary>
        public DigestAlgorithm AlgorithmKind => DigestAlgorithms.Parse(Algorithm);

        /// <summary>True when the header value uses the Digest scheme; use it to skip other schemes before <see cref="Parse"/>.</summary>
        public static bool IsDigest(string headerValue) => AuthParamReader.IsDigestScheme(headerValue);

        /// <summary>Parses a WWW-Authenticate / Proxy-Authenticate value.</summary>
        /// <exception cref="SipParseException">Not a Digest challenge, a syntax error, a repeated parameter, or no realm or nonce.</exception>
        public static DigestChallenge Parse(string headerValue)
        {
            string scheme = AuthParamReader.ReadScheme(headerValue, out int start);
            if (!AsciiCase.EqualsIgnoreCase(scheme, Scheme))
            {
                throw new SipParseException("authentication scheme '" + scheme + "' is not Digest");
            }

            var challenge = new DigestChallenge();
            var reader = new AuthParamReader(headerValue, start);
            bool haveRealm = false, haveDomain = false, haveNonce = false, haveOpaque = false;
            bool haveStale = false, haveAlgorithm = false, haveQop = false;
            while (reader.MoveNext())
            {
                string name = reader.Name;
                string value = reader.Value;
                if (AsciiCase.EqualsIgnoreCase(name, "realm"))
                {
                    Once(ref haveRealm, name);
                    challenge.Realm = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "nonce"))
                {
                    Once(ref haveNonce, name);
                    challenge.Nonce = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "domain"))
                {
                    Once(ref haveDomain, name);
                    challenge.Domain = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "opaque"))
                {
                    Once(ref haveOpaque, name);
                    challenge.Opaque = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "stale"))
                {
                    // RFC 2617 §3.2.1: anything but "true" (any case) means false.
                    Once(ref haveStale, name);
                    challenge.Stale = AsciiCase.EqualsIgnoreCase(value, "true");
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "algorithm"))
                {
                    Once(ref haveAlgorithm, name);
                    challenge.Algorithm = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "qop"))
                {
                    Once(ref haveQop, name);
                    challenge.Qop = value;
                }
                else
                {
                    challenge.OtherParameters.Add(new AuthParam(name, value, reader.Quoted));
                }
            }

            if (!haveRealm)
            {
                throw new SipParseException("Digest challenge without realm");
            }

            if (!haveNonce)
            {
                throw new SipParseException("Digest challenge without nonce");
            }

            return challenge;
        }

        /// <summary>Whether the qop-options list contains <paramref name="qop"/> (case-insensitive; spaces around items ignored).</summary>
        public bool OffersQop(string qop) => QopList.Contains(Qop, qop);

        /// <summary>The other parameter named <paramref name="name"/> (case-insensitive), or null.</summary>
        public AuthParam GetOtherParameter(string name)
        {
            for (int i = 0; i < OtherParameters.Count; i++)
            {
                var p = (AuthParam)OtherParameters[i];
                if (AsciiCase.EqualsIgnoreCase(p.Name, name))
                {
                    return p;
                }
            }

            return null;
        }

        /// <summary>The header value: realm, domain, nonce, opaque, stale (only when true), algorithm, qop, then the other parameters.</summary>
        /// <exception cref="System.ArgumentException">A value contains CR, LF or NUL, or a token value is not a token.</exception>
        public string Format()
        {
            var buffer = new CharBuffer(160);
            var writer = new AuthParamWriter(buffer, Scheme);
            writer.WriteQuoted("realm", Realm);
            writer.WriteQuoted("domain", Domain);
            writer.WriteQuoted("nonce", Nonce);
            writer.WriteQuoted("opaque", Opaque);
            if (Stale)
            {
                writer.WriteToken("stale", "true");
            }

            writer.WriteToken("algorithm", Algorithm);
            writer.WriteQuoted("qop", Qop);
            for (int i = 0; i < OtherParameters.Count; i++)
            {
                writer.Write((AuthParam)OtherParameters[i]);
            }

            return buffer.ToString();
        }

        /// <inheritdoc/>
        public override string ToString() => Format();

        private static void Once(ref bool seen, string name)
        {
            if (seen)
            {
                throw new SipParseException("auth-param '" + name + "' appears twice");
            }

            seen = true;
        }
    }
}
