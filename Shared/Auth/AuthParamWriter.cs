using System;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Writes <c>Scheme name=value, name="value"</c> header values into a caller's <see cref="CharBuffer"/>.
    /// Values that would break the header (CR, LF, NUL; non-token chars in a token) are refused with
    /// <see cref="ArgumentException"/>.
    /// </summary>
    /// <remarks>A struct kept in a local variable, so writing into a reused buffer allocates nothing.</remarks>
    internal struct AuthParamWriter
    {
        private readonly CharBuffer _buffer;
        private bool _started;

        /// <summary>Appends <paramref name="scheme"/> to <paramref name="buffer"/>; the parameters follow it.</summary>
        public AuthParamWriter(CharBuffer buffer, string scheme)
        {
            _buffer = buffer;
            _started = false;
            _buffer.Append(scheme);
        }

        /// <summary>Writes <c>name="value"</c> with '"' and '\' escaped; null values are skipped.</summary>
        public void WriteQuoted(string name, string value)
        {
            if (value == null)
            {
                return;
            }

            StartParam(name);
            _buffer.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '\r' || c == '\n' || c == '\0')
                {
                    throw new ArgumentException("auth-param '" + name + "' contains CR, LF or NUL", nameof(value));
                }

                if (c == '"' || c == '\\')
                {
                    _buffer.Append('\\');
                }

                _buffer.Append(c);
            }

            _buffer.Append('"');
        }

        /// <summary>Writes <c>name=value</c>; the value must be a token. Null values are skipped.</summary>
        public void WriteToken(string name, string value)
        {
            if (value == null)
            {
                return;
            }

            if (!SipChars.IsToken(value))
            {
                throw new ArgumentException(
                    value.Length == 0 ? "auth-param '" + name + "' has an empty token value" : "auth-param '" + name + "' value is not a token: " + value,
                    nameof(value));
            }

            StartParam(name);
            _buffer.Append(value);
        }

        /// <summary>Writes <c>name="hex"</c> with the lower-case hex of the first <paramref name="count"/> bytes.</summary>
        public void WriteQuotedHex(string name, byte[] bytes, int count)
        {
            StartParam(name);
            _buffer.Append('"');
            Hex.Append(_buffer, bytes, 0, count);
            _buffer.Append('"');
        }

        /// <summary>Writes <c>name=</c> and <paramref name="value"/> as eight lower-case hex digits (a nonce-count).</summary>
        public void WriteHex8(string name, uint value)
        {
            StartParam(name);
            Hex.AppendUInt32(_buffer, value);
        }

        /// <summary>Writes a kept parameter the way it was received.</summary>
        public void Write(AuthParam parameter)
        {
            if (parameter.Quoted)
            {
                WriteQuoted(parameter.Name, parameter.Value);
            }
            else
            {
                WriteToken(parameter.Name, parameter.Value);
            }
        }

        private void StartParam(string name)
        {
            if (!SipChars.IsToken(name))
            {
                throw new ArgumentException("auth-param name is not a token: " + name, nameof(name));
            }

            _buffer.Append(_started ? ", " : " ");
            _started = true;
            _buffer.Append(name);
            _buffer.Append('=');
        }
    }
}
