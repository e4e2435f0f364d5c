using System;
using SimpleImGateway.Companion.Core.Configuration;
using SimpleImGateway.Companion.Core.ThirdPartyRegistration;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Core.Proxy
{
    /// <summary>
    /// One parsed filter criterion: which requests to a local user it matches and where they go. A null
    /// <see cref="Target"/> means the user's registered contacts.
    /// </summary>
    public sealed class FilterCriterion
    {
        /// <summary>Creates a criterion; empty <paramref name="methods"/> or <paramref name="events"/> match anything.</summary>
        public FilterCriterion(string name, int priority, string[] methods, string[] events, FilterDirection direction, ApplicationServer? target)
        {
            Name = name;
            Priority = priority;
            Methods = methods;
            Events = events;
            Direction = direction;
            Target = target;
        }

        /// <summary>The configuration key.</summary>
        public string Name { get; }

        /// <summary>Evaluation order, lower first.</summary>
        public int Priority { get; }

        /// <summary>Matching methods (ordinal); empty for any.</summary>
        public string[] Methods { get; }

        /// <summary>Matching event packages (case-insensitive); empty for any.</summary>
        public string[] Events { get; }

        /// <summary>Matching senders.</summary>
        public FilterDirection Direction { get; }

        /// <summary>The application server a match goes to, or null for the user's contacts.</summary>
        public ApplicationServer? Target { get; }

        /// <summary>
        /// Whether the criterion takes this request: method, event package and sender match, and the target is not
        /// the application server the request came from.
        /// </summary>
        public bool Matches(string method, string? eventPackage, SenderKind sender, SipEndPoint source)
        {
            if (Methods.Length > 0 && Array.IndexOf(Methods, method) < 0)
            {
                return false;
            }

            if (Events.Length > 0 && (eventPackage is null || !Array.Exists(Events, e => string.Equals(e, eventPackage, StringComparison.OrdinalIgnoreCase))))
            {
                return false;
            }

            bool directionMatches = Direction switch
            {
                FilterDirection.Originating => sender == SenderKind.LocalUser,
                FilterDirection.Terminating => sender != SenderKind.ApplicationServer,
                FilterDirection.FromApplicationServer => sender == SenderKind.ApplicationServer,
                _ => true,
            };
            return directionMatches && (Target is null || !Target.IsSource(source));
        }

        /// <summary>For logs.</summary>
        public override string ToString() => $"{Name} (priority {Priority}) -> {(Target is null ? FilterCriterionOptions.ContactsTarget : Target.Name)}";
    }
}
