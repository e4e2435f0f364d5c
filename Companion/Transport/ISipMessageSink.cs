using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>Where a transport delivers the messages it parsed (called on a transport thread).</summary>
public interface ISipMessageSink
{
    /// <summary>A well-formed message arrived from <paramref name="source"/>.</summary>
    void OnMessage(SipMessage message, SipEndPoint source);
}
