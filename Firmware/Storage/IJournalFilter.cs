namespace SimpleImGateway.Firmware.Storage
{
    /// <summary>Decides during compaction which records are still needed.</summary>
    public interface IJournalFilter
    {
        /// <summary>
        /// Whether <paramref name="record"/> goes into the compacted file. The record and its payload
        /// are valid only during the call; the filter must not call back into the journal.
        /// </summary>
        bool Retain(JournalRecord record);
    }
}
