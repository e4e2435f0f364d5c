namespace SimpleImGateway.Sip.Transactions
{
    /// <summary>
    /// A binary min-heap of (deadline, transaction), without generics for nanoFramework. The layer pushes a
    /// transaction's earliest deadline whenever it changes; entries whose transaction left the table or has been
    /// rescheduled since are stale and dropped when they reach the top. So the next deadline and the due
    /// transactions are found in O(log n) instead of by scanning every transaction after every message.
    /// </summary>
    internal sealed class SipTimerHeap
    {
        private long[] _due = new long[16];
        private SipTransaction[] _items = new SipTransaction[16];
        private int _count;

        /// <summary>Entries held, stale ones included.</summary>
        public int Count => _count;

        /// <summary>The deadline at the top (stale or not); only valid when <see cref="Count"/> is not zero.</summary>
        public long TopDue => _due[0];

        /// <summary>The transaction at the top; only valid when <see cref="Count"/> is not zero.</summary>
        public SipTransaction Top => _items[0];

        /// <summary>Adds an entry.</summary>
        public void Push(long due, SipTransaction item)
        {
            if (_count == _due.Length)
            {
                var due2 = new long[_count * 2];
                var items2 = new SipTransaction[_count * 2];
                System.Array.Copy(_due, due2, _count);
                System.Array.Copy(_items, items2, _count);
                _due = due2;
                _items = items2;
            }

            int i = _count++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (_due[parent] <= due)
                {
                    break;
                }

                _due[i] = _due[parent];
                _items[i] = _items[parent];
                i = parent;
            }

            _due[i] = due;
            _items[i] = item;
        }

        /// <summary>Removes the top entry.</summary>
        public void Pop()
        {
            _count--;
            long due = _due[_count];
            SipTransaction item = _items[_count];
            _items[_count] = null;
            if (_count == 0)
            {
                return;
            }

            int i = 0;
            while (true)
            {
                int child = (2 * i) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _due[child + 1] < _due[child])
                {
                    child++;
                }

                if (due <= _due[child])
                {
                    break;
                }

                _due[i] = _due[child];
                _items[i] = _items[child];
                i = child;
            }

            _due[i] = due;
            _items[i] = item;
        }
    }
}
