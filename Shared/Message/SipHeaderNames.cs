namespace SimpleImGateway.Sip.Message
{
    /// <summary>
    /// Canonical spellings of the header field names this project uses, and the mapping of
    /// RFC 3261 §7.3.3 compact forms (plus those of RFC 3265/3903/4028) to their long forms.
    /// </summary>
    public static class SipHeaderNames
    {
        public const string Accept = "Accept";
        public const string AcceptEncoding = "Accept-Encoding";
        public const string Allow = "Allow";
        public const string AllowEvents = "Allow-Events";
        public const string Authorization = "Authorization";
        public const string AuthenticationInfo = "Authentication-Info";
        public const string CallId = "Call-ID";
        public const string Contact = "Contact";
        public const string ContentEncoding = "Content-Encoding";
        public const string ContentLength = "Content-Length";
        public const string ContentType = "Content-Type";
        public const string CSeq = "CSeq";
        public const string Date = "Date";
        public const string Event = "Event";
        public const string Expires = "Expires";
        public const string From = "From";
        public const string MaxForwards = "Max-Forwards";
        public const string MessageId = "Message-ID";
        public const string MinExpires = "Min-Expires";
        public const string Path = "Path";
        public const string ProxyAuthenticate = "Proxy-Authenticate";
        public const string ProxyAuthorization = "Proxy-Authorization";
        public const string ProxyRequire = "Proxy-Require";
        public const string RecordRoute = "Record-Route";
        public const string ReferTo = "Refer-To";
        public const string Require = "Require";
        public const string RetryAfter = "Retry-After";
        public const string Route = "Route";
        public const string Server = "Server";
        public const string SipETag = "SIP-ETag";
        public const string SipIfMatch = "SIP-If-Match";
        public const string Subject = "Subject";
        public const string SubscriptionState = "Subscription-State";
        public const string Supported = "Supported";
        public const string Timestamp = "Timestamp";
        public const string To = "To";
        public const string Unsupported = "Unsupported";
        public const string UserAgent = "User-Agent";
        public const string Via = "Via";
        public const string Warning = "Warning";
        public const string WwwAuthenticate = "WWW-Authenticate";

        private static readonly string[] s_known =
        {
            Accept, AcceptEncoding, Allow, AllowEvents, Authorization, AuthenticationInfo, CallId, Contact,
            ContentEncoding, ContentLength, ContentType, CSeq, Date, Event, Expires, From, MaxForwards, MessageId,
            MinExpires, Path, ProxyAuthenticate, ProxyAuthorization, ProxyRequire, RecordRoute, ReferTo, Require,
            RetryAfter, Route, Server, SipETag, SipIfMatch, Subject, SubscriptionState, Supported, Timestamp, To,
            Unsupported, UserAgent, Via, Warning, WwwAuthenticate,
        };

        /// <summary>
        /// Returns the canonical long name for <paramref name="name"/>: compact forms are expanded,
        /// known names get their canonical case, unknown names are returned unchanged.
        /// </summary>
        public static string Canonicalize(string name)
        {
            // Callers mostly pass the constants themselves: a reference test settles those.
            for (int i = 0; i < s_known.Length; i++)
            {
                if ((object)s_known[i] == name)
                {
                    return name;
                }
            }

            if (name.Length == 1)
            {
                string expanded = ExpandCompact(name[0]);
                if (expanded != null)
                {
                    return expanded;
                }
            }

            for (int i = 0; i < s_known.Length; i++)
            {
                if (EqualsIgnoreCase(s_known[i], name))
                {
                    return s_known[i];
                }
            }

            return name;
        }

        /// <summary>
        /// The canonical name for the header name in <c>bytes[offset..offset+count)</c> (compact forms expanded,
        /// case ignored), or null when it is not a known name. Lets the parser intern names without allocating.
        /// </summary>
        internal static string Lookup(byte[] bytes, int offset, int count)
        {
            if (count == 1)
            {
                return ExpandCompact((char)bytes[offset]);
            }

            for (int k = 0; k < s_known.Length; k++)
            {
                string known = s_known[k];
                if (known.Length != count)
                {
                    continue;
                }

                int i = 0;
                while (i < count)
                {
                    int b = bytes[offset + i];
                    int c = known[i];
                    if (b != c && ((b | 0x20) != (c | 0x20) || (c | 0x20) < 'a' || (c | 0x20) > 'z'))
                    {
                        break;
                    }

                    i++;
                }

                if (i == count)
                {
                    return known;
                }
            }

            return null;
        }

        /// <summary>The long form of a compact header name, or null when the letter is not one.</summary>
        public static string ExpandCompact(char letter)
        {
            switch (letter | 0x20)
            {
                case 'i': return CallId;
                case 'm': return Contact;
                case 'e': return ContentEncoding;
                case 'l': return ContentLength;
                case 'c': return ContentType;
                case 'f': return From;
                case 's': return Subject;
                case 'k': return Supported;
                case 't': return To;
                case 'v': return Via;
                case 'o': return Event;
                case 'u': return AllowEvents;
                case 'r': return ReferTo;
                default: return null;
            }
        }

        /// <summary>
        /// Whether values of this header form a comma-separated list that the parser splits into one
        /// header per value (RFC 3261 §7.3.1). Headers whose values may contain bare commas
        /// (Authorization, Date, ...) are never split.
        /// </summary>
        public static bool IsList(string canonicalName)
        {
            switch (canonicalName)
            {
                case Via:
                case Contact:
                case Route:
                case RecordRoute:
                case Path:
                case Allow:
                case AllowEvents:
                case Supported:
                case Require:
                case ProxyRequire:
                case Unsupported:
                case Accept:
                case AcceptEncoding:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>ASCII case-insensitive comparison; header names are ASCII tokens.</summary>
        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                char x = a[i];
                char y = b[i];
                if (x != y && ((x | 0x20) != (y | 0x20) || (x | 0x20) < 'a' || (x | 0x20) > 'z'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
