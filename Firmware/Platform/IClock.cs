namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>A monotonic clock: it never goes back, whatever happens to the wall-clock time.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start (usually boot).</summary>
        long NowMilliseconds { get; }
    }
}
