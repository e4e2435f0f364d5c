using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>The proxy (RFC 3261 §16): routes every request that is not a REGISTER for the Core's domain.</summary>
    public interface IProxy
    {
        /// <summary>Decides where the request goes and forwards it statefully, or answers it (on the loop).</summary>
        void OnRequest(SipServerTransaction transaction, SipMessage request);
    }
}
