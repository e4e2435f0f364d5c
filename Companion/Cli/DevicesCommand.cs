using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SimpleImGateway.Companion.Configuration;
using SimpleImGateway.Companion.Devices;
using SimpleImGateway.Companion.Hosting;
using SimpleImGateway.Companion.Storage;
using DeviceTransport = SimpleImGateway.Firmware.Platform.SipTransport;

namespace SimpleImGateway.Companion.Cli
{
    /// <summary>
    /// <c>devices pair|list|unpair</c>: provisions boards (and simulators) as SIP users with generated passwords and
    /// writes their configuration file (docs/device-config.md) and nanoff deployment JSON.
    /// </summary>
    internal sealed class DevicesCommand
    {
        private readonly CommandContext _context;
        private readonly CommonOptions _common;

        public DevicesCommand(CommandContext context, CommonOptions common)
        {
            _context = context;
            _common = common;
        }

        public Command Create()
        {
            var devices = new Command("devices", "Pair devices (boards or simulators) with the companion");
            devices.Add(CreatePair());
            devices.Add(CreateList());
            devices.Add(CreateUnpair());
            return devices;
        }

        private static string Time(DateTimeOffset time) =>
            time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static int ExitCodeOf(DevicePairingError error) =>
            error == DevicePairingError.NoSuchDevice ? ExitCodes.NoSuchUser : ExitCodes.DataError;

        private Command CreatePair()
        {
            var name = new Argument<string>("NAME") { Description = "Device name: the SIP user and device id (letters, digits, '-', '.', '_')" };
            var server = new Option<string?>("--server")
            {
                Description = "Where the device sends SIP (default: the Core's address and port)",
                HelpName = "HOST[:PORT]",
            };
            var transport = new Option<string>("--transport") { Description = "SIP transport of the device", HelpName = "udp|tcp", DefaultValueFactory = _ => "udp" };
            transport.AcceptOnlyFromAmong("udp", "tcp");
            var output = new Option<string?>("--out") { Description = "Directory for simpleim.conf and deploy.json (default DATA-DIR/devices/NAME)", HelpName = "DIR" };
            var rotate = new Option<bool>("--rotate") { Description = "Issue a new password for a paired device; the old one works until the device uses the new one" };
            var board = new Option<string?>("--board") { Description = "Board whose LED and button pins to write (default: none, pins -1)", HelpName = "NAME" };
            board.AcceptOnlyFromAmong(BoardProfile.All.Select(b => b.Name).ToArray());
            var serialPort = new Option<string?>("--serial-port") { Description = $"Serial port in the printed nanoff commands (default {NanoffCommands.DefaultSerialPort})", HelpName = "PORT" };
            var wifiSsid = new Option<string?>("--wifi-ssid") { Description = "Wi-Fi network (default: the one stored on the device)", HelpName = "SSID" };
            var wifiPassword = new Option<string?>("--wifi-password") { Description = "Wi-Fi passphrase (lands in your shell history; network.json is the alternative)", HelpName = "PASS" };
            var showPassword = new Option<bool>("--show-password") { Description = "Print the generated SIP password (it is in the config file either way)" };
            var command = new Command("pair", "Create a device's SIP account with a generated password and write its configuration")
            {
                name, server, transport, output, rotate, board, serialPort, wifiSsid, wifiPassword, showPassword,
            };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (scope, ct) =>
            {
                string device = parse.GetRequiredValue(name);
                if (DeviceNames.Validate(device) is { } problem)
                {
                    throw new CommandFailedException(ExitCodes.DataError, problem);
                }

                (string host, int port) = ResolveServer(parse.GetValue(server), scope.Core);
                DeviceTransport deviceTransport = parse.GetValue(transport) == "tcp" ? DeviceTransport.Tcp : DeviceTransport.Udp;
                if (parse.GetValue(server) is null && !(deviceTransport == DeviceTransport.Tcp ? scope.Core.Tcp : scope.Core.Udp))
                {
                    Warn($"the Core does not listen on {parse.GetValue(transport)}; the device will not reach it");
                }

                var request = new DevicePairingRequest
                {
                    Name = device,
                    ServerHost = host,
                    ServerPort = port,
                    Transport = deviceTransport,
                    OutputDirectory = parse.GetValue(output) ?? Path.Combine(scope.DataDirectory, "devices", device),
                    Rotate = parse.GetValue(rotate),
                    Board = parse.GetValue(board) is { } boardName ? BoardProfile.Find(boardName) : null,
                    WifiSsid = parse.GetValue(wifiSsid),
                    WifiPassword = parse.GetValue(wifiPassword),
                };
                DevicePairingResult result = await scope.Pairing.PairAsync(request, ct).ConfigureAwait(false);
                WritePairing(result, request, parse.GetValue(serialPort) ?? NanoffCommands.DefaultSerialPort, parse.GetValue(showPassword));
                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreateList()
        {
            var command = new Command("list", "List paired devices: registration, transport, contact, availability, password rotation (tab-separated)");
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (scope, ct) =>
            {
                TextWriter o = _context.Output;
                await o.WriteLineAsync("NAME\tREGISTERED\tEXPIRES\tTRANSPORT\tCONTACT\tSOURCE\tAVAILABLE\tPASSWORD").ConfigureAwait(false);
                foreach (PairedDevice device in await DeviceInventory.ListAsync(scope.Storage, scope.Domain, DateTimeOffset.UtcNow, ct).ConfigureAwait(false))
                {
                    ContactBinding? registration = device.Registration;
                    string registered = registration is null ? "no" : device.RegistrationCount == 1 ? "yes" : $"yes ({device.RegistrationCount})";
                    string available = device.Available switch { true => "yes", false => "no", null => "-" };
                    string password = device.RotationPendingSince is { } since ? $"rotation pending since {Time(since)}" : "current";
                    await o.WriteLineAsync(string.Join('\t',
                        device.Name,
                        registered,
                        registration is null ? "-" : Time(registration.ExpiresAt),
                        registration?.Transport ?? "-",
                        registration?.ContactUri ?? "-",
                        registration?.Source ?? "-",
                        available,
                        password)).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }));
            return command;
        }

        private Command CreateUnpair()
        {
            var name = new Argument<string>("NAME") { Description = "Device name" };
            var command = new Command("unpair", "Remove a paired device's account and registrations; its next REGISTER is refused") { name };
            command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (scope, ct) =>
            {
                string device = parse.GetRequiredValue(name);
                int removed = await scope.Pairing.UnpairAsync(device, ct).ConfigureAwait(false);
                await _context.Output.WriteLineAsync(
                    $"unpaired device {device}: removed its account and {removed} registration{(removed == 1 ? string.Empty : "s")}").ConfigureAwait(false);
                string defaultFiles = Path.Combine(scope.DataDirectory, "devices", device);
                if (Directory.Exists(defaultFiles))
                {
                    await _context.Output.WriteLineAsync($"{defaultFiles} holds a password that no longer works; delete it when you no longer need it").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }));
            return command;
        }

