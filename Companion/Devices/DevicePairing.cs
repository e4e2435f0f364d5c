using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Accounts;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Firmware.Config;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>
    /// Pairs, re-keys and unpairs devices: a device is a SIP user created by <see cref="PairAsync"/> (marked with
    /// <see cref="UserAccount.PairedAt"/>) with a generated password that only its configuration file holds.
    /// </summary>
    public sealed class DevicePairing
    {
        private readonly IStorageProvider _storage;
        private readonly string _domain;
        private readonly TimeProvider _time;

        /// <summary>Creates the service for the SIP domain <paramref name="domain"/> (also the digest realm).</summary>
        public DevicePairing(IStorageProvider storage, string domain, TimeProvider time)
        {
            ArgumentNullException.ThrowIfNull(storage);
            ArgumentException.ThrowIfNullOrEmpty(domain);
            ArgumentNullException.ThrowIfNull(time);
            _storage = storage;
            _domain = domain;
            _time = time;
        }

        /// <summary>The address of record of device <paramref name="name"/>, in the form the registrar stores (domain in lower case).</summary>
        public string AddressOfRecord(string name) => DeviceInventory.AddressOfRecord(name, _domain);

        /// <summary>
        /// Creates the device's account with a new password, or with <see cref="DevicePairingRequest.Rotate"/> stores a
        /// new password as pending beside the current one, and writes the configuration and deployment files. The
        /// files are written before the store changes, so a failure leaves no account without its file.
        /// </summary>
        /// <exception cref="DevicePairingException">The name, the existing account or a configuration value is not acceptable.</exception>
        public async Task<DevicePairingResult> PairAsync(DevicePairingRequest request, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(request);
            string name = request.Name;
            if (DeviceNames.Validate(name) is { } problem)
            {
                throw new DevicePairingException(DevicePairingError.InvalidName, problem);
            }

            UserAccount? existing = await _storage.Users.GetAsync(name, cancellationToken).ConfigureAwait(false);
            CheckExisting(name, existing, request.Rotate);

            DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            string password = DevicePasswords.Generate();
            DeviceConfig config = CreateConfig(request, password);
            string stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            string comment =
                $"Device {name} ({AddressOfRecord(name)}), {(request.Rotate ? "new password issued" : "paired")} by the SimpleImGateway companion at {stamp}.\n" +
                "Holds the SIP password: keep it secret and out of version control.";
            string text;
            try
            {
                text = DeviceConfigWriter.Write(config, comment);
            }
            catch (DeviceConfigException e)
            {
                throw new DevicePairingException(DevicePairingError.InvalidConfig, "cannot write the device configuration: " + e.Detail, e);
            }

            string directory = DeviceFiles.EnsureDirectory(request.OutputDirectory);
            string configPath = Path.Combine(directory, DeviceFiles.ConfigFileName);
            string deployPath = Path.Combine(directory, DeviceFiles.DeployFileName);
            DeviceFiles.WriteSecret(configPath, text);
            DeviceFiles.WriteSecret(deployPath, DeviceFiles.DeployJson(configPath));

            string ha1Md5 = DigestHa1.Md5(name, _domain, password);
            string ha1Sha256 = DigestHa1.Sha256(name, _domain, password);
            if (request.Rotate)
            {
                if (!await _storage.Users.SetPendingCredentialsAsync(name, new PendingCredentials(ha1Md5, ha1Sha256, now), cancellationToken).ConfigureAwait(false))
                {
                    throw new DevicePairingException(DevicePairingError.NoSuchDevice, $"device '{name}' was removed while its password was rotated");
                }
            }
            else
            {
                var account = new UserAccount(name, _domain, ha1Md5, ha1Sha256, now) { PairedAt = now };
                if (!await _storage.Users.AddAsync(account, cancellationToken).ConfigureAwait(false))
                {
                    throw new DevicePairingException(DevicePairingError.AlreadyExists, $"a user named '{name}' was added meanwhile; use --rotate to issue a new password");
                }
            }

            return new DevicePairingResult(name, AddressOfRecord(name), password, config, configPath, deployPath, request.Rotate);
        }

        /// <summary>
        /// Removes a paired device's account (pending credentials included), then its registrations. Its next
        /// REGISTER is refused. Returns how many registrations were removed.
        /// </summary>
        /// <exception cref="DevicePairingException">There is no such user, or it is not a paired device.</exception>
        public async Task<int> UnpairAsync(string name, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(name);
            UserAccount? existing = await _storage.Users.GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw new DevicePairingException(DevicePairingError.NoSuchDevice, $"no such device: {name}");
            }

            if (existing.PairedAt is null)
            {
                throw new DevicePairingException(DevicePairingError.NotADevice, $"'{name}' is a user, not a paired device; use 'users remove {name}'");
            }

            // The account goes first: a REGISTER arriving in between is already refused.
            await _storage.Users.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
            return await _storage.Bindings.RemoveAllAsync(AddressOfRecord(name), cancellationToken).ConfigureAwait(false);
        }

        private void CheckExisting(string name, UserAccount? existing, bool rotate)
        {
            if (!rotate)
            {
                if (existing is not null)
                {
                    throw new DevicePairingException(
                        DevicePairingError.AlreadyExists,
                        existing.PairedAt is null
                            ? $"a user named '{name}' exists (added with users add); choose another device name"
                            : $"device '{name}' is already paired; use --rotate to issue a new password");
                }

                return;
            }

            if (existing is null)
            {
                throw new DevicePairingException(DevicePairingError.NoSuchDevice, $"no paired device '{name}' to rotate; pair it without --rotate");
            }

            if (existing.PairedAt is null)
            {
                throw new DevicePairingException(DevicePairingError.NotADevice, $"'{name}' is a user added with users add, not a paired device");
            }

            if (existing.Realm != _domain)
            {
                throw new DevicePairingException(
                    DevicePairingError.NotADevice, $"device '{name}' belongs to realm '{existing.Realm}', not the configured domain '{_domain}'; unpair and pair it again");
            }
        }

        private static bool IsLoopback(string host) =>
            host == "localhost" || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));

        private DeviceConfig CreateConfig(DevicePairingRequest request, string password)
        {
            var config = new DeviceConfig
            {
                WifiSsid = request.WifiSsid ?? string.Empty,
                WifiPassword = request.WifiPassword ?? string.Empty,
                SipServer = request.ServerHost,
                SipPort = request.ServerPort,
                Transport = request.Transport,
                User = request.Name,
                Domain = _domain,
                Password = password,
                RegisterExpiresSeconds = request.RegisterExpiresSeconds,
                DeviceId = request.Name,
            };
            // A simulator beside the Core must not claim the Core's port; a board keeps the default (5060) so its
            // contact stays the same across reboots.
            if (IsLoopback(request.ServerHost))
            {
                config.LocalPort = 0;
            }

            if (request.Board is { } board)
            {
                config.LedPin = board.LedPin;
                config.LedActiveHigh = board.LedActiveHigh;
                config.ButtonPin = board.ButtonPin;
            }

            return config;
        }
    }
}
