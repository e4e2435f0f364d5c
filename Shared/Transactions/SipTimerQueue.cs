namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// The deadlines of the layer's transactions in a binary min-heap, so finding the next timer and the due
    /// ones costs O(log n) instead of a walk over every transaction. Entries are never updated in place: a
    /// transaction whose deadline moves earlier gets a new entry (<see cref="SipTransaction.QueuedDue"/> names the
    /// one that counts) and entries that no longer count are skipped when they come out.
    /// </summary>
    internal sealed class SipTimerQueue
    {
        private long[] _dues = new long[16];
        private SipTransaction[] _items = new SipTransaction[16];
        private int _size;

        /// <summary>How many entries the heap holds, current and outdated.</summary>
        public int Count => _size;

        /// <summary>The earliest deadline in the heap (possibly an outdated entry), or <see cref="SipTransactionLayer.Never"/>.</summary>
        public long PeekDue => _size == 0 ? SipTransactionLayer.Never : _dues[0];

        /// <summary>The transaction of the earliest entry; only when <see cref="Count"/> is not zero.</summary>
        public SipTransaction PeekTransaction => _items[0];

        /// <summary>Adds an entry.</summary>
        public void Push(long due, SipTransaction transaction)
        {
            if (_size == _dues.Length)
            {
                var dues = new long[_size * 2];
                var items = new SipTransaction[_size * 2];
                System.Array.Copy(_dues, dues, _size);
                System.Array.Copy(_items, items, _size);
                _dues = dues;
                _items = items;
            }

            int i = _size++;
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (_dues[parent] <= due)
                {
                    break;
                }

                _dues[i] = _dues[parent];
                _items[i] = _items[parent];
                i = parent;
            }

            _dues[i] = due;
            _items[i] = transaction;
        }

        /// <summary>Removes the earliest entry and returns its transaction; <paramref name="due"/> gets its deadline.</summary>
        public SipTransaction Pop(out long due)
        {
            due = _dues[0];
            SipTransaction top = _items[0];
            _size--;
            long lastDue = _dues[_size];
            SipTransaction last = _items[_size];
            _items[_size] = null;
            if (_size > 0)
            {
                int i = 0;
                while (true)
                {
                    int child = (2 * i) + 1;
                    if (child >= _size)
                    {
                        break;
                    }

                    if (child + 1 < _size && _dues[child + 1] < _dues[child])
                    {
                        child++;
                    }

                    if (_dues[child] >= lastDue)
                    {
                        break;
                    }

                    _dues[i] = _dues[child];
                    _items[i] = _items[child];
                    i = child;
                }

                _dues[i] = lastDue;
                _items[i] = last;
            }

            return top;
        }
    }
}
