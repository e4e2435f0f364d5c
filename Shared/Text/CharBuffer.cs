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

        /// <summary>The char at <paramref name="index"/> (0 to <see cref="Length"/> - 1).</summary>
        public char this[int index]
        {
            get
            {
                if ((uint)index >= (uint)_length)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return _chars[index];
            }
        }

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
            if (s != null)
            {
                Append(s, 0, s.Length);
            }
        }

        /// <summary>Appends <paramref name="count"/> chars of <paramref name="s"/> from <paramref name="start"/>.</summary>
        public void Append(string s, int start, int count)
        {
            if (s == null || start < 0 || count < 0 || start > s.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            if (_chars.Length - _length < count)
            {
                Grow(count);
            }

            for (int i = 0; i < count; i++)
            {
                _chars[_length + i] = s[start + i];
            }

            _length += count;
        }

        /// <summary>Appends a non-negative number in decimal digits, without the string <c>ToString</c> would allocate.</summary>
        public void AppendDecimal(long value)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10)
            {
                digits++;
            }

            if (_chars.Length - _length < digits)
            {
                Grow(digits);
            }

            for (int i = _length + digits - 1; i >= _length; i--)
            {
                _chars[i] = (char)('0' + (int)(value % 10));
                value /= 10;
            }

            _length += digits;
        }

        /// <summary>Whether the content equals <paramref name="s"/> char for char.</summary>
        public bool ContentEquals(string s)
        {
            if (s == null || s.Length != _length)
            {
                return false;
            }

            for (int i = 0; i < _length; i++)
            {
                if (_chars[i] != s[i])
                {
                    return false;
                }
            }

            return true;
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
