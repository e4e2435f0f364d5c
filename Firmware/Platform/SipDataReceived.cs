namespace SimpleImGateway.Firmware.Platform
{
    /// <summary>
    /// Bytes that arrived from the server. For UDP one call is one datagram; for TCP a call carries
    /// whatever the stream delivered, and framing is up to the receiver. The buffer belongs to the
    /// channel and is reused after the call returns, so copy what must be kept.
    /// </summary>
    public delegate void SipDataReceived(byte[] buffer, int offset, int count);
}
