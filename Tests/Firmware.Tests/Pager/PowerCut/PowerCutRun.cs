#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using SimpleImGateway.Firmware.Pager;
using SimpleImGateway.Firmware.Platform;
using SimpleImGateway.Firmware.Tests.Fakes;

namespace SimpleImGateway.Firmware.Tests.Pager.PowerCut
{
    /// <summary>
    /// Runs a <see cref="PagerScript"/> against an outbox and an inbox on a <see cref="MemoryFileStorage"/>
    /// that may lose power, keeping a model of what must be true, and checks after a reboot that
    /// nothing accepted was lost, nothing corrupt was delivered, nothing was delivered twice except as
    /// a retry with the same Message-ID, and the order held.
    /// </summary>
    internal sealed class PowerCutRun
    {
        private readonly PagerScript _script;
        private readonly string _label;

        // Outbox model.
        private readonly ArrayList _accepted = new ArrayList();
        private readonly ArrayList _outboxExpected = new ArrayList();
        private readonly ArrayList _serverLog = new ArrayList();
        private ScriptedMessage _pendingSend;
        private string _pendingAck;

        // Inbox model.
        private readonly ArrayList _offered = new ArrayList();
        private readonly ArrayList _stored = new ArrayList();
        private readonly ArrayList _storeEvents = new ArrayList();
        private readonly ArrayList _inboxExpected = new ArrayList();
        private readonly ArrayList _appLog = new ArrayList();
        private ScriptedMessage _pendingReceive;
        private string _pendingConsume;

        private readonly PagerMessage _message = new PagerMessage();
        private Outbox _outbox;
        private Inbox _inbox;

        public PowerCutRun(PagerScript script, string label)
        {
            _script = script;
            _label = label;
        }

        public int OpsCompleted { get; private set; }

        public int Refused { get; private set; }

        public int TooLarge { get; private set; }

        public int Duplicates { get; private set; }

        public static PagerOptions OutboxOptions()
        {
            var options = new PagerOptions("outbox.jnl");
            options.DeviceId = "dev";
            options.MaxCount = 6;
            options.MaxBytes = 900;
            options.MaxBodyBytes = 300;
            options.CompactGarbageBytes = 400;
            return options;
        }

        public static PagerOptions InboxOptions()
        {
            var options = new PagerOptions("inbox.jnl");
            options.MaxCount = 5;
            options.MaxBytes = 800;
            options.MaxBodyBytes = 300;
            options.RecentIdCount = 4;
            options.CompactGarbageBytes = 300;
            return options;
        }

        /// <summary>Opens the outbox and inbox as a boot does.</summary>
        public static void OpenBoth(MemoryFileStorage storage, ILog log)
        {
            new Outbox(storage, OutboxOptions(), new SeededRandom(5), log).Open();
            new Inbox(storage, InboxOptions(), new SeededRandom(6), log).Open();
        }

        /// <summary>Runs the script; true when the power was cut on the way.</summary>
        public bool Execute(MemoryFileStorage storage, ILog log)
        {
            _outbox = new Outbox(storage, OutboxOptions(), new SeededRandom(5), log);
            _inbox = new Inbox(storage, InboxOptions(), new SeededRandom(6), log);
            try
            {
                _outbox.Open();
                _inbox.Open();
                for (int i = 0; i < _script.Length; i++)
                {
                    RunOp(i);
                    OpsCompleted++;
                }

                return false;
            }
            catch (PowerCutException)
            {
                return true;
            }
        }

        /// <summary>Boots a fresh outbox and inbox on <paramref name="storage"/>, drains both and checks the model.</summary>
        public void VerifyAfterReboot(MemoryFileStorage storage)
        {
            VerifyOutbox(new Outbox(storage, OutboxOptions(), new SeededRandom(5), NullLog.Instance));
            VerifyInbox(new Inbox(storage, InboxOptions(), new SeededRandom(6), NullLog.Instance));
        }

        private void RunOp(int i)
        {
            switch (_script.Op(i))
            {
                case PagerScript.Send:
                    DoSend(i);
                    break;
                case PagerScript.Deliver:
                    DoDeliver();
                    break;
                case PagerScript.Receive:
                    DoReceive(i);
                    break;
                default:
                    DoConsume();
                    break;
            }
        }

        private void DoSend(int i)
        {
            var message = new ScriptedMessage(null, "sip:user" + (i % 5) + "@example.org", "text/plain", PagerScript.Body(i, _script.Size(i)));
            _pendingSend = message;
            PagerStatus status = _outbox.TrySend(message.Peer, message.ContentType, message.Body, 0, message.Body.Length, out string id);
            _pendingSend = null;
            if (status == PagerStatus.Stored)
            {
                Check(IndexOfId(_accepted, id) < 0, "outbox reused Message-ID " + id);
                message.Id = id;
                _accepted.Add(message);
                _outboxExpected.Add(message);
            }
            else if (status == PagerStatus.TooLarge)
            {
                Check(message.Body.Length > OutboxOptions().MaxBodyBytes, "outbox refused a body within the limit");
                TooLarge++;
            }
            else
            {
                Check(status == PagerStatus.FullCount || status == PagerStatus.FullBytes, "unexpected outbox status " + status);
                Check(status != PagerStatus.FullCount || _outboxExpected.Count == OutboxOptions().MaxCount, "FullCount below MaxCount");
                Refused++;
            }
        }

