using System;
using System.Collections.Generic;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Im
{
    /// <summary>
    /// The delivery lane of one recipient: at most one MESSAGE is on its way to the recipient at a time, either a
    /// relayed one or a stored one, which keeps every sender's messages in order. A new MESSAGE is relayed only
    /// when the lane is idle (nothing stored, being stored, relayed or delivered); otherwise it joins the store
    /// behind the others. Stored messages are read a page at a time and delivered in arrival order, the next one
    /// after the previous one's 2xx; a failure holds the lane until the message's persisted next-attempt time.
    /// Runs on the element's loop.
    /// </summary>
    internal sealed class RecipientQueue
    {
        /// <summary>How many stored messages are read per query.</summary>
        public const int PageSize = 200;

        private readonly ImElement _host;
        private readonly LoopTimer _retry;
        private readonly HashSet<long> _deleting = [];
        private readonly List<IncomingMessage> _awaitingUserCheck = [];
        private List<DeferredMessage> _page = [];
        private int _head;
        private bool _delivering;
        private bool _loading;
        private bool _storedDuringLoad;
        private bool _waitingForDeletes;

        public RecipientQueue(ImElement host, string aor)
        {
            _host = host;
            Aor = aor;
            _retry = new LoopTimer(host.Time, host.Loop, Kick);
        }

        public string Aor { get; }

        /// <summary>Whether the store may hold messages for the recipient.</summary>
        public bool HasStored { get; set; }

        /// <summary>Messages on their way into the store (their user check or their write is pending).</summary>
        public int PendingStores { get; set; }

        /// <summary>A relayed MESSAGE is waiting for its final response.</summary>
        public bool Relaying { get; set; }

        /// <summary>The dedup key of the MESSAGE being relayed.</summary>
        public string? RelayingKey { get; set; }

        /// <summary>Copies of the MESSAGE being relayed (re-sent with the same key); they get its final response.</summary>
        public List<SipServerTransaction> RelayCopies { get; } = [];

        /// <summary>Whether the recipient is known to exist (checked once per queue lifetime).</summary>
        public bool UserChecked { get; set; }

        /// <summary>Whether a user-store lookup for the recipient is running.</summary>
        public bool CheckingUser { get; set; }

        /// <summary>MESSAGEs that arrived while the user lookup ran, in arrival order.</summary>
        public List<IncomingMessage> AwaitingUserCheck => _awaitingUserCheck;

        /// <summary>Nothing stored, pending, in flight or waiting: a new MESSAGE may be relayed at once.</summary>
        public bool IsIdle => !HasStored && PendingStores == 0 && !Relaying && !_delivering && !_loading && _deleting.Count == 0;

        /// <summary>Whether the queue holds no state worth keeping in memory.</summary>
        public bool CanBeReleased => IsIdle && !CheckingUser && !_retry.IsArmed;

        /// <summary>Starts the next delivery if the recipient is available and nothing is in flight.</summary>
        public void Kick()
        {
            while (true)
            {
                if (Relaying || _delivering || _loading || !HasStored || !_host.IsAvailable(Aor))
                {
                    return;
                }

                if (_head >= _page.Count)
                {
                    // Deletes still being committed come back from the store: read that many more and skip them.
                    _loading = true;
                    _storedDuringLoad = false;
                    _host.LoadPage(this, PageSize + _deleting.Count);
                    return;
                }

                DeferredMessage next = _page[_head];
                DateTimeOffset now = _host.Now;
                if (next.ExpiresAt <= now)
                {
                    // The expiry run removes it and tells the sender; never deliver it.
                    _head++;
                    _host.RequestExpiryRun();
                    continue;
                }

                if (next.NextAttemptAt > now)
                {
                    if (!_retry.IsArmed || _retry.DueAt != next.NextAttemptAt)
                    {
                        _retry.StartAt(next.NextAttemptAt);
                    }

                    return;
                }

                _retry.Cancel();
                _delivering = true;
                _host.Deliver(next, this);
                return;
            }
        }

        /// <summary>A page read from the store (null when the read failed).</summary>
        public void OnPageLoaded(IReadOnlyList<DeferredMessage>? messages)
        {
            _loading = false;
            if (messages is null)
            {
                _retry.Start(_host.Backoff.Delay(1));
                return;
            }

            _page = [];
            _head = 0;
            foreach (DeferredMessage message in messages)
            {
                if (!_deleting.Contains(message.Id))
                {
                    _page.Add(message);
                }
            }

            if (_page.Count == 0)
            {
                if (_storedDuringLoad)
                {
                    Kick();
                }
                else if (messages.Count > 0)
                {
                    // Only messages whose deletes are not committed yet: look again once they are.
                    _waitingForDeletes = true;
                }
                else if (PendingStores == 0)
                {
                    HasStored = false;
                    _host.ReleaseIfIdle(this);
                }

                return;
            }

            Kick();
        }

        /// <summary>A write of a message for this recipient finished.</summary>
        public void OnStoreCompleted(bool stored)
        {
            PendingStores--;
            if (stored)
            {
                HasStored = true;
                if (_loading)
                {
                    _storedDuringLoad = true;
                }
            }

            Kick();
        }

        /// <summary>The final status of a delivery attempt of <paramref name="message"/>.</summary>
        public void OnDelivered(DeferredMessage message, int status, SipMessage? response)
        {
            _delivering = false;
            switch (DeliveryOutcomes.Of(status))
            {
                case DeliveryOutcome.Delivered:
                    _head++;
                    _deleting.Add(message.Id);
                    _host.CompleteDelivery(message, this);
                    break;
                case DeliveryOutcome.Refused:
                    _head++;
                    _deleting.Add(message.Id);
                    _host.Refuse(message, status, response?.ReasonPhrase ?? string.Empty, this);
                    break;
                default:
                    int attempts = message.Attempts + 1;
                    DateTimeOffset next = _host.Now + _host.Backoff.Delay(attempts);
                    _page[_head] = message with { Attempts = attempts, NextAttemptAt = next };
                    _host.RecordFailedAttempt(message, status, next);
                    break;
            }

            Kick();
        }

        /// <summary>The delete of a delivered (or refused) message is committed.</summary>
        public void OnDeleted(long id)
        {
            _deleting.Remove(id);
            if (_waitingForDeletes && _deleting.Count == 0)
            {
                _waitingForDeletes = false;
                Kick();
            }

            _host.ReleaseIfIdle(this);
        }

        /// <summary>The expiry run removed these messages from the store: never deliver them.</summary>
        public void Forget(long id)
        {
            for (int i = _head; i < _page.Count; i++)
            {
                if (_page[i].Id == id && !(_delivering && i == _head))
                {
                    _page.RemoveAt(i);
                    return;
                }
            }
        }

        /// <summary>Stops the retry timer (the element is stopping).</summary>
        public void Dispose() => _retry.Dispose();
    }
}
