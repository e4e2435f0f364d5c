namespace SimpleImGateway.Firmware.Ua
{
    /// <summary>
    /// Tells the thread running the UA loop that <see cref="UserAgent.Poll"/> has work before
    /// <see cref="UserAgent.NextDueMilliseconds"/>: bytes arrived on the channel's thread, or the
    /// channel's state changed. Called on that other thread; it should only signal.
    /// </summary>
    public delegate void UaWakeUp();
}
