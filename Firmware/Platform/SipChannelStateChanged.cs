namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>The channel became usable (<paramref name="connected"/> true) or stopped being usable.</summary>
    public delegate void SipChannelStateChanged(bool connected);
}
