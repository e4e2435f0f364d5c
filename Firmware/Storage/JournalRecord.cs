namespace SimpleImGateway.Firmware.Storage
{
    /// <summary>
    /// Where one record of a <see cref="Journal"/> is and what it holds. Callers allocate one and reuse
    /// it: reading fills it in, and iterating moves it along the file.
    /// </summary>
    public sealed class JournalRecord
    {
        /// <summary>Creates a record positioned before the first one of any journal.</summary>
        public JournalRecord()
        {
            Rewind();
        }

        /// <summary>Offset of the record in the file.</summary>
        public long Position { get; internal set; }

        /// <summary>Offset just past the record, where iteration continues.</summary>
        public long NextPosition { get; internal set; }

        /// <summary>The journal-wide sequence number, increasing across reboots and compactions.</summary>
        public long Sequence { get; internal set; }

        /// <summary>The record type chosen by the journal's owner.</summary>
        public byte Type { get; internal set; }

        /// <summary>Bytes the record takes in the file, framing included.</summary>
        public int Size { get; internal set; }

        /// <summary>
        /// The payload of the record just read or written. It lives in the journal's one buffer and is
        /// valid until the next journal operation.
        /// </summary>
        public PayloadBuffer Payload { get; internal set; }

        /// <summary>Moves the record before the first one so the next read returns the first record.</summary>
        public void Rewind()
        {
            Position = 0;
            NextPosition = Journal.HeaderSize;
            Sequence = 0;
            Type = 0;
            Size = 0;
            Payload = null;
        }
    }
}
