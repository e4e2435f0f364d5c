using System;
using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Auth
{
    /// <summary>
    /// Writes <c>Scheme name=value, name="value"</c> header values. Values that would break the header
    /// (CR, LF, NUL; non-token chars in a token) are refused with <see cref="ArgumentException"/>.
    /// </summary>
    internal sealed class AuthParamWriter
    {
        private readonly CharBuffer _buffer = new CharBuffer(160);
        private bool _first = true;

        public AuthParamWriter(string scheme)
        {
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

            if (value.Length == 0)
            {
                throw new ArgumentException("auth-param '" + name + "' has an empty token value", nameof(value));
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (!AuthParamReader.IsTokenChar(value[i]))
                {
                    throw new ArgumentException("auth-param '" + name + "' value is not a token: " + value, nameof(value));
                }
            }

            StartParam(name);
            _buffer.Append(value);
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

        public override string ToString() => _buffer.ToString();

        private void StartParam(string name)
        {
            for (int i = 0; i < name.Length; i++)
            {
                if (!AuthParamReader.IsTokenChar(name[i]))
                {
                    throw new ArgumentException("auth-param name is not a token: " + name, nameof(name));
                }
            }

            _buffer.Append(_first ? " " : ", ");
            _first = false;
            _buffer.Append(name);
            _buffer.Append('=');
        }
    }
}
