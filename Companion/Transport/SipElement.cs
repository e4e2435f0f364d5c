using System;
using System.Threading;
using System.Threading.Tasks;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SimpleImGateway.Sip.Common;
using SimpleImGateway.Sip.Message;
using SimpleImGateway.Sip.Transactions;

namespace SimpleImGateway.Companion.Transport;

/// <summary>
/// A SIP element of the companion (Core, Presence Server, IM Server): its own transport, its own
/// transaction layer and the single loop thread both run on. Subclasses handle requests and responses
/// in the <see cref="ISipTransactionUser"/> callbacks, which always run on <see cref="Loop"/>.
/// Work that awaits (storage) must come back to the loop through <see cref="Loop"/>.Post before
/// it touches a transaction.
/// </summary>
public abstract class SipElement : ISipTransactionUser, ISipMessageSink, IAsyncDisposable
{
    private readonly SipTransactionSettings _settings;
    private SipTransactionLayer? _layer;
    private int _disposed;

    /// <summary>Creates the element; nothing is bound until <see cref="Start"/>.</summary>
    protected SipElement(string name, SipTransportOptions transport, ILogger logger, SipTransactionSettings? settings = null)
    {
        Name = name;
        Logger = logger;
        Transport = new SipTransport(transport, logger);
        Loop = new SipElementLoop(name, logger);
        _settings = settings ?? new SipTransactionSettings { MaxTransactions = 200_000 };
    }

    /// <summary>Raised for every message sent or received (on a transport or loop thread).</summary>
    public event Action<SipTraceEvent>? Traced;

    /// <summary>The element's name in logs and traces.</summary>
    public string Name { get; }

    /// <summary>The element's sockets.</summary>
    public SipTransport Transport { get; }

    /// <summary>The thread all SIP state of this element lives on.</summary>
    public SipElementLoop Loop { get; }

    /// <summary>The transaction layer (after <see cref="Start"/>).</summary>
    public SipTransactionLayer Layer => _layer ?? throw new InvalidOperationException($"{Name} is not started");

    /// <summary>The logger of the concrete element.</summary>
    protected ILogger Logger { get; }

    /// <summary>This element's own address as "host:port", for Via, Contact and Record-Route.</summary>
    public string HostPort => Transport.AdvertisedHost + ":" + Transport.AdvertisedPort;

    /// <summary>Binds the sockets and starts the loop. Throws <see cref="PortInUseException"/>.</summary>
    public void Start() => Start(null, null, bind: true);

    /// <summary>Starts on sockets the host bound already (either may be null when that transport is off).</summary>
    public void Start(Socket? boundUdp, Socket? listeningTcp) => Start(boundUdp, listeningTcp, bind: false);

    /// <summary>Called once the transport runs and before any message is handled: load state, subscribe, ...</summary>
    protected virtual void OnStarted()
    {
    }

    private void Start(Socket? boundUdp, Socket? listeningTcp, bool bind)
    {
        _layer = new SipTransactionLayer(new TracingSender(this), SystemSipClock.Instance, new SystemRandomSource(), this, _settings);

        // Queued before the transport delivers anything, so OnStarted runs before the first message;
        // the loop thread starts after the transport, so OnStarted already sees the bound port.
        Loop.Post(OnStarted);
        if (bind)
        {
            Transport.Start(this);
        }
        else
        {
            Transport.Start(this, boundUdp, listeningTcp);
        }

        Loop.Start(() => _layer.NextDueMilliseconds, _layer.Poll);
        Logger.LogInformation("{Element} listening on {Address}:{Port} (UDP {Udp}, TCP {Tcp})",
            Name, Transport.AdvertisedHost, Transport.AdvertisedPort, Transport.UdpEndPoint is not null, Transport.TcpEndPoint is not null);
    }

    /// <summary>Starts a client transaction from the loop thread, with this element's Via.</summary>
    public SipClientTransaction SendRequest(SipMessage request, SipEndPoint destination, ISipClientTransactionUser? user = null)
        => user is null
            ? Layer.SendRequest(request, destination, Transport.AdvertisedHost, Transport.AdvertisedPort)
            : Layer.SendRequest(request, destination, Transport.AdvertisedHost, Transport.AdvertisedPort, user);

    /// <summary>
    /// Starts a client transaction from the loop thread with this element's Via carrying <paramref name="branch"/>
    /// (a proxy's loop-detection branch, RFC 3261 §16.6 step 8).
    /// </summary>
    public SipClientTransaction SendRequest(SipMessage request, SipEndPoint destination, ISipClientTransactionUser user, string branch)
        => Layer.SendRequest(request, destination, Transport.AdvertisedHost, Transport.AdvertisedPort, user, branch);

    /// <summary>
    /// Runs asynchronous work started on the loop (a database call, say) and logs its failure; the work
    /// posts back to <see cref="Loop"/> itself before touching SIP state.
    /// </summary>
    protected void RunAsync(Func<Task> work, string what)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (Exception e)
            {
                Logger.LogError(e, "{Element} failed while {What}", Name, what);
            }
        });
    }

    void ISipMessageSink.OnMessage(SipMessage message, SipEndPoint source)
    {
        Traced?.Invoke(new SipTraceEvent(Name, false, message, source, HostPort, DateTimeOffset.UtcNow));
        Loop.Post(() => Layer.Receive(message, source));
    }

    /// <inheritdoc/>
    public abstract void OnRequest(SipServerTransaction transaction, SipMessage request);

    /// <inheritdoc/>
    public virtual void OnResponse(SipClientTransaction transaction, SipMessage response)
    {
    }

    /// <inheritdoc/>
    public virtual void OnTimeout(SipClientTransaction transaction)
        => Logger.LogWarning("{Element}: {Method} to {Destination} timed out", Name, transaction.Method, transaction.Destination);

    /// <inheritdoc/>
    public virtual void OnTransportError(SipClientTransaction transaction, Exception error)
        => Logger.LogWarning("{Element}: {Method} to {Destination} failed: {Error}", Name, transaction.Method, transaction.Destination, error.Message);

    /// <inheritdoc/>
    public virtual void OnRequestWithoutTransaction(SipMessage request, SipEndPoint source)
    {
        // INVITE and ACK: this system does pager-mode IM only; answer INVITE so the caller stops retrying.
        if (request.Method == SipMethods.Invite)
        {
            SipMessage response = SipResponseBuilder.Create(request, 501, "Sessions are not supported; use MESSAGE");
            Layer.SendStatelessResponse(response, source);
        }
    }

    /// <inheritdoc/>
    public virtual void OnStrayResponse(SipMessage response, SipEndPoint source)
    {
    }

    /// <inheritdoc/>
    public virtual void OnServerTransactionFailed(SipServerTransaction transaction, Exception error)
        => Logger.LogWarning("{Element}: server transaction for {Method} failed: {Error}", Name, transaction.Method, error.Message);

    /// <summary>
    /// Stops the transport and the loop. Safe to call twice: the hosted service stops the element and the
    /// container disposes it again.
    /// </summary>
    public virtual async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Transport.DisposeAsync();
        await Loop.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends through the transport and reports each message to <see cref="Traced"/>.</summary>
    private sealed class TracingSender(SipElement element) : ISipTransportSender
    {
        public void Send(SipMessage message, SipEndPoint destination)
        {
            // Traced before it leaves: the peer's answer may otherwise be traced first, and ladders would show
            // effects before their causes.
            element.Traced?.Invoke(new SipTraceEvent(element.Name, true, message, destination, element.HostPort, DateTimeOffset.UtcNow));
            element.Transport.Send(message, destination);
        }
    }
}
