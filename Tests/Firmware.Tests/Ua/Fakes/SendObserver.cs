namespace SimpleImGateway.Firmware.Tests.Ua.Fakes
{
    /// <summary>Looks at bytes the moment the UA sends them (for checks of what had happened before).</summary>
    public delegate void SendObserver(byte[] bytes);
}