        private (string Host, int Port) ResolveServer(string? server, CoreOptions core)
        {
            if (server is not null)
            {
                if (DeviceServerAddress.TryParse(server, core.Port, out string host, out int port) is { } problem)
                {
                    throw new CommandFailedException(ExitCodes.DataError, problem);
                }

                return (host, port);
            }

            string? chosen = DeviceServerAddress.Choose(core.Address, out string? warning);
            if (chosen is null)
            {
                throw new CommandFailedException(ExitCodes.DataError, warning!);
            }

            if (warning is not null)
            {
                Warn(warning);
            }

            return (chosen, core.Port);
        }

        private void WritePairing(DevicePairingResult result, DevicePairingRequest request, string serialPort, bool showPassword)
        {
            TextWriter o = _context.Output;
            Firmware.Config.DeviceConfig config = result.Config;
            o.WriteLine(result.Rotated
                ? $"issued a new password for device {result.Name} ({result.AddressOfRecord}); the old one works until the device registers with the new one"
                : $"paired device {result.Name} ({result.AddressOfRecord})");
            o.WriteLine($"  server      {config.SipServer}:{config.SipPort} over {(config.Transport == DeviceTransport.Tcp ? "tcp" : "udp")}");
            o.WriteLine($"  config      {result.ConfigPath} (holds the password; readable by you only)");
            o.WriteLine($"  deployment  {result.DeployPath}");
            o.WriteLine(request.Board is { } board
                ? $"  pins        {board.Name}: led.pin = {board.LedPin}, button.pin = {board.ButtonPin}"
                : "  pins        none (led.pin = -1, button.pin = -1); pass --board NAME to set them");
            o.WriteLine(string.IsNullOrEmpty(config.WifiSsid)
                ? "  wifi        the network stored on the device (nanoff --networkdeployment, boards/<board>/network.json.template)"
                : $"  wifi        {config.WifiSsid}");
            if (showPassword)
            {
                o.WriteLine($"  password    {result.Password}");
            }

            o.WriteLine();
            o.WriteLine("Upload the configuration to the board's I:\\ (the board must run the SimpleImGateway firmware: boards/<board>/README.md):");
            BoardProfile[] boards = request.Board is { } only ? [only] : BoardProfile.All;
            foreach (string line in NanoffCommands.Describe(boards, serialPort, result.DeployPath))
            {
                o.WriteLine(line);
            }

            o.WriteLine($"Or run the device simulator on this machine: dotnet run --project Firmware.Simulator -- --config {result.ConfigPath}");
        }

        private void Warn(string message) => _context.Error.WriteLine("simpleim: warning: " + message);

        // Builds the host configuration as serve does (without starting it), opens and migrates the storage.
        private Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken, Func<DevicesScope, CancellationToken, Task<int>> verb) =>
            CommandRunner.RunAsync(_context, async ct =>
            {
                var settings = new CompanionHostSettings
                {
                    ConfigFile = parse.GetValue(_common.ConfigFile),
                    DataDirectory = parse.GetValue(_common.DataDirectory),
                    ConfigureLogging = _context.ConfigureLogging,
                };
                using IHost host = CompanionHost.CreateBuilder(settings).Build();
                CompanionHost.ValidateOptions(host.Services);
                string domain = host.Services.GetRequiredService<IOptions<SipOptions>>().Value.Domain;
                CoreOptions core = host.Services.GetRequiredService<IOptions<CoreOptions>>().Value;
                string dataDirectory = Path.GetFullPath(host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory);
                IStorageProvider storage = host.Services.GetRequiredService<IStorageProvider>();
                await storage.MigrateAsync(ct).ConfigureAwait(false);
                var scope = new DevicesScope(storage, domain, core, dataDirectory, new DevicePairing(storage, domain, TimeProvider.System));
                try
                {
                    return await verb(scope, ct).ConfigureAwait(false);
                }
                catch (DevicePairingException e)
                {
                    throw new CommandFailedException(ExitCodeOf(e.Error), e.Message);
                }
            }, cancellationToken);

        private sealed record DevicesScope(IStorageProvider Storage, string Domain, CoreOptions Core, string DataDirectory, DevicePairing Pairing);
    }
}
