using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Headers
{
    /// <summary>
    /// The Subscription-State header of a NOTIFY (RFC 6665 §8.2.3): <c>active;expires=600</c>,
    /// <c>pending</c>, <c>terminated;reason=timeout</c>, with optional retry-after.
    /// </summary>
    public sealed class SubscriptionStateHeader
    {
        /// <summary>The active state.</summary>
        public const string Active = "active";

        /// <summary>The pending state.</summary>
        public const string Pending = "pending";

        /// <summary>The terminated state.</summary>
        public const string Terminated = "terminated";

        /// <summary>Creates a value with no parameters.</summary>
        public SubscriptionStateHeader(string state)
        {
            State = state;
            Parameters = new SipParameters();
        }

        /// <summary>The state token as received.</summary>
        public string State { get; }

        /// <summary>Whether the state is active (case-insensitive).</summary>
        public bool IsActive => SipHeaderNames.EqualsIgnoreCase(State, Active);

        /// <summary>Whether the state is pending (case-insensitive).</summary>
        public bool IsPending => SipHeaderNames.EqualsIgnoreCase(State, Pending);

        /// <summary>Whether the state is terminated (case-insensitive).</summary>
        public bool IsTerminated => SipHeaderNames.EqualsIgnoreCase(State, Terminated);

        /// <summary>All parameters in order.</summary>
        public SipParameters Parameters { get; private set; }

        /// <summary>The reason parameter (e.g. timeout, noresource), or null.</summary>
        public string Reason
        {
            get => Parameters.Get("reason");
            set => Parameters.Set("reason", value);
        }

        /// <summary>The expires parameter in seconds, or -1 when absent.</summary>
        public long Expires
        {
            get
            {
                string v = Parameters.Get("expires");
                return v == null ? -1 : ExpiresHeader.Parse(v);
            }

            set => Parameters.Set("expires", value.ToString());
        }

        /// <summary>The retry-after parameter in seconds, or -1 when absent.</summary>
        public long RetryAfter
        {
            get
            {
                string v = Parameters.Get("retry-after");
                return v == null ? -1 : ExpiresHeader.Parse(v);
            }

            set => Parameters.Set("retry-after", value.ToString());
        }

        /// <summary>Parses a Subscription-State value.</summary>
        public static SubscriptionStateHeader Parse(string value)
        {
            if (value == null)
            {
                throw new SipParseException("Subscription-State value is missing");
            }

            int start = 0;
            int end = SipParameters.ReadToken(value, ref start, value.Length, "Subscription-State", "a state");
            var result = new SubscriptionStateHeader(value.Substring(start, end - start));
            SipParameters.Scan(value, end, value.Length, result.Parameters);
            return result;
        }

        /// <inheritdoc/>
        public override string ToString() => State + Parameters.ToString();
    }
}
