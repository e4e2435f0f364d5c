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
        private Entry[] _buckets = new Entry[16];
        private int _count;

        /// <summary>Number of keys held.</summary>
        public int Count => _count;

        /// <summary>The transaction with this key, or null.</summary>
        public SipTransaction Find(string key)
        {
            for (Entry e = _buckets[Hash(key) & (uint)(_buckets.Length - 1)]; e != null; e = e.Next)
            {
                if (e.Key == key)
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

        private static uint Hash(string key)
        {
            uint hash = 2166136261;
            for (int i = 0; i < key.Length; i++)
            {
                hash = (hash ^ key[i]) * 16777619;
            }

            return hash ^ (hash >> 15);
        }

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
