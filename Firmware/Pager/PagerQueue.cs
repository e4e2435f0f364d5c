using System;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Storage;

namespace SimpleImGateway.Firmware.Pager
{
    /// <summary>
    /// What the <see cref="Outbox"/> and the <see cref="Inbox"/> share: a journal of messages in
    /// arrival order, bounded by count and bytes, with only an index of small numbers in RAM.
    /// </summary>
    /// <remarks>
    /// A message is an Enqueued record <c>[id][flags][peer][content type][body]</c> and stops being
    /// live when a Released record <c>[enqueued sequence][id][flags]</c> follows it. Opening replays the
    /// journal to rebuild the index. Every public member is thread-safe. When a storage operation
    /// throws, the exception reaches the caller and the next call reopens the journal first, so an I/O
    /// error never leaves the index and the file disagreeing.
    /// </remarks>
    public abstract class PagerQueue
    {
        private readonly object _sync = new object();
        private readonly Journal _journal;
        private readonly PagerOptions _options;
        private readonly ILog _log;
        private readonly string _logSource;
        private readonly string _idPrefix;
        private readonly MessageIndex _live;
        private readonly MessageIndex _recent;
        private readonly JournalRecord _record = new JournalRecord();
        private readonly RetainFilter _filter;
        private bool _ready;

        internal PagerQueue(IFileStorage storage, PagerOptions options, IRandom random, ILog log, string logSource, string idPrefix, int recentCapacity)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            _options = options;
            _log = log ?? throw new ArgumentNullException("log");
            _logSource = logSource;
            _idPrefix = idPrefix;
            _journal = new Journal(storage, options.FileName, options.MaxPayloadBytes, random, log);
            _live = new MessageIndex(options.MaxCount);
            _recent = recentCapacity > 0 ? new MessageIndex(recentCapacity) : null;
            _filter = new RetainFilter(this);
        }

