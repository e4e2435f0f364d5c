using System;

namespace SimpleImGateway.Sip.Text
{
    /// <summary>
    /// A growable char array for building one string (nanoFramework has no <c>StringBuilder</c>).
    /// Appending allocates only when the capacity doubles; <see cref="ToString"/> allocates the result.
    /// </summary>
    public sealed class CharBuffer
    {
        private char[] _chars;
        private int _length;

        /// <summary>Creates a buffer with room for <paramref name="capacity"/> chars before it grows.</summary>
        public CharBuffer(int capacity)
        {
            if (capacity < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            _chars = new char[capacity > 0 ? capacity : 16];
        }

        /// <summary>Number of chars appended so far.</summary>
        public int Length => _length;

        /// <summary>Appends one char.</summary>
        public void Append(char c)
        {
            if (_length == _chars.Length)
            {
                Grow(1);
            }

            _chars[_length++] = c;
        }

        /// <summary>Appends a string; null appends nothing.</summary>
        public void Append(string s)
        {
            if (s == null)
            {
                return;
            }

            int n = s.Length;
            if (_chars.Length - _length < n)
            {
                Grow(n);
            }

            for (int i = 0; i < n; i++)
            {
                _chars[_length + i] = s[i];
            }

            _length += n;
        }

        /// <summary>Forgets the content and keeps the capacity.</summary>
        public void Clear() => _length = 0;

        /// <summary>The content as a new string.</summary>
        public override string ToString() => new string(_chars, 0, _length);

        private void Grow(int extra)
        {
            int capacity = _chars.Length * 2;
            if (capacity < _length + extra)
            {
                capacity = _length + extra;
            }

            var bigger = new char[capacity];
            Array.Copy(_chars, bigger, _length);
            _chars = bigger;
        }
    }
}
