using System;
using System.Collections;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Digest credentials: the value of an Authorization or Proxy-Authorization header
    /// (RFC 2617 §3.2.2, RFC 7616 §3.4, RFC 3261 §22.4), e.g.
    /// <c>Digest username="bob", realm="atlanta.com", nonce="84a4cc6f", uri="sip:atlanta.com",
    /// response="...", algorithm=MD5, cnonce="0a4f113b", qop=auth, nc=00000001</c>.
    /// </summary>
    public sealed class DigestCredentials
    {
        /// <summary>The auth-scheme this class handles.</summary>
        public const string Scheme = "Digest";

        private ArrayList _otherParameters; // made on first use: an answer to a challenge rarely has any

        /// <summary>The user name (required).</summary>
        public string Username { get; set; }

        /// <summary>The realm of the challenge answered (required).</summary>
        public string Realm { get; set; }

        /// <summary>The nonce of the challenge answered (required).</summary>
        public string Nonce { get; set; }

        /// <summary>The digest-uri: the Request-URI the response was computed over (required).</summary>
        public string Uri { get; set; }

        /// <summary>The request-digest as hex digits (required).</summary>
        public string Response { get; set; }

        /// <summary>The algorithm token echoed from the challenge; null when absent (meaning MD5).</summary>
        public string Algorithm { get; set; }

        /// <summary>The client nonce; required when <see cref="Qop"/> is present.</summary>
        public string Cnonce { get; set; }

        /// <summary>The opaque value echoed from the challenge; null when absent.</summary>
        public string Opaque { get; set; }

        /// <summary>The chosen qop (<c>auth</c>); null for an RFC 2069 style answer.</summary>
        public string Qop { get; set; }

        /// <summary>The nonce-count (nc), written as 8 lower-case hex digits; 0 when absent.</summary>
        public uint NonceCount { get; set; }

        /// <summary>Parameters this class does not model (userhash, extensions), as <see cref="AuthParam"/> items in received order.</summary>
        public ArrayList OtherParameters => _otherParameters ?? (_otherParameters = new ArrayList());

        /// <summary>The algorithm <see cref="Algorithm"/> names.</summary>
        public DigestAlgorithm AlgorithmKind => DigestAlgorithms.Parse(Algorithm);

        /// <summary>True when the header value uses the Digest scheme.</summary>
        public static bool IsDigest(string headerValue) => AuthParamReader.IsDigestScheme(headerValue);

        /// <summary>Parses an Authorization / Proxy-Authorization value.</summary>
        /// <exception cref="SipParseException">
        /// Not Digest, a syntax error, a repeated parameter, a missing username/realm/nonce/uri/response,
        /// an nc that is not 8 hex digits, or a qop without cnonce and nc.
        /// </exception>
        public static DigestCredentials Parse(string headerValue)
        {
            string scheme = AuthParamReader.ReadScheme(headerValue, out int start);
            if (!AsciiCase.EqualsIgnoreCase(scheme, Scheme))
            {
                throw new SipParseException("authorization scheme '" + scheme + "' is not Digest");
            }

            var credentials = new DigestCredentials();
            var reader = new AuthParamReader(headerValue, start);

            // One bit per known parameter, to refuse repeats (RFC 7616 §3.4: each at most once).
            int seen = 0;
            bool haveNc = false;
            while (reader.MoveNext())
            {
                string name = reader.Name;
                string value = reader.Value;
                int bit;
                if (AsciiCase.EqualsIgnoreCase(name, "username"))
                {
                    bit = 1;
                    credentials.Username = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "realm"))
                {
                    bit = 2;
                    credentials.Realm = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "nonce"))
                {
                    bit = 4;
                    credentials.Nonce = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "uri"))
                {
                    bit = 8;
                    credentials.Uri = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "response"))
                {
                    bit = 16;
                    credentials.Response = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "algorithm"))
                {
                    bit = 32;
                    credentials.Algorithm = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "cnonce"))
                {
                    bit = 64;
                    credentials.Cnonce = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "opaque"))
                {
                    bit = 128;
                    credentials.Opaque = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "qop"))
                {
                    bit = 256;
                    credentials.Qop = value;
                }
                else if (AsciiCase.EqualsIgnoreCase(name, "nc"))
                {
                    bit = 512;
                    if (value.Length != 8 || !Hex.TryParseUInt32(value, 0, 8, out uint nc))
                    {
                        throw new SipParseException("Digest nc must be 8 hex digits, got '" + value + "'");
                    }

                    credentials.NonceCount = nc;
                    haveNc = true;
                }
                else
                {
                    credentials.OtherParameters.Add(new AuthParam(name, value, reader.Quoted));
                    continue;
                }

                if ((seen & bit) != 0)
                {
                    throw new SipParseException("auth-param '" + name + "' appears twice");
                }

                seen |= bit;
            }

            Require(credentials.Username, "username");
            Require(credentials.Realm, "realm");
            Require(credentials.Nonce, "nonce");
            Require(credentials.Uri, "uri");
            Require(credentials.Response, "response");
            if (credentials.Qop != null)
            {
                Require(credentials.Cnonce, "cnonce");
                if (!haveNc)
                {
                    throw new SipParseException("Digest credentials with qop but without nc");
                }
            }

            return credentials;
        }

        /// <summary>
        /// The header value: username, realm, nonce, uri, response, algorithm, cnonce, opaque, qop, nc
        /// (written when <see cref="Qop"/> is set), then the other parameters.
        /// </summary>
        /// <exception cref="ArgumentException">A value contains CR, LF or NUL, or a token value is not a token.</exception>
        public string Format()
        {
            var buffer = new CharBuffer(256);
            AppendTo(buffer);
            return buffer.ToString();
        }

        /// <summary>
        /// Appends the header value <see cref="Format"/> returns to <paramref name="buffer"/>, so a caller that keeps
        /// one buffer pays only for the string it finally makes. On an exception the buffer holds a partial value.
        /// </summary>
        /// <exception cref="ArgumentException">A value contains CR, LF or NUL, or a token value is not a token.</exception>
        public void AppendTo(CharBuffer buffer)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            AppendTo(buffer, null, null, 0);
        }

        /// <summary>
        /// As <see cref="AppendTo(CharBuffer)"/>, but a non-null <paramref name="cnonce"/> is written as its hex instead of
        /// <see cref="Cnonce"/>, and a non-null <paramref name="response"/> as the hex of its first
        /// <paramref name="responseSize"/> bytes instead of <see cref="Response"/>: a client's random and digest
        /// bytes go into the header without becoming strings first.
        /// </summary>
        internal void AppendTo(CharBuffer buffer, byte[] cnonce, byte[] response, int responseSize)
        {
            var writer = new AuthParamWriter(buffer, Scheme);
            writer.WriteQuoted("username", Username);
            writer.WriteQuoted("realm", Realm);
            writer.WriteQuoted("nonce", Nonce);
            writer.WriteQuoted("uri", Uri);
            if (response == null)
            {
                writer.WriteQuoted("response", Response);
            }
            else
            {
                writer.WriteQuotedHex("response", response, responseSize);
            }

            writer.WriteToken("algorithm", Algorithm);
            if (cnonce == null)
            {
                writer.WriteQuoted("cnonce", Cnonce);
            }
            else
            {
                writer.WriteQuotedHex("cnonce", cnonce, cnonce.Length);
            }

            writer.WriteQuoted("opaque", Opaque);
            writer.WriteToken("qop", Qop);
            if (Qop != null)
            {
                writer.WriteHex8("nc", NonceCount);
            }

            for (int i = 0; _otherParameters != null && i < _otherParameters.Count; i++)
            {
                writer.Write((AuthParam)_otherParameters[i]);
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Format();

        private static void Require(string value, string name)
        {
            if (value == null)
            {
                throw new SipParseException("Digest credentials without " + name);
            }
        }
    }
}
