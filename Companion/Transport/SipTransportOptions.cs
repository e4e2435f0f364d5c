using System.ComponentModel.DataAnnotations;

namespace SimpleImGateway.Companion.Transport;

/// <summary>Where and how one SIP element listens.</summary>
public sealed class SipTransportOptions
{
    /// <summary>The address to bind; loopback by default.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The UDP and TCP port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 5060;

    /// <summary>Whether to listen on UDP.</summary>
    public bool Udp { get; set; } = true;

    /// <summary>Whether to listen on TCP.</summary>
    public bool Tcp { get; set; } = true;

    /// <summary>The largest message accepted or sent, in octets (datagrams and stream frames alike).</summary>
    [Range(512, 1048576)]
    public int MaxMessageSize { get; set; } = 65535;

    /// <summary>Requests per second one source address may send before it is answered 503.</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerSecondPerSource { get; set; } = 5000;

    /// <summary>How many TCP connections may be open at once; more are refused.</summary>
    [Range(1, 100_000)]
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>How long an idle TCP connection stays open, in seconds.</summary>
    [Range(1, 86400)]
    public int TcpIdleTimeoutSeconds { get; set; } = 600;
}
