using System;
using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Storage
{
    /// <summary>
    /// An append-only file of checksummed records that survives power loss at any byte, and compacts
    /// itself by copying the records its owner still needs into a new file.
    /// </summary>
    /// <remarks>
    /// <para>File layout. A 28-byte header: "SIMJ", format version, 3 reserved bytes, a random journal
    /// id (kept for the journal's life, used in message ids so they never repeat after the flash is
    /// wiped), a random salt, the next sequence number at the time the file was written, and the
    /// CRC-32 of those 24 bytes. Then records:
    /// <c>[0x5A 0xA5][payload length: 2][sequence: 8][type: 1][payload][CRC-32: 4]</c>, little-endian,
    /// the CRC computed over the salt followed by everything from the magic to the end of the payload.
    /// The salt keeps a record-shaped byte run inside some payload (a message body, say) from ever
    /// passing as a record when reading resynchronises after damage.</para>
    /// <para>Reading never returns a record whose checksum fails, whose length runs past the end, or
    /// whose sequence is not above the previous record's. After a damaged stretch (a torn write at the
    /// tail, or flash corruption), reading resumes at the next intact record.</para>
    /// <para>Compaction writes "name.tmp", flushes it, renames it to "name.new" (the commit point),
    /// deletes "name" and renames "name.new" to "name". <see cref="Open"/> finishes a committed
    /// compaction and discards an uncommitted one, so a power cut at any step loses and duplicates
    /// nothing. nanoFramework's FileStream cannot shorten a file, so a torn tail found at
    /// <see cref="Open"/> is cut off the same way: <see cref="NeedsRepair"/> is set and the owner
    /// compacts (or the next append does).</para>
    /// <para>Memory: one buffer of <c>RecordOverhead + maxPayloadBytes</c> bytes and a 64-byte scan window,
    /// both allocated in the constructor. Not thread-safe: the owner serialises calls.</para>
    /// </remarks>
    public sealed class Journal : IDisposable
    {
        /// <summary>Bytes of the file header.</summary>
        public const int HeaderSize = 28;

        /// <summary>Bytes a record takes besides its payload.</summary>
        public const int RecordOverhead = RecordHeaderSize + 4;

        /// <summary>The largest payload the 16-bit length field can describe.</summary>
        public const int MaxPayloadLimit = 0xFFFF;

        private const int RecordHeaderSize = 13;
        private const byte RecordMagic0 = 0x5A;
        private const byte RecordMagic1 = 0xA5;
        private const uint FileMagic = 0x4A4D4953; // "SIMJ" as stored
        private const byte FormatVersion = 1;
        private const string LogSource = "journal";

        private readonly IFileStorage _storage;
        private readonly string _name;
        private readonly string _tmpName;
        private readonly string _newName;
        private readonly string _badName;
        private readonly int _maxPayloadBytes;
        private readonly IRandom _random;
        private readonly ILog _log;
        private readonly byte[] _buffer;
        private readonly byte[] _scan = new byte[64];
        private readonly byte[] _saltBytes = new byte[4];
        private readonly PayloadBuffer _payload;
        private readonly JournalRecord _cursor = new JournalRecord();

        private IStorageFile _file;
        private long _length;
        private uint _journalId;
        private long _nextSequence;
        private bool _needsRepair;
        private bool _faulted;
        private long _damagedBytes;

        /// <summary>Creates a journal over the file <paramref name="name"/>; nothing is read before <see cref="Open"/>.</summary>
        /// <param name="storage">Where the file lives.</param>
        /// <param name="name">The file name; "name.tmp", "name.new" and "name.bad" are used beside it.</param>
        /// <param name="maxPayloadBytes">The largest payload a record may carry; sizes the one buffer.</param>
        /// <param name="random">Source of the journal id and salt of a new file.</param>
        /// <param name="log">Where damage and compactions are reported.</param>
        public Journal(IFileStorage storage, string name, int maxPayloadBytes, IRandom random, ILog log)
        {
            if (storage == null || random == null || log == null)
            {
                throw new ArgumentNullException(storage == null ? "storage" : random == null ? "random" : "log");
            }

            if (name == null || name.Length == 0)
            {
                throw new ArgumentException("a journal needs a file name");
            }

            if (maxPayloadBytes < 16 || maxPayloadBytes > MaxPayloadLimit)
            {
                throw new ArgumentException("maxPayloadBytes must be between 16 and 65535");
            }

            _storage = storage;
            _name = name;
            _tmpName = name + ".tmp";
            _newName = name + ".new";
            _badName = name + ".bad";
            _maxPayloadBytes = maxPayloadBytes;
            _random = random;
            _log = log;
            _buffer = new byte[RecordOverhead + maxPayloadBytes];
            _payload = new PayloadBuffer(_buffer, RecordHeaderSize, maxPayloadBytes);
        }

        /// <summary>The file name.</summary>
        public string Name => _name;

        /// <summary>Random identity of this journal, fixed when the file was first created.</summary>
        public uint JournalId => _journalId;

        /// <summary>The sequence number the next appended record gets.</summary>
        public long NextSequence => _nextSequence;

        /// <summary>The file length in bytes, header included.</summary>
        public long Length => _length;

        /// <summary>The largest payload a record may carry.</summary>
        public int MaxPayloadBytes => _maxPayloadBytes;

        /// <summary>Whether the journal is open and usable.</summary>
        public bool IsOpen => _file != null && !_faulted;

        /// <summary>
        /// Whether the last <see cref="Open"/> found bytes that are not intact records; compacting
        /// removes them, and the next append compacts first if nobody else did.
        /// </summary>
        public bool NeedsRepair => _needsRepair;

        /// <summary>Bytes the last <see cref="Open"/> found outside intact records (torn tail, corruption).</summary>
        public long DamagedBytes => _damagedBytes;

        /// <summary>
        /// Opens the file, finishing or discarding an interrupted compaction and creating the file if
        /// there is none, then scans it to find the next sequence number and any damage.
        /// </summary>
        public void Open()
        {
            Close();
            _faulted = false;
            try
            {
                if (_storage.Exists(_newName))
                {
                    // A compaction committed but did not finish: its output is complete, the old file stale.
                    _log.Write(LogLevel.Info, LogSource, "finishing interrupted compaction of " + _name);
                    _storage.Delete(_name);
                    _storage.Rename(_newName, _name);
                }

                _storage.Delete(_tmpName);

                if (!_storage.Exists(_name))
                {
                    CreateEmpty(1, NewJournalId(), NewSalt());
                }

                _file = _storage.Open(_name);
                _length = _file.Length;
                if (!ReadHeader())
                {
                    // Only media corruption gets here: the header is written and flushed before the file gets its name.
                    _log.Write(LogLevel.Error, LogSource, _name + " has no valid header; kept as " + _badName + ", starting empty");
                    CloseFile();
                    _storage.Delete(_badName);
                    _storage.Rename(_name, _badName);
                    CreateEmpty(1, NewJournalId(), NewSalt());
                    _file = _storage.Open(_name);
                    _length = _file.Length;
                    if (!ReadHeader())
                    {
                        throw new System.IO.IOException("cannot read back the header just written to " + _name);
                    }
                }

                long headerNext = _nextSequence;
                long lastSequence = 0;
                long intactBytes = 0;
                _cursor.Rewind();
                while (ReadNext(_cursor))
                {
                    lastSequence = _cursor.Sequence;
                    intactBytes += _cursor.Size;
                }

                _nextSequence = lastSequence + 1 > headerNext ? lastSequence + 1 : headerNext;
                _damagedBytes = _length - HeaderSize - intactBytes;
                _needsRepair = _damagedBytes > 0;
                if (_needsRepair)
                {
                    _log.Write(LogLevel.Warning, LogSource, _name + ": skipped " + _damagedBytes + " bytes of torn or corrupt records");
                }
            }
            catch
            {
                _faulted = true;
                throw;
            }
        }

        /// <summary>Closes the file; <see cref="Open"/> may be called again.</summary>
        public void Close()
        {
            CloseFile();
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            Close();
        }

        /// <summary>
        /// Starts a record: returns the payload buffer, emptied, for the caller to fill before
        /// <see cref="CommitAppend"/>.
        /// </summary>
        public PayloadBuffer BeginAppend()
        {
            EnsureUsable();
            if (_needsRepair)
            {
                // Appending after damage would work (reading resynchronises) but would keep the damage forever.
                Compact(null);
            }

            _payload.BeginWrite();
            return _payload;
        }

        /// <summary>
        /// Writes the record started by <see cref="BeginAppend"/> and flushes it; when this returns the
        /// record survives a power cut. <paramref name="written"/>, if given, receives where it went.
        /// </summary>
        /// <returns>The record's sequence number.</returns>
        public long CommitAppend(byte type, JournalRecord written)
        {
            EnsureUsable();
            int payloadLength = _payload.Length;
            long sequence = _nextSequence;
            _buffer[0] = RecordMagic0;
            _buffer[1] = RecordMagic1;
            LittleEndian.WriteUInt16(_buffer, 2, payloadLength);
            LittleEndian.WriteInt64(_buffer, 4, sequence);
            _buffer[12] = type;
            int crcAt = RecordHeaderSize + payloadLength;
            LittleEndian.WriteUInt32(_buffer, crcAt, RecordCrc(crcAt));
            int size = crcAt + 4;
            long position = _length;
            try
            {
                _file.Append(_buffer, 0, size);
                _file.Flush();
            }
            catch
            {
                // What reached the file is unknown; Open rescans it.
                _faulted = true;
                throw;
            }

            _length += size;
            _nextSequence++;
            if (written != null)
            {
                written.Position = position;
                written.NextPosition = position + size;
                written.Sequence = sequence;
                written.Type = type;
                written.Size = size;
                written.Payload = _payload;
            }

            return sequence;
        }

        /// <summary>
        /// Reads the first intact record after <paramref name="record"/> (after the header for a rewound
        /// record) whose sequence is above <paramref name="record"/>'s, skipping damaged bytes.
        /// </summary>
        /// <returns>False at the end of the journal.</returns>
        public bool ReadNext(JournalRecord record)
        {
            EnsureUsable();
            long position = record.NextPosition < HeaderSize ? HeaderSize : record.NextPosition;
            long minSequence = record.Sequence + 1;
            while (position < _length)
            {
                if (TryRead(position, minSequence, record))
                {
                    return true;
                }

                position = FindRecordMagic(position + 1);
            }

            return false;
        }

        /// <summary>Reads the record at <paramref name="position"/>; false when it is not an intact record.</summary>
        public bool ReadAt(long position, JournalRecord record)
        {
            EnsureUsable();
            return position >= HeaderSize && TryRead(position, 1, record);
        }

        /// <summary>
        /// Rewrites the file with only the intact records <paramref name="filter"/> retains (all of them
        /// when null), in their order and with their sequence numbers. Positions of records change:
        /// owners re-read the journal afterwards.
        /// </summary>
        public void Compact(IJournalFilter filter)
        {
            EnsureUsable();
            try
            {
                _storage.Delete(_tmpName);
                IStorageFile output = _storage.Create(_tmpName);
                long kept = 0;
                try
                {
                    WriteHeader(_nextSequence);
                    output.Append(_buffer, 0, HeaderSize);
                    _cursor.Rewind();
                    while (ReadNext(_cursor))
                    {
                        if (filter == null || filter.Retain(_cursor))
                        {
                            // The whole record, framing and checksum included, is still in _buffer.
                            output.Append(_buffer, 0, _cursor.Size);
                            kept += _cursor.Size;
                        }
                    }

                    output.Flush();
                }
                finally
                {
                    output.Dispose();
                }

                _storage.Rename(_tmpName, _newName);
                CloseFile();
                _storage.Delete(_name);
                _storage.Rename(_newName, _name);
                _file = _storage.Open(_name);
                long before = _length;
                _length = _file.Length;
                _needsRepair = false;
                _damagedBytes = 0;
                _log.Write(LogLevel.Info, LogSource, "compacted " + _name + " from " + before + " to " + _length + " bytes");
            }
            catch
            {
                _faulted = true;
                throw;
            }
        }

        private void EnsureUsable()
        {
            if (_file == null || _faulted)
            {
                throw new InvalidOperationException("journal " + _name + " is not open; call Open");
            }
        }

        private void CloseFile()
        {
            if (_file != null)
            {
                IStorageFile file = _file;
                _file = null;
                file.Dispose();
            }
        }

        private bool TryRead(long position, long minSequence, JournalRecord record)
        {
            if (position + RecordOverhead > _length)
            {
                return false;
            }

            if (_file.Read(position, _buffer, 0, RecordHeaderSize) != RecordHeaderSize
                || _buffer[0] != RecordMagic0
                || _buffer[1] != RecordMagic1)
            {
                return false;
            }

            int payloadLength = LittleEndian.ReadUInt16(_buffer, 2);
            int size = RecordOverhead + payloadLength;
            if (payloadLength > _maxPayloadBytes || position + size > _length)
            {
                return false;
            }

            int rest = payloadLength + 4;
            if (_file.Read(position + RecordHeaderSize, _buffer, RecordHeaderSize, rest) != rest)
            {
                return false;
            }

            int crcAt = RecordHeaderSize + payloadLength;
            if (LittleEndian.ReadUInt32(_buffer, crcAt) != RecordCrc(crcAt))
            {
                return false;
            }

            long sequence = LittleEndian.ReadInt64(_buffer, 4);
            if (sequence < minSequence)
            {
                return false;
            }

            record.Position = position;
            record.NextPosition = position + size;
            record.Sequence = sequence;
            record.Type = _buffer[12];
            record.Size = size;
            _payload.BeginRead(payloadLength);
            record.Payload = _payload;
            return true;
        }

        private uint RecordCrc(int count)
        {
            uint state = Crc32.Update(Crc32.InitialState, _saltBytes, 0, 4);
            return Crc32.Finish(Crc32.Update(state, _buffer, 0, count));
        }

        /// <summary>The offset of the next record magic at or after <paramref name="position"/>, or the file length.</summary>
        private long FindRecordMagic(long position)
        {
            // Windows overlap by one byte so a magic split across two reads is still seen.
            while (position + 1 < _length)
            {
                long remaining = _length - position;
                int want = remaining < _scan.Length ? (int)remaining : _scan.Length;
                int got = _file.Read(position, _scan, 0, want);
                if (got < 2)
                {
                    break;
                }

                for (int i = 0; i + 1 < got; i++)
                {
                    if (_scan[i] == RecordMagic0 && _scan[i + 1] == RecordMagic1)
                    {
                        return position + i;
                    }
                }

                position += got - 1;
            }

            return _length;
        }

        private bool ReadHeader()
        {
            if (_length < HeaderSize || _file.Read(0, _buffer, 0, HeaderSize) != HeaderSize)
            {
                return false;
            }

            if (LittleEndian.ReadUInt32(_buffer, 0) != FileMagic
                || _buffer[4] != FormatVersion
                || LittleEndian.ReadUInt32(_buffer, 24) != Crc32.Compute(_buffer, 0, 24))
            {
                return false;
            }

            _journalId = LittleEndian.ReadUInt32(_buffer, 8);
            Array.Copy(_buffer, 12, _saltBytes, 0, 4);
            _nextSequence = LittleEndian.ReadInt64(_buffer, 16);
            return _nextSequence >= 1;
        }

        private void WriteHeader(long nextSequence)
        {
            LittleEndian.WriteUInt32(_buffer, 0, FileMagic);
            _buffer[4] = FormatVersion;
            _buffer[5] = 0;
            _buffer[6] = 0;
            _buffer[7] = 0;
            LittleEndian.WriteUInt32(_buffer, 8, _journalId);
            Array.Copy(_saltBytes, 0, _buffer, 12, 4);
            LittleEndian.WriteInt64(_buffer, 16, nextSequence);
            LittleEndian.WriteUInt32(_buffer, 24, Crc32.Compute(_buffer, 0, 24));
        }

        /// <summary>Creates an empty journal file through the same tmp/new/rename steps as compaction.</summary>
        private void CreateEmpty(long nextSequence, uint journalId, uint salt)
        {
            _journalId = journalId;
            LittleEndian.WriteUInt32(_saltBytes, 0, salt);
            _storage.Delete(_tmpName);
            IStorageFile output = _storage.Create(_tmpName);
            try
            {
                WriteHeader(nextSequence);
                output.Append(_buffer, 0, HeaderSize);
                output.Flush();
            }
            finally
            {
                output.Dispose();
            }

            _storage.Rename(_tmpName, _newName);
            _storage.Rename(_newName, _name);
            _log.Write(LogLevel.Info, LogSource, "created " + _name);
        }

        private uint NewJournalId()
        {
            uint id = NewSalt();
            return id == 0 ? 1 : id;
        }

        private uint NewSalt()
        {
            _random.NextBytes(_scan);
            return LittleEndian.ReadUInt32(_scan, 0);
        }
    }
}