        private void DoDeliver()
        {
            if (!_outbox.PeekNext(_message))
            {
                Check(_outboxExpected.Count == 0, "outbox empty while messages are expected");
                return;
            }

            ScriptedMessage delivered = ScriptedMessage.Of(_message);
            Check(_outboxExpected.Count > 0, "outbox delivered " + delivered + " nobody sent");
            var head = (ScriptedMessage)_outboxExpected[0];
            Check(head.Id == delivered.Id && head.SameContent(delivered), "outbox head " + delivered + " is not " + head);
            _serverLog.Add(delivered);
            _pendingAck = delivered.Id;
            Check(_outbox.Acknowledge(delivered.Id), "acknowledge of the head failed");
            _pendingAck = null;
            _outboxExpected.RemoveAt(0);
        }

        private void DoReceive(int i)
        {
            int back = _script.Retransmit(i);
            ScriptedMessage message;
            if (back > 0 && _offered.Count >= back)
            {
                message = (ScriptedMessage)_offered[_offered.Count - back];
            }
            else
            {
                message = new ScriptedMessage("srv-" + i, "sip:server" + (i % 3) + "@example.org", "text/plain;charset=UTF-8", PagerScript.Body(i + 1000, _script.Size(i)));
                _offered.Add(message);
            }

            _pendingReceive = message;
            PagerStatus status = _inbox.TryAppend(message.Peer, message.ContentType, message.Body, 0, message.Body.Length, message.Id);
            _pendingReceive = null;
            if (status == PagerStatus.Stored)
            {
                Check(IndexOfId(_inboxExpected, message.Id) < 0, "inbox stored " + message.Id + " twice");
                _inboxExpected.Add(message);
                _storeEvents.Add(message);
                if (IndexOfId(_stored, message.Id) < 0)
                {
                    _stored.Add(message);
                }
            }
            else if (status == PagerStatus.Duplicate)
            {
                Check(IndexOfId(_stored, message.Id) >= 0, "inbox called " + message.Id + " a duplicate but never stored it");
                Duplicates++;
            }
            else if (status == PagerStatus.TooLarge)
            {
                TooLarge++;
            }
            else
            {
                Refused++;
            }
        }

        private void DoConsume()
        {
            if (!_inbox.Read(_message))
            {
                Check(_inboxExpected.Count == 0, "inbox empty while messages are expected");
                return;
            }

            ScriptedMessage read = ScriptedMessage.Of(_message);
            Check(_inboxExpected.Count > 0, "inbox returned " + read + " nobody stored");
            var head = (ScriptedMessage)_inboxExpected[0];
            Check(head.Id == read.Id && head.SameContent(read), "inbox head " + read + " is not " + head);
            _appLog.Add(read);
            _pendingConsume = read.Id;
            Check(_inbox.Acknowledge(read.Id), "acknowledge of the inbox head failed");
            _pendingConsume = null;
            _inboxExpected.RemoveAt(0);
        }

        private void VerifyOutbox(Outbox outbox)
        {
            ArrayList drained = Drain(outbox, null);
            var serverLog = new ArrayList();
            AppendAll(serverLog, _serverLog);
            AppendAll(serverLog, drained);

            int at = 0;
            int expectedFrom = 0;
            if (_pendingAck != null)
            {
                // The acknowledgement was cut: the head may come back once more, as a retry with the same id.
                if (drained.Count > 0 && ((ScriptedMessage)drained[0]).Id == _pendingAck)
                {
                    at = 1;
                }

                expectedFrom = 1;
            }

            for (int i = expectedFrom; i < _outboxExpected.Count; i++)
            {
                var expected = (ScriptedMessage)_outboxExpected[i];
                Check(at < drained.Count, "accepted message " + expected + " was lost");
                var got = (ScriptedMessage)drained[at++];
                Check(got.Id == expected.Id && got.SameContent(expected), "got " + got + " where " + expected + " was due");
            }

            ScriptedMessage recovered = null;
            if (at < drained.Count)
            {
                // Only the send that the cut interrupted may appear on top, intact and with a new id.
                recovered = (ScriptedMessage)drained[at++];
                Check(_pendingSend != null && recovered.SameContent(_pendingSend), "unexpected message " + recovered);
                Check(IndexOfId(_accepted, recovered.Id) < 0, "recovered send reused id " + recovered.Id);
            }

            Check(at == drained.Count, "outbox held more than was sent");

            // What the server saw: every accepted message, intact, in order; repeats only for the cut acknowledgement.
            var order = new ArrayList();
            AppendAll(order, _accepted);
            if (recovered != null)
            {
                order.Add(recovered);
            }

            var repeats = new ArrayList();
            if (_pendingAck != null)
            {
                repeats.Add(_pendingAck);
            }

            CheckLog(serverLog, order, repeats, "server");
        }

