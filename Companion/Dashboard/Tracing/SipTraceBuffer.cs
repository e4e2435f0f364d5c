using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Dashboard.Tracing
{
    /// <summary>
    /// The recent SIP traffic of the elements in this process, for the dashboard's ladder: a ring of the last
    /// <see cref="Capacity"/> messages, each reduced to a <see cref="LadderEntry"/> when it is recorded.
    /// <see cref="Record"/> is the handler of <see cref="SipElement.Traced"/>: it runs on transport and loop
    /// threads, takes a short lock and never throws, so tracing cannot disturb an element.
    /// A message between two elements of this process is recorded once, from the sender's side.
    /// </summary>
    public sealed class SipTraceBuffer
    {
        /// <summary>How many messages are kept by default.</summary>
        public const int DefaultCapacity = 500;

        // Bounds of the learnt names and registration times; past them the oldest half is forgotten.
        private const int MaxPeerNames = 1024;
        private const int MaxRegistrations = 4096;

        private readonly object _gate = new();
        private readonly LadderEntry?[] _ring;
        private readonly Dictionary<string, string> _elements = new(StringComparer.Ordinal);
        private readonly HashSet<string> _localElements = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _peerNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _registrations = new(StringComparer.Ordinal);
        private long _lastSequence;
        private long _duplicates;
        private long _failures;

        /// <summary>Creates a buffer keeping the last <paramref name="capacity"/> messages.</summary>
        public SipTraceBuffer(int capacity = DefaultCapacity)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
            _ring = new LadderEntry?[capacity];
        }

        /// <summary>How many messages are kept.</summary>
        public int Capacity => _ring.Length;

        /// <summary>The sequence number of the newest entry; 0 before the first.</summary>
        public long LastSequence
        {
            get
            {
                lock (_gate)
                {
                    return _lastSequence;
                }
            }
        }

        /// <summary>Messages received from an element of this process, skipped because its sender recorded them.</summary>
        public long Duplicates
        {
            get
            {
                lock (_gate)
                {
                    return _duplicates;
                }
            }
        }

        /// <summary>Messages that could not be described (a bug, logged nowhere so tracing stays silent and safe).</summary>
        public long Failures
        {
            get
            {
                lock (_gate)
                {
                    return _failures;
                }
            }
        }

        /// <summary>
        /// Names the element listening on <paramref name="hostPort"/>. A <paramref name="local"/> element runs
        /// in this process and traces its own messages, so what it sends to another local element is not
        /// recorded a second time on receipt.
        /// </summary>
        public void AddElement(string name, string hostPort, bool local)
        {
            ArgumentException.ThrowIfNullOrEmpty(name);
            ArgumentException.ThrowIfNullOrEmpty(hostPort);
            lock (_gate)
            {
                _elements[hostPort] = name;
                if (local)
                {
                    _localElements.Add(hostPort);
                }
            }
        }

        /// <summary>Records one traced message; the handler of <see cref="SipElement.Traced"/>.</summary>
        public void Record(SipTraceEvent trace)
        {
            if (trace is null)
            {
                return;
            }

            try
            {
                RecordCore(trace);
            }
            catch (Exception)
            {
                // A message the summary cannot read must not break the element that traced it.
                lock (_gate)
                {
                    _failures++;
                }
            }
        }

        /// <summary>The entries after sequence number <paramref name="after"/>, oldest first (at most <see cref="Capacity"/>).</summary>
        public IReadOnlyList<LadderEntry> Snapshot(long after = 0)
        {
            lock (_gate)
            {
                var entries = new List<LadderEntry>();
                long first = Math.Max(after + 1, _lastSequence - _ring.Length + 1);
                for (long sequence = Math.Max(first, 1); sequence <= _lastSequence; sequence++)
                {
                    entries.Add(_ring[(int)((sequence - 1) % _ring.Length)]!);
                }

                return entries;
            }
        }

        /// <summary>
        /// When a REGISTER of <paramref name="aor"/> was last answered 2xx with contacts by an element of this
        /// process, since it started; null when none was seen.
        /// </summary>
        public DateTimeOffset? LastRegistration(string aor)
        {
            string key = SipAddressText.AorKey(aor);
            lock (_gate)
            {
                return _registrations.TryGetValue(key, out DateTimeOffset at) ? at : null;
            }
        }

        private static string Address(string host, int port) =>
            host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";

        private static void Bound<TValue>(Dictionary<string, TValue> map, int max)
        {
            if (map.Count < max)
            {
                return;
            }

            // Forget an arbitrary half: names and times are conveniences, and the bound is what matters.
            var keys = new List<string>(map.Keys);
            for (int i = 0; i < keys.Count / 2; i++)
            {
                map.Remove(keys[i]);
            }
        }

        private void RecordCore(SipTraceEvent trace)
        {
            SipMessage message = trace.Message;
            string peer = Address(trace.Peer.Host, trace.Peer.Port);
            (string label, string? method, string summary) = SipTraceSummary.Describe(message);
            string? registeredAor = RegisteredAor(message, trace.Outgoing);
            string? requestUser = message.IsRequest && !trace.Outgoing ? SipAddressText.UserOfHeader(message.Headers.Get(SipHeaderNames.From)) : null;

            lock (_gate)
            {
                _elements.TryAdd(trace.Local, trace.Element);
                _localElements.Add(trace.Local);
                if (!trace.Outgoing && _localElements.Contains(peer))
                {
                    _duplicates++;
                    return;
                }

                if (requestUser is not null && !_elements.ContainsKey(peer))
                {
                    // A request from a device names its address, so later lines read "bob" instead of an ip:port.
                    Bound(_peerNames, MaxPeerNames);
                    _peerNames[peer] = requestUser;
                }

                if (registeredAor is not null)
                {
                    Bound(_registrations, MaxRegistrations);
                    _registrations[registeredAor] = trace.At;
                }

                string peerName = _elements.TryGetValue(peer, out string? element) ? element
                    : _peerNames.TryGetValue(peer, out string? user) ? user
                    : peer;
                long sequence = ++_lastSequence;
                _ring[(int)((sequence - 1) % _ring.Length)] = new LadderEntry
                {
                    Sequence = sequence,
                    At = trace.At,
                    Element = trace.Element,
                    Direction = trace.Outgoing ? "out" : "in",
                    From = trace.Outgoing ? trace.Element : peerName,
                    To = trace.Outgoing ? peerName : trace.Element,
                    FromAddress = trace.Outgoing ? trace.Local : peer,
                    ToAddress = trace.Outgoing ? peer : trace.Local,
                    Transport = trace.Peer.TransportToken,
                    Label = label,
                    IsRequest = message.IsRequest,
                    Method = method,
                    Status = message.IsRequest ? null : message.StatusCode,
                    CallId = message.CallId,
                    CSeq = message.Headers.Get(SipHeaderNames.CSeq),
                    Summary = summary,
                };
            }
        }

        /// <summary>The AOR of a 2xx REGISTER response this process sent that still binds contacts, else null.</summary>
        private static string? RegisteredAor(SipMessage message, bool outgoing)
        {
            if (!outgoing || message.IsRequest || message.StatusCode < 200 || message.StatusCode > 299
                || message.Headers.CountOf(SipHeaderNames.Contact) == 0)
            {
                return null;
            }

            string? cseq = message.Headers.Get(SipHeaderNames.CSeq);
            if (cseq is null || !cseq.TrimEnd().EndsWith(" " + SipMethods.Register, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return SipAddressText.AorKeyOfHeader(message.Headers.Get(SipHeaderNames.To));
        }
    }
}
