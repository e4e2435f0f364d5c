using System.Collections;

namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// The header fields of a message in wire order. Lookups compare canonical names
    /// (<see cref="SipHeaderNames.Canonicalize"/>), so callers may pass any case or a compact form.
    /// </summary>
    public sealed class SipHeaderCollection
    {
        private readonly ArrayList _headers = new ArrayList();

        /// <summary>Number of header field values.</summary>
        public int Count => _headers.Count;

        /// <summary>The header at <paramref name="index"/> in wire order.</summary>
        public SipHeader this[int index] => (SipHeader)_headers[index];

        /// <summary>Appends a header value after all others.</summary>
        public void Add(string name, string value) => _headers.Add(new SipHeader(SipHeaderNames.Canonicalize(name), value));

        /// <summary>Appends an already canonical header; used by the parser.</summary>
        public void Add(SipHeader header) => _headers.Add(header);

        /// <summary>Inserts a header value before all others of the same name (a new top Via or Record-Route).</summary>
        public void AddFirst(string name, string value)
        {
            string canonical = SipHeaderNames.Canonicalize(name);
            int at = IndexOf(canonical, 0);
            _headers.Insert(at < 0 ? _headers.Count : at, new SipHeader(canonical, value));
        }

        /// <summary>The first value of a header, or null when absent.</summary>
        public string Get(string name)
        {
            int at = IndexOf(SipHeaderNames.Canonicalize(name), 0);
            return at < 0 ? null : ((SipHeader)_headers[at]).Value;
        }

        /// <summary>All values of a header in wire order; an empty array when absent.</summary>
        public string[] GetAll(string name)
        {
            string canonical = SipHeaderNames.Canonicalize(name);
            int count = CountOf(canonical);
            var values = new string[count];
            int n = 0;
            for (int i = 0; i < _headers.Count && n < count; i++)
            {
                var h = (SipHeader)_headers[i];
                if (Matches(h.Name, canonical))
                {
                    values[n++] = h.Value;
                }
            }

            return values;
        }

        /// <summary>How many values of a header the message carries.</summary>
        public int CountOf(string name)
        {
            string canonical = SipHeaderNames.Canonicalize(name);
            int count = 0;
            for (int i = 0; i < _headers.Count; i++)
            {
                var h = (SipHeader)_headers[i];
                if (Matches(h.Name, canonical))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Whether a header is present.</summary>
        public bool Contains(string name) => IndexOf(SipHeaderNames.Canonicalize(name), 0) >= 0;

        /// <summary>Replaces all values of a header by one value, kept at the position of the first.</summary>
        public void Set(string name, string value)
        {
            string canonical = SipHeaderNames.Canonicalize(name);
            int at = IndexOf(canonical, 0);
            if (at < 0)
            {
                _headers.Add(new SipHeader(canonical, value));
                return;
            }

            ((SipHeader)_headers[at]).Value = value;
            RemoveFrom(canonical, at + 1);
        }

        /// <summary>Removes every value of a header; returns how many were removed.</summary>
        public int Remove(string name) => RemoveFrom(SipHeaderNames.Canonicalize(name), 0);

        /// <summary>Removes the first value of a header (the top Via or Route); returns it, or null.</summary>
        public string RemoveFirst(string name)
        {
            int at = IndexOf(SipHeaderNames.Canonicalize(name), 0);
            if (at < 0)
            {
                return null;
            }

            string value = ((SipHeader)_headers[at]).Value;
            _headers.RemoveAt(at);
            return value;
        }

        /// <summary>
        /// Makes room for <paramref name="count"/> values at once, so a message built or parsed header by header does
        /// not regrow its list (each regrowth copies it into a new, larger array).
        /// </summary>
        public void Reserve(int count)
        {
            if (_headers.Capacity < count)
            {
                _headers.Capacity = count;
            }
        }

        /// <summary>Removes the header at <paramref name="index"/> in wire order.</summary>
        public void RemoveAt(int index) => _headers.RemoveAt(index);

        /// <summary>Removes all headers.</summary>
        public void Clear() => _headers.Clear();

        // Known names are interned constants, so the reference test settles most lookups.
        private static bool Matches(string headerName, string canonical)
            => (object)headerName == canonical || SipHeaderNames.EqualsIgnoreCase(headerName, canonical);

        private int IndexOf(string canonical, int start)
        {
            for (int i = start; i < _headers.Count; i++)
            {
                var h = (SipHeader)_headers[i];
                if (Matches(h.Name, canonical))
                {
                    return i;
                }
            }

            return -1;
        }

        private int RemoveFrom(string canonical, int start)
        {
            int removed = 0;
            for (int i = _headers.Count - 1; i >= start; i--)
            {
                if (Matches(((SipHeader)_headers[i]).Name, canonical))
                {
                    _headers.RemoveAt(i);
                    removed++;
                }
            }

            return removed;
        }
    }
}
