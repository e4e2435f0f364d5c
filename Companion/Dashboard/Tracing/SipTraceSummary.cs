using System;
using System.Collections.Generic;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Dashboard.Tracing
{
    /// <summary>Turns a SIP message into the short text of a ladder line.</summary>
    internal static class SipTraceSummary
    {
        /// <summary>Longest summary kept; the rest is cut with an ellipsis.</summary>
        public const int MaxLength = 160;

        /// <summary>Largest PIDF body read to say open/closed in the summary.</summary>
        private const int MaxPidfBytes = 16 * 1024;

        /// <summary>The label (method, or <c>200 OK</c>), the method (the CSeq's for a response) and the summary.</summary>
        public static (string Label, string? Method, string Summary) Describe(SipMessage message)
        {
            string? cseqMethod = CSeqMethod(message);
            var parts = new List<string>();
            if (message.IsRequest)
            {
                string from = SipAddressText.UserOfHeader(message.Headers.Get(SipHeaderNames.From)) ?? "?";
                string to = SipAddressText.UserOfHeader(message.Headers.Get(SipHeaderNames.To)) ?? "?";
                parts.Add(from + " → " + to);
            }
            else if (cseqMethod is not null)
            {
                parts.Add(cseqMethod);
            }

            AddHeader(parts, message, SipHeaderNames.Event, "Event");
            AddHeader(parts, message, SipHeaderNames.Expires, "Expires");
            AddHeader(parts, message, SipHeaderNames.SubscriptionState, "State");
            AddHeader(parts, message, SipHeaderNames.SipETag, "ETag");
            AddHeader(parts, message, SipHeaderNames.SipIfMatch, "If-Match");
            AddBody(parts, message);

            string label = message.IsRequest ? message.Method : message.StatusCode + " " + message.ReasonPhrase;
            string? method = message.IsRequest ? message.Method : cseqMethod;
            return (label, method, Cut(string.Join(" · ", parts)));
        }

        private static string? CSeqMethod(SipMessage message)
        {
            string? value = message.Headers.Get(SipHeaderNames.CSeq);
            if (value is null)
            {
                return null;
            }

            try
            {
                return CSeqHeader.Parse(value).Method;
            }
            catch (SipParseException)
            {
                return null;
            }
        }

        private static void AddHeader(List<string> parts, SipMessage message, string name, string caption)
        {
            string? value = message.Headers.Get(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(caption + " " + value.Trim());
            }
        }

        private static void AddBody(List<string> parts, SipMessage message)
        {
            byte[] body = message.Body;
            if (body.Length == 0)
            {
                return;
            }

            string type = message.Headers.Get(SipHeaderNames.ContentType)?.Trim() ?? "no type";
            int semicolon = type.IndexOf(';', StringComparison.Ordinal);
            string bareType = (semicolon >= 0 ? type[..semicolon] : type).Trim();
            string text = bareType + " " + body.Length + " B";
            if (bareType.Equals("application/pidf+xml", StringComparison.OrdinalIgnoreCase) && body.Length <= MaxPidfBytes)
            {
                text += PidfState(body);
            }

            parts.Add(text);
        }

        private static string PidfState(byte[] body)
        {
            try
            {
                PresenceDocument document = PidfReader.Parse(body, 0, body.Length);
                bool open = false;
                for (int i = 0; i < document.TupleCount; i++)
                {
                    open |= document.GetTuple(i).Basic == BasicStatus.Open;
                }

                return (open ? " (open" : " (closed") + (document.IsAvailableForIm ? ", available for IM)" : ")");
            }
            catch (Exception e) when (e is SipParseException or ArgumentException)
            {
                return " (unreadable PIDF)";
            }
        }

        private static string Cut(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }
}
