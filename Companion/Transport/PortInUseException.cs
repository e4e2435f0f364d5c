using System;

namespace SimpleImGateway.Companion.Transport;

/// <summary>Raised at start when a configured SIP port is already bound by another process.</summary>
public sealed class PortInUseException : Exception
{
    /// <summary>Creates the exception for <paramref name="protocol"/> on <paramref name="endPoint"/>.</summary>
    public PortInUseException(string protocol, string endPoint, Exception inner)
        : base($"{protocol} port {endPoint} is already in use", inner)
    {
    }
}
