using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Companion.Transport;
using SimpleImGateway.Sip.Auth;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Headers;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Text;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Demo;

/// <summary>
/// A small host user agent for the demo and the end-to-end tests (Tom in the seed): it registers with
/// digest, watches another user's presence, sends pager-mode MESSAGEs and answers what it receives.
/// It is built on the same element plumbing as the servers, so its traffic shows in the same traces.
/// </summary>
public sealed class DemoUserAgent : SipElement
{
    private readonly string _user;
    private readonly string _password;
    private readonly string _domain;
    private readonly SipEndPoint _core;
    private readonly DigestClient _digest = new(new SystemRandomSource(new Random()));
    private readonly string _callIdBase = Guid.NewGuid().ToString("N");
    private readonly string _fromTag = Guid.NewGuid().ToString("N")[..10];
    private readonly Dictionary<string, PendingRequest> _pending = [];
    private int _cseq;

    /// <summary>Creates the agent for <paramref name="user"/>@<paramref name="domain"/>, using <paramref name="core"/> as outbound proxy.</summary>
    public DemoUserAgent(string user, string password, string domain, SipEndPoint core, SipTransportOptions transport, ILogger logger)
        : base(user, transport, logger)
    {
        _user = user;
        _password = password;
        _domain = domain;
        _core = core;
    }

    /// <summary>Raised on the loop thread when a final response to one of this agent's requests arrives.</summary>
    public event Action<string, SipMessage>? FinalResponse;

    /// <summary>Raised on the loop thread when a NOTIFY for a watched presentity arrives (presentity, document or null).</summary>
    public event Action<string, PresenceDocument?>? PresenceNotified;

    /// <summary>Raised on the loop thread when a MESSAGE arrives (from, text).</summary>
    public event Action<string, string>? MessageReceived;

    /// <summary>This agent's address of record.</summary>
    public string Aor => $"sip:{_user}@{_domain}";

    /// <summary>Sends REGISTER with <paramref name="expires"/> seconds.</summary>
    public void Register(int expires) => Loop.Post(() => Send("REGISTER", $"sip:{_domain}", Aor, null, null, request =>
    {
        request.Headers.Add(SipHeaderNames.Contact, $"<sip:{_user}@{HostPort}>");
        request.Headers.Add(SipHeaderNames.Expires, expires.ToString());
    }));

    /// <summary>Subscribes to the presence of <paramref name="presentityAor"/>.</summary>
    public void SubscribePresence(string presentityAor, int expires) => Loop.Post(() => Send("SUBSCRIBE", presentityAor, presentityAor, null, null, request =>
    {
        request.Headers.Add(SipHeaderNames.Contact, $"<sip:{_user}@{HostPort}>");
        request.Headers.Add(SipHeaderNames.Event, "presence");
        request.Headers.Add(SipHeaderNames.Accept, "application/pidf+xml");
        request.Headers.Add(SipHeaderNames.Expires, expires.ToString());
    }));

    /// <summary>Sends a text/plain MESSAGE to <paramref name="toAor"/>.</summary>
    public void SendMessage(string toAor, string text) => Loop.Post(() => Send("MESSAGE", toAor, toAor, "text/plain;charset=utf-8", Utf8.Encode(text), null));

    private void Send(string method, string requestUri, string toAor, string? contentType, byte[]? body, Action<SipMessage>? decorate)
    {
        var pending = new PendingRequest(method, requestUri, toAor, contentType, body, decorate, _callIdBase + "-" + (++_cseq));
        SendAttempt(pending, null);
    }

    private void SendAttempt(PendingRequest pending, SipMessage? challenge)
    {
        SipMessage request = SipMessage.CreateRequest(pending.Method, pending.RequestUri);
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, $"<{Aor}>;tag={_fromTag}");
        request.Headers.Add(SipHeaderNames.To, $"<{pending.ToAor}>");
        request.Headers.Add(SipHeaderNames.CallId, pending.CallId);
        request.Headers.Add(SipHeaderNames.CSeq, $"{++pending.CSeq} {pending.Method}");
        pending.Decorate?.Invoke(request);
        if (pending.Body is not null)
        {
            request.Headers.Add(SipHeaderNames.ContentType, pending.ContentType!);
            request.Body = pending.Body;
        }

        if (challenge is not null)
        {
            bool proxy = challenge.StatusCode == 407;
            string[] offered = challenge.Headers.GetAll(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate);
            var challenges = new List<DigestChallenge>();
            foreach (string value in offered)
            {
                if (DigestChallenge.IsDigest(value))
                {
                    challenges.Add(DigestChallenge.Parse(value));
                }
            }

            DigestChallenge chosen = DigestClient.SelectStrongest([.. challenges]);
            DigestCredentials credentials = _digest.Answer(chosen, _user, _password, pending.Method, pending.RequestUri);
            request.Headers.Add(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization, credentials.Format());
        }

        _pending[pending.CallId] = pending;
        SendRequest(request, _core);
    }

    /// <inheritdoc/>
    public override void OnResponse(SipClientTransaction transaction, SipMessage response)
    {
        if (response.StatusCode < 200 || transaction.Request.CallId is not { } callId || !_pending.TryGetValue(callId, out PendingRequest? pending))
        {
            return;
        }

        if ((response.StatusCode == 401 || response.StatusCode == 407) && pending.Challenges++ < 2)
        {
            SendAttempt(pending, response);
            return;
        }

        _pending.Remove(callId);
        Logger.LogInformation("{User}: {Method} answered {Status} {Reason}", _user, pending.Method, response.StatusCode, response.ReasonPhrase);
        FinalResponse?.Invoke(pending.Method, response);
    }

    /// <inheritdoc/>
    public override void OnRequest(SipServerTransaction transaction, SipMessage request)
    {
        switch (request.Method)
        {
            case SipMethods.Notify:
                transaction.Respond(200, "OK");
                string? presentity = request.Headers.Get(SipHeaderNames.From);
                PresenceDocument? document = request.Body.Length == 0 ? null : TryReadPidf(request.Body);
                PresenceNotified?.Invoke(presentity is null ? string.Empty : NameAddress.Parse(presentity).Uri.ToString() ?? string.Empty, document);
                break;
            case SipMethods.Message:
                transaction.Respond(200, "OK");
                string from = request.Headers.Get(SipHeaderNames.From) ?? "";
                MessageReceived?.Invoke(NameAddress.Parse(from).Uri.ToString() ?? string.Empty, Utf8.Decode(request.Body, 0, request.Body.Length));
                break;
            default:
                transaction.Respond(405, "Method Not Allowed");
                break;
        }
    }

    private static PresenceDocument? TryReadPidf(byte[] body)
    {
        try
        {
            return PidfReader.Parse(body, 0, body.Length);
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    private sealed class PendingRequest(string method, string requestUri, string toAor, string? contentType, byte[]? body, Action<SipMessage>? decorate, string callId)
    {
        public string Method { get; } = method;
        public string RequestUri { get; } = requestUri;
        public string ToAor { get; } = toAor;
        public string? ContentType { get; } = contentType;
        public byte[]? Body { get; } = body;
        public Action<SipMessage>? Decorate { get; } = decorate;
        public string CallId { get; } = callId;
        public int CSeq { get; set; }
        public int Challenges { get; set; }
    }
}
