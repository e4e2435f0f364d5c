using System.Collections.Generic;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary><see cref="IFilterCriteria"/> over the criteria of <c>Core:FilterCriteria</c> in priority order.</summary>
    public sealed class FilterCriteriaTable : IFilterCriteria
    {
        private readonly IReadOnlyList<FilterCriterion> _criteria;

        /// <summary>Creates the table; <paramref name="criteria"/> are in evaluation order.</summary>
        public FilterCriteriaTable(IReadOnlyList<FilterCriterion> criteria)
        {
            _criteria = criteria;
        }

        /// <inheritdoc/>
        public FilterCriterion? Select(SipMessage request, SenderKind sender, SipEndPoint source)
        {
            if (_criteria.Count == 0)
            {
                return null;
            }

            string? package = null;
            string? eventValue = request.Headers.Get(SipHeaderNames.Event);
            if (eventValue is not null)
            {
                try
                {
                    package = EventHeader.Parse(eventValue).Package;
                }
                catch (SipParseException)
                {
                    package = null; // an unreadable Event matches no criterion that names packages
                }
            }

            foreach (FilterCriterion criterion in _criteria)
            {
                if (criterion.Matches(request.Method, package, sender, source))
                {
                    return criterion;
                }
            }

            return null;
        }
    }
}
