namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// The transactions of one kind (client or server) keyed by their matching key: an open-addressing hash
    /// table with linear probing, so a lookup costs the same with ten transactions as with a hundred thousand.
    /// Written without generics or Hashtable for nanoFramework; the table doubles when half full and never
    /// shrinks (its size follows the busiest moment, bounded by <see cref="SipTransactionSettings.MaxTransactions"/>).
    /// </summary>
    internal sealed class SipTransactionIndex
    {
        private const int InitialCapacity = 16;

        private string[] _keys = new string[InitialCapacity];
        private SipTransaction[] _values = new SipTransaction[InitialCapacity];
        private int _count;

        /// <summary>How many transactions the index holds.</summary>
        public int Count => _count;

        /// <summary>The transaction stored under <paramref name="key"/>, or null.</summary>
        public SipTransaction Find(string key)
        {
            int mask = _keys.Length - 1;
            for (int i = Hash(key) & mask; ; i = (i + 1) & mask)
            {
                string k = _keys[i];
                if (k == null)
                {
                    return null;
                }

                if (k == key)
                {
                    return _values[i];
                }
            }
        }

        /// <summary>Stores a transaction under its key; the caller has checked that the key is free.</summary>
        public void Add(SipTransaction transaction)
        {
            if ((_count + 1) * 2 > _keys.Length)
            {
                Grow();
            }

            Insert(_keys, _values, transaction.Key, transaction);
            _count++;
        }

        /// <summary>Removes the entry of <paramref name="transaction"/>; false when it is not (or no longer) stored.</summary>
        public bool Remove(SipTransaction transaction)
        {
            int mask = _keys.Length - 1;
            int i = Hash(transaction.Key) & mask;
            while (true)
            {
                string k = _keys[i];
                if (k == null)
                {
                    return false;
                }

                if (k == transaction.Key && _values[i] == transaction)
                {
                    break;
                }

                i = (i + 1) & mask;
            }

            // Backward-shift deletion: move later entries of the probe run into the hole, so lookups never
            // stop early at a gap and no tombstones accumulate.
            int hole = i;
            int j = i;
            while (true)
            {
                j = (j + 1) & mask;
                string k = _keys[j];
                if (k == null)
                {
                    break;
                }

                int home = Hash(k) & mask;
                bool between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
                if (!between)
                {
                    _keys[hole] = k;
                    _values[hole] = _values[j];
                    hole = j;
                }
            }

            _keys[hole] = null;
            _values[hole] = null;
            _count--;
            return true;
        }

        /// <summary>Copies the stored transactions into <paramref name="into"/> (at least <see cref="Count"/> long); returns how many.</summary>
        public int CopyTo(SipTransaction[] into)
        {
            int n = 0;
            for (int i = 0; i < _values.Length; i++)
            {
                if (_values[i] != null)
                {
                    into[n++] = _values[i];
                }
            }

            return n;
        }

        // FNV-1a over the UTF-16 code units: deterministic on every runtime, which string.GetHashCode is not.
        private static int Hash(string key)
        {
            uint hash = 2166136261;
            for (int i = 0; i < key.Length; i++)
            {
                hash = (hash ^ key[i]) * 16777619;
            }

            return (int)(hash & 0x7FFFFFFF);
        }

        private static void Insert(string[] keys, SipTransaction[] values, string key, SipTransaction value)
        {
            int mask = keys.Length - 1;
            int i = Hash(key) & mask;
            while (keys[i] != null)
            {
                i = (i + 1) & mask;
            }

            keys[i] = key;
            values[i] = value;
        }

        private void Grow()
        {
            var keys = new string[_keys.Length * 2];
            var values = new SipTransaction[_keys.Length * 2];
            for (int i = 0; i < _keys.Length; i++)
            {
                if (_keys[i] != null)
                {
                    Insert(keys, values, _keys[i], _values[i]);
                }
            }

            _keys = keys;
            _values = values;
        }
    }
}
