using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Registrar
{
    /// <summary>The registrar (RFC 3261 §10.3): handles REGISTER requests addressed to the Core's domain.</summary>
    public interface IRegistrar
    {
        /// <summary>Processes a REGISTER and answers it through <paramref name="transaction"/> (on the loop).</summary>
        void OnRegister(SipServerTransaction transaction, SipMessage request);
    }
}