        /// <summary>The number of messages held.</summary>
        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _live.Count;
                }
            }
        }

        /// <summary>The journal bytes the held messages take, counted against <see cref="PagerOptions.MaxBytes"/>.</summary>
        public long Bytes
        {
            get
            {
                lock (_sync)
                {
                    return _live.TotalSize;
                }
            }
        }

        /// <summary>The limits this queue was created with.</summary>
        public PagerOptions Options => _options;

        /// <summary>
        /// Opens the journal (recovering from a power cut, creating it on first use) and rebuilds the
        /// index. Other members open it on first use too; calling this at boot surfaces storage errors early.
        /// </summary>
        public void Open()
        {
            lock (_sync)
            {
                OpenCore();
            }
        }

        /// <summary>Closes the journal file.</summary>
        public void Close()
        {
            lock (_sync)
            {
                _ready = false;
                _journal.Close();
            }
        }

        /// <summary>
        /// Checks arguments and limits, then writes the message. A null <paramref name="id"/> gets a
        /// generated one. Returns the status; <paramref name="storedId"/> is set when Stored.
        /// </summary>
        internal PagerStatus Store(string id, bool remoteId, string peer, string contentType, byte[] body, int offset, int count, out string storedId)
        {
            storedId = null;
            CheckArguments(peer, contentType, body, offset, count);
            if (count > _options.MaxBodyBytes || !FitsField(peer) || !FitsField(contentType) || (id != null && !FitsField(id)))
            {
                return PagerStatus.TooLarge;
            }

            lock (_sync)
            {
                EnsureReady();
                try
                {
                    if (remoteId && Find(id, true) >= 0)
                    {
                        return PagerStatus.Duplicate;
                    }

                    if (_live.Count >= _options.MaxCount)
                    {
                        return PagerStatus.FullCount;
                    }

                    string messageId = id ?? MessageIds.Make(_idPrefix, _journal.JournalId, _journal.NextSequence);
                    int size = Journal.RecordOverhead
                        + PayloadBuffer.SizeOfString(messageId)
                        + 1
                        + PayloadBuffer.SizeOfString(peer)
                        + PayloadBuffer.SizeOfString(contentType)
                        + 2 + count;
                    if (_live.TotalSize + size > _options.MaxBytes)
                    {
                        return PagerStatus.FullBytes;
                    }

                    PayloadBuffer payload = _journal.BeginAppend();
                    payload.WriteString(messageId);
                    payload.WriteByte(remoteId ? PagerRecordTypes.RemoteIdFlag : (byte)0);
                    payload.WriteString(peer);
                    payload.WriteString(contentType);
                    payload.WriteBlock(body, offset, count);
                    _journal.CommitAppend(PagerRecordTypes.Enqueued, _record);
                    _live.Add(_record.Sequence, _record.Position, _record.Size, MessageIds.Hash(messageId));
                    storedId = messageId;
                    return PagerStatus.Stored;
                }
                catch
                {
                    _ready = false;
                    throw;
                }
            }
        }

        /// <summary>Reads the oldest message into <paramref name="message"/>; false when there is none.</summary>
        internal bool ReadOldest(PagerMessage message)
        {
            if (message == null)
            {
                throw new ArgumentNullException("message");
            }

            lock (_sync)
            {
                EnsureReady();
                try
                {
                    while (_live.Count > 0)
                    {
                        if (_journal.ReadAt(_live.PositionAt(0), _record)
                            && _record.Sequence == _live.SequenceAt(0)
                            && TryDecode(_record, message))
                        {
                            return true;
                        }

                        // The flash changed under us since the journal was opened: never hand out what cannot be read back intact.
                        _log.Write(LogLevel.Error, _logSource, "message record " + _live.SequenceAt(0) + " is no longer readable; dropped");
                        _live.RemoveAt(0);
                    }

                    return false;
                }
                catch
                {
                    _ready = false;
                    throw;
                }
            }
        }

        /// <summary>Appends a Released record for the live message <paramref name="id"/>; false when it is not held.</summary>
        internal bool Release(string id)
        {
            if (id == null)
            {
                throw new ArgumentNullException("id");
            }

            lock (_sync)
            {
                EnsureReady();
                try
                {
                    int index = Find(id, false);
                    if (index < 0)
                    {
                        return false;
                    }

                    long sequence = _live.SequenceAt(index);
                    byte flags = _record.Payload.ReadByte();
                    PayloadBuffer payload = _journal.BeginAppend();
                    payload.WriteInt64(sequence);
                    payload.WriteString(id);
                    payload.WriteByte(flags);
                    _journal.CommitAppend(PagerRecordTypes.Released, _record);
                    _live.RemoveAt(index);
                    if (_recent != null && (flags & PagerRecordTypes.RemoteIdFlag) != 0)
                    {
                        _recent.AddEvictingOldest(_record.Sequence, _record.Position, _record.Size, MessageIds.Hash(id));
                    }

                    if (Garbage() > _options.CompactGarbageBytes)
                    {
                        Compact();
                    }

                    return true;
                }
                catch
                {
                    _ready = false;
                    throw;
                }
            }
        }

        /// <summary>Whether a message with this sender-given id is held or was released recently.</summary>
        internal bool ContainsRemoteId(string id)
        {
            lock (_sync)
            {
                EnsureReady();
                try
                {
                    return Find(id, true) >= 0;
                }
                catch
                {
                    _ready = false;
                    throw;
                }
            }
        }

        private static void CheckArguments(string peer, string contentType, byte[] body, int offset, int count)
        {
            if (peer == null || contentType == null || body == null)
            {
                throw new ArgumentNullException(peer == null ? "peer" : contentType == null ? "contentType" : "body");
            }

            if (offset < 0 || count < 0 || offset > body.Length - count)
            {
                throw new ArgumentOutOfRangeException("count", "offset and count must lie within the body");
            }

            if (peer.Length == 0 || contentType.Length == 0 || !MessageIds.IsHeaderSafe(peer) || !MessageIds.IsHeaderSafe(contentType))
            {
                throw new ArgumentException("peer and content type must be non-empty header values without control characters");
            }
        }

        private bool FitsField(string value)
        {
            return PayloadBuffer.Utf8Length(value) <= _options.MaxFieldBytes;
        }

        private void EnsureReady()
        {
            if (!_ready || !_journal.IsOpen)
            {
                OpenCore();
            }
        }

        private void OpenCore()
        {
            _ready = false;
            _journal.Open();
            Rebuild();
            if (_journal.NeedsRepair || Garbage() > _options.CompactGarbageBytes)
            {
                Compact();
            }

            _ready = true;
        }

        private long Garbage()
        {
            long needed = _live.TotalSize + (_recent == null ? 0 : _recent.TotalSize);
            return _journal.Length - Journal.HeaderSize - needed;
        }

        private void Compact()
        {
            _journal.Compact(_filter);
            Rebuild();
        }

        /// <summary>Replays the journal into the index.</summary>
        private void Rebuild()
        {
            _live.Clear();
            if (_recent != null)
            {
                _recent.Clear();
            }

            _record.Rewind();
            while (_journal.ReadNext(_record))
            {
                try
                {
                    PayloadBuffer payload = _record.Payload;
                    if (_record.Type == PagerRecordTypes.Enqueued)
                    {
                        string id = payload.ReadString();
                        payload.ReadByte();
                        payload.SkipBlock();
                        payload.SkipBlock();
                        int bodyLength = payload.SkipBlock();
                        if (payload.Remaining != 0 || id.Length == 0)
                        {
                            throw new CorruptRecordException("message record has a malformed payload");
                        }

                        _live.Add(_record.Sequence, _record.Position, _record.Size, MessageIds.Hash(id));
                        if (bodyLength > _options.MaxBodyBytes)
                        {
                            _log.Write(LogLevel.Warning, _logSource, "message " + id + " is larger than MaxBodyBytes now allows; kept");
                        }
                    }
                    else if (_record.Type == PagerRecordTypes.Released)
                    {
                        long enqueued = payload.ReadInt64();
                        string id = payload.ReadString();
                        byte flags = payload.ReadByte();
                        int index = _live.IndexOfSequence(enqueued);
                        if (index >= 0)
                        {
                            _live.RemoveAt(index);
                        }

                        if (_recent != null && (flags & PagerRecordTypes.RemoteIdFlag) != 0)
                        {
                            _recent.AddEvictingOldest(_record.Sequence, _record.Position, _record.Size, MessageIds.Hash(id));
                        }
                    }
                    else
                    {
                        _log.Write(LogLevel.Warning, _logSource, "ignoring record of unknown type " + _record.Type);
                    }
                }
                catch (CorruptRecordException e)
                {
                    _log.Write(LogLevel.Error, _logSource, "skipping record " + _record.Sequence + ": " + e.Message);
                }
            }
        }

        /// <summary>
        /// The live index of the message with this id, or -1. With <paramref name="remoteOnly"/> only
        /// sender-given ids count, and recently released ones are found too (returning their ring index).
        /// On a live hit the record's payload is left positioned at the flags byte.
        /// </summary>
        private int Find(string id, bool remoteOnly)
        {
            int hash = MessageIds.Hash(id);
            for (int i = 0; i < _live.Count; i++)
            {
                if (_live.HashAt(i) == hash && _journal.ReadAt(_live.PositionAt(i), _record) && _record.Type == PagerRecordTypes.Enqueued)
                {
                    PayloadBuffer payload = _record.Payload;
                    if (payload.ReadString() == id)
                    {
                        if (!remoteOnly)
                        {
                            return i;
                        }

                        byte flags = payload.ReadByte();
                        if ((flags & PagerRecordTypes.RemoteIdFlag) != 0)
                        {
                            return i;
                        }
                    }
                }
            }

            if (remoteOnly && _recent != null)
            {
                for (int i = 0; i < _recent.Count; i++)
                {
                    if (_recent.HashAt(i) == hash && _journal.ReadAt(_recent.PositionAt(i), _record) && _record.Type == PagerRecordTypes.Released)
                    {
                        PayloadBuffer payload = _record.Payload;
                        payload.ReadInt64();
                        if (payload.ReadString() == id)
                        {
                            return _live.Count + i;
                        }
                    }
                }
            }

            return -1;
        }

        private bool TryDecode(JournalRecord record, PagerMessage message)
        {
            if (record.Type != PagerRecordTypes.Enqueued)
            {
                return false;
            }

            try
            {
                PayloadBuffer payload = record.Payload;
                string id = payload.ReadString();
                byte flags = payload.ReadByte();
                string peer = payload.ReadString();
                string contentType = payload.ReadString();
                message.EnsureBodyCapacity(payload.PeekBlockLength());
                int bodyLength = payload.ReadBlock(message.Body, 0);
                message.MessageId = id;
                message.HasRemoteId = (flags & PagerRecordTypes.RemoteIdFlag) != 0;
                message.Peer = peer;
                message.ContentType = contentType;
                message.BodyLength = bodyLength;
                message.Sequence = record.Sequence;
                return true;
            }
            catch (CorruptRecordException e)
            {
                _log.Write(LogLevel.Error, _logSource, "cannot decode record " + record.Sequence + ": " + e.Message);
                return false;
            }
        }

        /// <summary>Keeps live messages and the Released records behind the recent-id ring.</summary>
        private sealed class RetainFilter : IJournalFilter
        {
            private readonly PagerQueue _owner;

            public RetainFilter(PagerQueue owner)
            {
                _owner = owner;
            }

            public bool Retain(JournalRecord record)
            {
                if (record.Type == PagerRecordTypes.Enqueued)
                {
                    return _owner._live.IndexOfSequence(record.Sequence) >= 0;
                }

                return record.Type == PagerRecordTypes.Released
                    && _owner._recent != null
                    && _owner._recent.IndexOfSequence(record.Sequence) >= 0;
            }
        }
    }
}
