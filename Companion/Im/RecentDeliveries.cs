using System.Collections.Generic;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// The dedup keys of the most recent deliveries (relayed or from the store), per recipient, bounded in count.
    /// A MESSAGE about to be relayed that matches one is a re-sent copy and is not delivered again. The store keeps
    /// its own durable record of delivered keys for the store path; this covers the relay path in memory.
    /// </summary>
    internal sealed class RecentDeliveries
    {
        private readonly HashSet<string> _keys = [];
        private readonly Queue<string> _order = new();
        private readonly int _capacity;

        public RecentDeliveries(int capacity)
        {
            _capacity = capacity;
        }

        public bool Contains(string recipient, string dedupKey) => _keys.Contains(Key(recipient, dedupKey));

        public void Add(string recipient, string dedupKey)
        {
            string key = Key(recipient, dedupKey);
            if (!_keys.Add(key))
            {
                return;
            }

            _order.Enqueue(key);
            if (_order.Count > _capacity)
            {
                _keys.Remove(_order.Dequeue());
            }
        }

        private static string Key(string recipient, string dedupKey) => recipient + "\n" + dedupKey;
    }
}