        private void VerifyInbox(Inbox inbox)
        {
            bool storedNow = false;
            if (_pendingReceive != null)
            {
                // The UA never answered, so the server retransmits.
                PagerStatus status = inbox.TryAppend(_pendingReceive.Peer, _pendingReceive.ContentType, _pendingReceive.Body, 0, _pendingReceive.Body.Length, _pendingReceive.Id);
                Check(status != PagerStatus.TooLarge, "retransmission refused as too large");
                storedNow = status == PagerStatus.Stored;
                if (status == PagerStatus.Duplicate)
                {
                    Check(inbox.Contains(_pendingReceive.Id), "duplicate reported for a message the inbox does not have");
                }
            }

            ArrayList drained = Drain(null, inbox);
            var appLog = new ArrayList();
            AppendAll(appLog, _appLog);
            AppendAll(appLog, drained);

            int at = 0;
            int expectedFrom = 0;
            if (_pendingConsume != null)
            {
                if (drained.Count > 0 && ((ScriptedMessage)drained[0]).Id == _pendingConsume)
                {
                    at = 1;
                }

                expectedFrom = 1;
            }

            for (int i = expectedFrom; i < _inboxExpected.Count; i++)
            {
                var expected = (ScriptedMessage)_inboxExpected[i];
                Check(at < drained.Count, "stored message " + expected + " was lost");
                var got = (ScriptedMessage)drained[at++];
                Check(got.Id == expected.Id && got.SameContent(expected), "got " + got + " where " + expected + " was due");
            }

            // An id may reach the application again when it was stored again after leaving the recent
            // ids, or when its acknowledgement was cut: both are repeats with the same Message-ID.
            var order = new ArrayList();
            AppendAll(order, _stored);
            var repeats = new ArrayList();
            for (int i = 0; i < _storeEvents.Count; i++)
            {
                string id = ((ScriptedMessage)_storeEvents[i]).Id;
                if (IndexOfId(_storeEvents, id) < i)
                {
                    repeats.Add(id);
                }
            }

            if (_pendingConsume != null)
            {
                repeats.Add(_pendingConsume);
            }

            if (at < drained.Count)
            {
                var tail = (ScriptedMessage)drained[at++];
                Check(_pendingReceive != null && tail.Id == _pendingReceive.Id && tail.SameContent(_pendingReceive), "unexpected inbox message " + tail);
                if (IndexOfId(order, tail.Id) < 0)
                {
                    order.Add(tail);
                }
                else
                {
                    repeats.Add(tail.Id);
                }
            }
            else
            {
                Check(!storedNow, "retransmission stored but not delivered");
            }

            Check(at == drained.Count, "inbox held more than was stored");
            CheckLog(appLog, order, repeats, "application");
        }

        /// <summary>
        /// Every message of <paramref name="order"/> appears in <paramref name="log"/> intact, first
        /// appearances follow <paramref name="order"/>, and each further appearance of an id uses up
        /// one entry of <paramref name="repeats"/>.
        /// </summary>
        private void CheckLog(ArrayList log, ArrayList order, ArrayList repeats, string who)
        {
            int next = 0;
            for (int i = 0; i < log.Count; i++)
            {
                var entry = (ScriptedMessage)log[i];
                int index = IndexOfId(order, entry.Id);
                Check(index >= 0, who + " got " + entry + " that was never accepted");
                Check(entry.SameContent((ScriptedMessage)order[index]), who + " got a corrupt copy of " + entry.Id);
                if (index == next)
                {
                    next++;
                }
                else
                {
                    Check(index < next, who + " got " + entry + " out of order");
                    int allowance = repeats.IndexOf(entry.Id);
                    Check(allowance >= 0, who + " got " + entry + " twice");
                    repeats.RemoveAt(allowance);
                }
            }

            Check(next == order.Count, who + " never got " + (next < order.Count ? order[next].ToString() : "?"));
        }

        private ArrayList Drain(Outbox outbox, Inbox inbox)
        {
            var drained = new ArrayList();
            while (outbox != null ? outbox.PeekNext(_message) : inbox.Read(_message))
            {
                drained.Add(ScriptedMessage.Of(_message));
                bool acknowledged = outbox != null ? outbox.Acknowledge(_message.MessageId) : inbox.Acknowledge(_message.MessageId);
                Check(acknowledged, "could not acknowledge " + _message.MessageId);
                Check(drained.Count <= 100, "drain does not end");
            }

            return drained;
        }

        /// <summary>ArrayList.AddRange, which nanoFramework's ArrayList lacks.</summary>
        private static void AppendAll(ArrayList target, ArrayList source)
        {
            for (int i = 0; i < source.Count; i++)
            {
                target.Add(source[i]);
            }
        }

        private static int IndexOfId(ArrayList list, string id)
        {
            for (int i = 0; i < list.Count; i++)
            {
                if (((ScriptedMessage)list[i]).Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        private void Check(bool condition, string message)
        {
            if (!condition)
            {
                Assert.IsTrue(false, _label + ": " + message);
            }
        }
    }
}
