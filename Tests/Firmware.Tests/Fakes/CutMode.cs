namespace SimpleImGateway.Firmware.Tests.Fakes
{
    /// <summary>What a power cut in the middle of a write leaves behind.</summary>
    public enum CutMode
    {
        /// <summary>The bytes of the write before the cut point are on flash, the rest are not.</summary>
        Truncate,

        /// <summary>The bytes before the cut point are right, the rest of the write is garbage.</summary>
        Garble,

        /// <summary>Everything written since each file's last flush is lost (a write-back cache).</summary>
        LoseUnflushed,
    }
}
