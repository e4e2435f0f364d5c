using System;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>
    /// What the pager keeps in RAM per message: sequence, file position, record size and an id hash,
    /// in four parallel arrays ordered by sequence. The arrays are sized once; only loading a journal
    /// written under larger limits grows them.
    /// </summary>
    internal sealed class MessageIndex
    {
        private long[] _sequences;
        private long[] _positions;
        private int[] _sizes;
        private int[] _hashes;
        private int _count;
        private long _totalSize;

        public MessageIndex(int capacity)
        {
            Allocate(capacity < 1 ? 1 : capacity);
        }

        public int Count => _count;

        public long TotalSize => _totalSize;

        public long SequenceAt(int index) => _sequences[index];

        public long PositionAt(int index) => _positions[index];

        public int SizeAt(int index) => _sizes[index];

        public int HashAt(int index) => _hashes[index];

        public void Clear()
        {
            _count = 0;
            _totalSize = 0;
        }

        /// <summary>Adds an entry with a sequence above all present, growing the arrays if they are full.</summary>
        public void Add(long sequence, long position, int size, int hash)
        {
            if (_count == _sequences.Length)
            {
                Grow();
            }

            Put(sequence, position, size, hash);
        }

        /// <summary>Adds an entry, dropping the oldest one when the arrays are full.</summary>
        public void AddEvictingOldest(long sequence, long position, int size, int hash)
        {
            if (_count == _sequences.Length)
            {
                RemoveAt(0);
            }

            Put(sequence, position, size, hash);
        }

        public void RemoveAt(int index)
        {
            _totalSize -= _sizes[index];
            int tail = _count - index - 1;
            if (tail > 0)
            {
                Array.Copy(_sequences, index + 1, _sequences, index, tail);
                Array.Copy(_positions, index + 1, _positions, index, tail);
                Array.Copy(_sizes, index + 1, _sizes, index, tail);
                Array.Copy(_hashes, index + 1, _hashes, index, tail);
            }

            _count--;
        }

        /// <summary>The index of the entry with this sequence, or -1.</summary>
        public int IndexOfSequence(long sequence)
        {
            int low = 0;
            int high = _count - 1;
            while (low <= high)
            {
                int middle = (low + high) / 2;
                long value = _sequences[middle];
                if (value == sequence)
                {
                    return middle;
                }

                if (value < sequence)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return -1;
        }

        private void Put(long sequence, long position, int size, int hash)
        {
            _sequences[_count] = sequence;
            _positions[_count] = position;
            _sizes[_count] = size;
            _hashes[_count] = hash;
            _count++;
            _totalSize += size;
        }

        private void Grow()
        {
            long[] sequences = _sequences;
            long[] positions = _positions;
            int[] sizes = _sizes;
            int[] hashes = _hashes;
            Allocate(sequences.Length * 2);
            Array.Copy(sequences, _sequences, _count);
            Array.Copy(positions, _positions, _count);
            Array.Copy(sizes, _sizes, _count);
            Array.Copy(hashes, _hashes, _count);
        }

        private void Allocate(int capacity)
        {
            _sequences = new long[capacity];
            _positions = new long[capacity];
            _sizes = new int[capacity];
            _hashes = new int[capacity];
        }
    }
}
