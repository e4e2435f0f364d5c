using System;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// Reports the end of one client transaction as a final status: the final response (the message is
    /// passed), 408 on timeout or 503 on a transport error (the message is null). Provisional responses are ignored.
    /// </summary>
    internal sealed class ClientTransactionCallback : ISipClientTransactionUser
    {
        private readonly Action<int, SipMessage?> _onFinal;

        public ClientTransactionCallback(Action<int, SipMessage?> onFinal)
        {
            _onFinal = onFinal;
        }

        public void OnResponse(SipClientTransaction transaction, SipMessage response)
        {
            if (response.StatusCode >= 200)
            {
                _onFinal(response.StatusCode, response);
            }
        }

        public void OnTimeout(SipClientTransaction transaction) => _onFinal(408, null);

        public void OnTransportError(SipClientTransaction transaction, Exception error) => _onFinal(503, null);
    }
}
