using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// The request-digest (the <c>response</c> parameter) of RFC 7616 §3.4.1 as lower-case hex, for callers that
    /// need the computation on its own (tests, tools, an Authentication-Info check). <see cref="DigestClient"/> and
    /// <see cref="DigestServer"/> use the same code with reused buffers.
    /// </summary>
    public static class DigestResponse
    {
        /// <summary>
        /// H(HA1:nonce:nc:cnonce:qop:HA2), or H(HA1:nonce:HA2) when <paramref name="qop"/> is null (RFC 2069);
        /// for -sess algorithms HA1 is first replaced by H(HA1:nonce:cnonce).
        /// </summary>
        /// <param name="algorithm">The Digest algorithm.</param>
        /// <param name="ha1">Hex of H(username:realm:password) for the base algorithm (see <see cref="DigestHa1"/>).</param>
        /// <param name="nonce">The server nonce.</param>
        /// <param name="nonceCount">The nc value (ignored without qop).</param>
        /// <param name="cnonce">The client nonce (ignored without qop, except for -sess which requires it).</param>
        /// <param name="qop">The qop (<c>auth</c>) or null.</param>
        /// <param name="method">The request method.</param>
        /// <param name="digestUri">The digest-uri.</param>
        /// <exception cref="ArgumentException">Unknown algorithm, HA1 not hex of the right length, or -sess without cnonce.</exception>
        public static string Compute(
            DigestAlgorithm algorithm, string ha1, string nonce, uint nonceCount, string cnonce, string qop, string method, string digestUri)
        {
            if (nonce == null || method == null || digestUri == null)
            {
                throw new ArgumentNullException(nonce == null ? nameof(nonce) : method == null ? nameof(method) : nameof(digestUri));
            }

            if (algorithm == DigestAlgorithm.Unknown)
            {
                throw new ArgumentException("unknown Digest algorithm", nameof(algorithm));
            }

            if ((qop != null || DigestAlgorithms.IsSession(algorithm)) && cnonce == null)
            {
                throw new ArgumentNullException(nameof(cnonce));
            }

            var calculator = new DigestCalculator();
            if (!calculator.LoadHa1(algorithm, ha1))
            {
                throw new ArgumentException("HA1 must be " + (2 * DigestAlgorithms.HashSize(algorithm)) + " hex digits", nameof(ha1));
            }

            var digest = new byte[Sha256.Size];
            int size = calculator.ComputeResponse(algorithm, nonce, nonceCount, cnonce, qop, method, digestUri, digest);
            return Hex.Encode(digest, 0, size);
        }
    }
}
