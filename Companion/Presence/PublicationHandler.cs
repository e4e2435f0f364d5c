using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Presence.Events;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Presence
{
    /// <summary>
    /// The event state compositor's PUBLISH side (RFC 3903) for the presence package: initial publication,
    /// refresh (SIP-If-Match, no body), modification (SIP-If-Match and a body) and removal (Expires: 0). Every
    /// success issues a new entity tag that replaces the old one, so one publication is one record. The
    /// publisher must be the presentity itself (or a trusted application server).
    /// </summary>
    public sealed class PublicationHandler
    {
        /// <summary>How many publications one presentity may hold at once (several devices or clients).</summary>
        public const int MaxPublicationsPerPresentity = 32;

        private readonly Dictionary<string, Publication> _byETag = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<Publication>> _byPresentity = new(StringComparer.Ordinal);
        private readonly LoopTimers _timers;
        private readonly PresenceStateWriter _writer;
        private readonly WatcherRules _rules;
        private readonly ExpiryPolicy _expiry;
        private readonly string _domain;
        private readonly TimeProvider _time;
        private readonly ILogger _logger;

        /// <summary>Creates the handler.</summary>
        public PublicationHandler(LoopTimers timers, PresenceStateWriter writer, WatcherRules rules, ExpiryPolicy expiry, string domain, TimeProvider time, ILogger logger)
        {
            _timers = timers;
            _writer = writer;
            _rules = rules;
            _expiry = expiry;
            _domain = domain;
            _time = time;
            _logger = logger;
        }

        /// <summary>Raised on the loop when a presentity's publications changed (added, modified, removed, expired).</summary>
        public event Action<string>? Changed;

        /// <summary>The live documents of a presentity, oldest publication first (the order the composer merges in).</summary>
        public PresenceDocument[] DocumentsOf(string presentity) =>
            _byPresentity.TryGetValue(presentity, out List<Publication>? list) ? list.Select(p => p.Document).ToArray() : [];

        /// <summary>Takes back publications saved before a restart; an unreadable one is dropped with a warning.</summary>
        public void Restore(IEnumerable<PresencePublication> saved)
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach (PresencePublication record in saved)
            {
                if (record.ExpiresAt <= now || _byETag.ContainsKey(record.ETag))
                {
                    continue;
                }

                try
                {
                    Add(new Publication(record, PidfReader.Parse(record.Body, 0, record.Body.Length)));
                }
                catch (SipParseException e)
                {
                    _logger.LogWarning("Dropped stored publication {ETag} of {Presentity}: {Reason}", record.ETag, record.Presentity, e.Reason);
                    _writer.Enqueue("removing an unreadable publication", (store, ct) => store.RemovePublicationAsync(record.ETag, ct));
                }
            }
        }

        /// <summary>Answers a PUBLISH and applies it.</summary>
        public void OnPublish(SipServerTransaction transaction, SipMessage request)
        {
            if (!IsPresenceEvent(request.Headers.Get(SipHeaderNames.Event)))
            {
                SipMessage badEvent = transaction.CreateResponse(489, "Bad Event: only presence state is published here");
                badEvent.Headers.Add(SipHeaderNames.AllowEvents, PresencePackage.PackageName);
                transaction.SendResponse(badEvent);
                return;
            }

            string? presentity = AddressOfRecord.ResourceOf(request, _domain);
            if (presentity is null)
            {
                transaction.Respond(404, "Not Found: no presentity in the Request-URI or To");
                return;
            }

            string? publisher = AddressOfRecord.FromNameAddress(request.Headers.Get(SipHeaderNames.From));
            if (publisher != presentity && (publisher is null || !_rules.IsTrusted(publisher)))
            {
                transaction.Respond(403, $"Forbidden: only {presentity} publishes its presence");
                return;
            }

            long requested = -1;
            if (request.Headers.Get(SipHeaderNames.Expires) is { } expiresValue)
            {
                try
                {
                    requested = ExpiresHeader.Parse(expiresValue);
                }
                catch (SipParseException e)
                {
                    transaction.Respond(400, "Malformed Expires: " + e.Reason);
                    return;
                }
            }

            string? ifMatch = request.Headers.Get(SipHeaderNames.SipIfMatch)?.Trim();
            Publication? current = null;
            if (ifMatch is not null && (!_byETag.TryGetValue(ifMatch, out current) || current.Record.Presentity != presentity))
            {
                transaction.Respond(412, "Conditional Request Failed: no publication has that entity tag");
                return;
            }

            if (current is not null && requested == 0)
            {
                Remove(current);
                SipMessage removed = transaction.CreateResponse(200, "OK");
                removed.Headers.Add(SipHeaderNames.Expires, "0");
                transaction.SendResponse(removed);
                _logger.LogDebug("Publication {ETag} of {Presentity} removed", current.Record.ETag, presentity);
                Changed?.Invoke(presentity);
                return;
            }

            if (current is null && requested == 0)
            {
                transaction.Respond(400, "Expires: 0 removes a publication and needs SIP-If-Match");
                return;
            }

            if (requested > 0 && requested < _expiry.MinSeconds)
            {
                SipMessage tooBrief = transaction.CreateResponse(423, $"Interval Too Brief: at least {_expiry.MinSeconds} seconds");
                tooBrief.Headers.Add(SipHeaderNames.MinExpires, _expiry.MinSeconds.ToString(CultureInfo.InvariantCulture));
                transaction.SendResponse(tooBrief);
                return;
            }

            PresenceDocument? document = null;
            if (request.Body.Length > 0)
            {
                if (!TryReadBody(transaction, request, out document))
                {
                    return;
                }
            }
            else if (current is null)
            {
                transaction.Respond(400, "An initial PUBLISH needs a PIDF body");
                return;
            }

            if (current is null && _byPresentity.TryGetValue(presentity, out List<Publication>? existing) && existing.Count >= MaxPublicationsPerPresentity)
            {
                transaction.Respond(403, $"Forbidden: {presentity} already has {MaxPublicationsPerPresentity} publications");
                return;
            }

            long granted = requested < 0 ? _expiry.DefaultSeconds : Math.Min(requested, _expiry.MaxSeconds);
            DateTimeOffset now = _time.GetUtcNow();
            var record = new PresencePublication
            {
                ETag = NewETag(),
                Presentity = presentity,
                EventPackage = PresencePackage.PackageName,
                ExpiresAt = now.AddSeconds(granted),
                ContentType = PresencePackage.PidfContentType,
                Body = document is null ? current!.Record.Body : request.Body,
                PublishedAt = document is null ? current!.Record.PublishedAt : now,
            };

            var publication = new Publication(record, document ?? current!.Document);
            if (current is null)
            {
                Add(publication);
                _writer.Enqueue("adding a publication", (store, ct) => store.AddPublicationAsync(record, ct));
            }
            else
            {
                Replace(current, publication);
                string oldETag = current.Record.ETag;
                _writer.Enqueue("replacing a publication", (store, ct) => store.ReplacePublicationAsync(oldETag, record, ct));
            }

            SipMessage ok = transaction.CreateResponse(200, "OK");
            ok.Headers.Add(SipHeaderNames.SipETag, record.ETag);
            ok.Headers.Add(SipHeaderNames.Expires, granted.ToString(CultureInfo.InvariantCulture));
            transaction.SendResponse(ok);
            _logger.LogDebug("Publication {ETag} of {Presentity} for {Seconds} s ({Kind})", record.ETag, presentity, granted,
                current is null ? "initial" : document is null ? "refresh" : "modify");
            if (document is not null)
            {
                Changed?.Invoke(presentity);
            }
        }

        private static bool IsPresenceEvent(string? value)
        {
            if (value is null)
            {
                return false;
            }

            try
            {
                return EventHeader.Parse(value).EventType == PresencePackage.PackageName;
            }
            catch (SipParseException)
            {
                return false;
            }
        }

        private static bool TryReadBody(SipServerTransaction transaction, SipMessage request, out PresenceDocument? document)
        {
            document = null;
            string? contentType = request.Headers.Get(SipHeaderNames.ContentType);
            bool isPidf;
            try
            {
                isPidf = contentType is not null && ContentTypeHeader.Parse(contentType).Is("application", "pidf+xml");
            }
            catch (SipParseException)
            {
                isPidf = false;
            }

            string? encoding = request.Headers.Get(SipHeaderNames.ContentEncoding)?.Trim();
            if (!isPidf || (encoding is not null && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase)))
            {
                SipMessage unsupported = transaction.CreateResponse(415, $"Unsupported Media Type: '{contentType}'{(encoding is null ? string.Empty : " encoded " + encoding)}; presence is published as {PresencePackage.PidfContentType}");
                unsupported.Headers.Add(SipHeaderNames.Accept, PresencePackage.PidfContentType);
                unsupported.Headers.Add(SipHeaderNames.AcceptEncoding, "identity");
                transaction.SendResponse(unsupported);
                return false;
            }

            try
            {
                document = PidfReader.Parse(request.Body, 0, request.Body.Length);
                return true;
            }
            catch (SipParseException e)
            {
                transaction.Respond(400, "Malformed PIDF: " + OneLine(e.Reason));
                return false;
            }
        }

        // A reason phrase may not hold CR or LF (RFC 3261 §25.1).
        private static string OneLine(string text) => text.Replace('\r', ' ').Replace('\n', ' ');

        private string NewETag()
        {
            while (true)
            {
                string etag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
                if (!_byETag.ContainsKey(etag))
                {
                    return etag;
                }
            }
        }

        private void Add(Publication publication)
        {
            _byETag.Add(publication.Record.ETag, publication);
            if (!_byPresentity.TryGetValue(publication.Record.Presentity, out List<Publication>? list))
            {
                _byPresentity[publication.Record.Presentity] = list = [];
            }

            list.Add(publication);
            list.Sort(static (a, b) =>
            {
                int byTime = a.Record.PublishedAt.CompareTo(b.Record.PublishedAt);
                return byTime != 0 ? byTime : string.CompareOrdinal(a.Record.ETag, b.Record.ETag);
            });
            ScheduleExpiry(publication);
        }

        private void Replace(Publication current, Publication replacement)
        {
            Forget(current);
            Add(replacement);
        }

        private void Remove(Publication publication)
        {
            Forget(publication);
            string etag = publication.Record.ETag;
            _writer.Enqueue("removing a publication", (store, ct) => store.RemovePublicationAsync(etag, ct));
        }

        private void Forget(Publication publication)
        {
            publication.Expiry?.Cancel();
            _byETag.Remove(publication.Record.ETag);
            if (_byPresentity.TryGetValue(publication.Record.Presentity, out List<Publication>? list))
            {
                list.Remove(publication);
                if (list.Count == 0)
                {
                    _byPresentity.Remove(publication.Record.Presentity);
                }
            }
        }

        private void ScheduleExpiry(Publication publication)
        {
            publication.Expiry = _timers.Schedule(publication.Record.ExpiresAt, () =>
            {
                if (_byETag.TryGetValue(publication.Record.ETag, out Publication? current) && current == publication)
                {
                    _logger.LogDebug("Publication {ETag} of {Presentity} expired", publication.Record.ETag, publication.Record.Presentity);
                    Remove(publication);
                    Changed?.Invoke(publication.Record.Presentity);
                }
            });
        }
    }
}
