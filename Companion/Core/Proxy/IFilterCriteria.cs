using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>The filter-criteria table: which application server, if any, a request to a local user goes to.</summary>
    public interface IFilterCriteria
    {
        /// <summary>The first matching criterion, or null when the request goes to the user's contacts.</summary>
        FilterCriterion? Select(SipMessage request, SenderKind sender, SipEndPoint source);
    }
}
