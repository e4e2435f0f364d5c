using SimpleImGateway.Firmware.Platform;

namespace SimpleImGateway.Firmware.Simulator;

/// <summary>The command line of the simulator.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: Firmware.Simulator --server HOST:PORT --user USER --password PASSWORD --data-dir DIR
                                  [--domain DOMAIN] [--transport udp|tcp] [--script FILE]
                                  [--auth-user NAME] [--expires SECONDS] [--publish-expires SECONDS]
                                  [--local-port PORT] [--device-id ID] [--available on|off] [--verbose]
        commands (stdin, or one per line of --script):
          send TO TEXT        queue a text/plain MESSAGE to the SIP URI TO
          inbox               print the unread incoming messages and acknowledge them
          available on|off    publish presence open / remove the publication
          status              print the state of registration, publication, outbox and inbox
          wait SECONDS        keep running for that long
          expect [-t SECONDS] TEXT
                              wait (default 10 s) until an output line containing TEXT has
                              appeared (each line satisfies one expect); else exit with status 3
          quit                unregister, remove the publication and exit
        """;

    public string ServerHost { get; private set; } = "";

    public int ServerPort { get; private set; } = 5060;

    public string User { get; private set; } = "";

    public string Password { get; private set; } = "";

    public string? AuthUser { get; private set; }

    public string DataDir { get; private set; } = "";

    public string? Domain { get; private set; }

    public SipTransport Transport { get; private set; } = SipTransport.Udp;

    public string? ScriptFile { get; private set; }

    public int RegisterExpires { get; private set; } = 3600;

    public int PublishExpires { get; private set; } = 3600;

    public int LocalPort { get; private set; }

    public string? DeviceId { get; private set; }

    public bool Available { get; private set; } = true;

    public LogLevel LogLevel { get; private set; } = LogLevel.Info;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static SimulatorOptions Parse(string[] args)
    {
        var options = new SimulatorOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--verbose")
            {
                options.LogLevel = LogLevel.Debug;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException(name + " needs a value");
            }

            string value = args[++i];
            switch (name)
            {
                case "--server":
                    int colon = value.LastIndexOf(':');
                    options.ServerHost = colon < 0 ? value : value[..colon];
                    options.ServerPort = colon < 0 ? 5060 : Port(value[(colon + 1)..], name);
                    break;
                case "--user": options.User = value; break;
                case "--password": options.Password = value; break;
                case "--auth-user": options.AuthUser = value; break;
                case "--data-dir": options.DataDir = value; break;
                case "--domain": options.Domain = value; break;
                case "--script": options.ScriptFile = value; break;
                case "--device-id": options.DeviceId = value; break;
                case "--expires": options.RegisterExpires = Positive(value, name); break;
                case "--publish-expires": options.PublishExpires = Positive(value, name); break;
                case "--local-port": options.LocalPort = Port(value, name); break;
                case "--transport":
                    options.Transport = value.ToLowerInvariant() switch
                    {
                        "udp" => SipTransport.Udp,
                        "tcp" => SipTransport.Tcp,
                        _ => throw new ArgumentException("--transport must be udp or tcp"),
                    };
                    break;
                case "--available":
                    options.Available = value switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw new ArgumentException("--available must be on or off"),
                    };
                    break;
                default:
                    throw new ArgumentException("unknown option " + name);
            }
        }

        if (options.ServerHost.Length == 0 || options.User.Length == 0 || options.DataDir.Length == 0)
        {
            throw new ArgumentException("--server, --user and --data-dir are required");
        }

        return options;
    }

    private static int Positive(string value, string name)
        => int.TryParse(value, out int n) && n > 0 ? n : throw new ArgumentException(name + " must be a positive number");

    private static int Port(string value, string name)
        => int.TryParse(value, out int n) && n >= 0 && n <= 65535 ? n : throw new ArgumentException(name + " needs a port of 0..65535");
}
