using SimpleImGateway.Sip.Text;

namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// A hash table from matching key to transaction (separate chaining, FNV-1a over the key's characters),
    /// written without generics for nanoFramework. It makes matching a message O(1) where a scan of the table
    /// grew with every transaction in flight: a fan-out of thousands of NOTIFYs otherwise pays n² comparisons.
    /// Client and server keys live in separate instances, since their formats could coincide.
    /// </summary>
    internal sealed class SipTransactionIndex
    {
        private const uint Seed = 2166136261;

        private readonly bool _ignoreCase;

        private Entry[] _buckets = new Entry[16];
        private int _count;

        /// <summary>
        /// Creates an empty index. With <paramref name="ignoreCase"/> keys that differ only in the case of ASCII
        /// letters are the same key (branches, which are tokens), so callers need not lower-case them.
        /// </summary>
        public SipTransactionIndex(bool ignoreCase)
        {
            _ignoreCase = ignoreCase;
        }

        /// <summary>Number of keys held.</summary>
        public int Count => _count;

        /// <summary>The transaction whose key is the content of <paramref name="key"/>, or null; allocates nothing.</summary>
        public SipTransaction Find(CharBuffer key)
        {
            uint hash = Seed;
            for (int i = 0; i < key.Length; i++)
            {
                hash = Step(hash, key[i]);
            }

            for (Entry e = _buckets[Finish(hash) & (uint)(_buckets.Length - 1)]; e != null; e = e.Next)
            {
                if (SameKey(key, e.Key))
                {
                    return e.Value;
                }
            }

            return null;
        }

        /// <summary>Adds a key that is not present (the layer checks first).</summary>
        public void Add(string key, SipTransaction value)
        {
            if (_count >= _buckets.Length - (_buckets.Length >> 2))
            {
                Grow();
            }

            uint slot = Hash(key) & (uint)(_buckets.Length - 1);
            _buckets[slot] = new Entry(key, value, _buckets[slot]);
            _count++;
        }

        /// <summary>Removes the entry of this key when it holds <paramref name="value"/>; false otherwise.</summary>
        public bool Remove(string key, SipTransaction value)
        {
            uint slot = Hash(key) & (uint)(_buckets.Length - 1);
            Entry previous = null;
            for (Entry e = _buckets[slot]; e != null; e = e.Next)
            {
                if (e.Value == value && e.Key == key)
                {
                    if (previous == null)
                    {
                        _buckets[slot] = e.Next;
                    }
                    else
                    {
                        previous.Next = e.Next;
                    }

                    _count--;
                    return true;
                }

                previous = e;
            }

            return false;
        }

        private bool SameKey(CharBuffer key, string stored)
        {
            if (!_ignoreCase)
            {
                return key.ContentEquals(stored);
            }

            if (key.Length != stored.Length)
            {
                return false;
            }

            for (int i = 0; i < stored.Length; i++)
            {
                if (AsciiCase.ToLower(key[i]) != AsciiCase.ToLower(stored[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private uint Hash(string key)
        {
            uint hash = Seed;
            for (int i = 0; i < key.Length; i++)
            {
                hash = Step(hash, key[i]);
            }

            return Finish(hash);
        }

        private uint Step(uint hash, char c) => (hash ^ (_ignoreCase ? AsciiCase.ToLower(c) : c)) * 16777619;

        private static uint Finish(uint hash) => hash ^ (hash >> 15);

        private void Grow()
        {
            Entry[] old = _buckets;
            _buckets = new Entry[old.Length * 2];
            uint mask = (uint)(_buckets.Length - 1);
            for (int i = 0; i < old.Length; i++)
            {
                Entry e = old[i];
                while (e != null)
                {
                    Entry next = e.Next;
                    uint slot = Hash(e.Key) & mask;
                    e.Next = _buckets[slot];
                    _buckets[slot] = e;
                    e = next;
                }
            }
        }

        private sealed class Entry
        {
            public Entry(string key, SipTransaction value, Entry next)
            {
                Key = key;
                Value = value;
                Next = next;
            }

            public string Key { get; }

            public SipTransaction Value { get; }

            public Entry Next { get; set; }
        }
    }
}
