using System;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>One message seen by an element's transport, for ladders, the dashboard and tests.</summary>
/// <param name="Element">The element's name (core, presence, im, ...).</param>
/// <param name="Outgoing">True when the element sent it, false when it received it.</param>
/// <param name="Message">The message (do not modify).</param>
/// <param name="Peer">The remote end point.</param>
/// <param name="Local">The element's own end point text (host:port).</param>
/// <param name="At">When it was seen.</param>
public sealed record SipTraceEvent(string Element, bool Outgoing, SipMessage Message, SipEndPoint Peer, string Local, DateTimeOffset At);
