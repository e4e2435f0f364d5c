using System;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Writes Authorization and Proxy-Authorization values (RFC 7616 §3.4) through one char buffer kept
    /// for the UA's lifetime, so the header string is the only allocation; the same parameters, order
    /// and escaping as <see cref="DigestCredentials.Format"/>, which builds a new writer per call.
    /// </summary>
    internal sealed class CredentialsFormatter
    {
        private const string HexDigits = "0123456789abcdef";

        private readonly CharBuffer _buffer = new CharBuffer(384);

        public string Format(DigestCredentials credentials)
        {
            _buffer.Clear();
            _buffer.Append(DigestCredentials.Scheme);
            Quoted(" username", credentials.Username);
            Quoted(", realm", credentials.Realm);
            Quoted(", nonce", credentials.Nonce);
            Quoted(", uri", credentials.Uri);
            Quoted(", response", credentials.Response);
            Token(", algorithm", credentials.Algorithm);
            Quoted(", cnonce", credentials.Cnonce);
            Quoted(", opaque", credentials.Opaque);
            if (credentials.Qop != null)
            {
                Token(", qop", credentials.Qop);
                _buffer.Append(", nc=");
                uint nc = credentials.NonceCount;
                for (int shift = 28; shift >= 0; shift -= 4)
                {
                    _buffer.Append(HexDigits[(int)((nc >> shift) & 0xF)]);
                }
            }

            return _buffer.ToString();
        }

        private void Quoted(string separatorAndName, string value)
        {
            if (value == null)
            {
                return;
            }

            _buffer.Append(separatorAndName);
            _buffer.Append("=\"");
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n' || c == '\0')
                {
                    throw new ArgumentException("a digest parameter contains CR, LF or NUL");
                }

                if (c == '"' || c == '\\')
                {
                    _buffer.Append('\\');
                }

                _buffer.Append(c);
            }

            _buffer.Append('"');
        }

        private void Token(string separatorAndName, string value)
        {
            if (value == null)
            {
                return;
            }

            if (!SipChars.IsToken(value))
            {
                throw new ArgumentException("a digest parameter is not a token: " + value);
            }

            _buffer.Append(separatorAndName);
            _buffer.Append('=');
            _buffer.Append(value);
        }
    }
}
