using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SimpleImGateway.Companion.Storage;
using SimpleImGateway.Sip.Bodies.Pidf;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Companion.Devices
{
    /// <summary>Gathers what the stores know about each paired device: registration, presence and rotation.</summary>
    public static class DeviceInventory
    {
        /// <summary>The event package whose publications say whether a device is available.</summary>
        public const string PresenceEvent = "presence";

        private const string PidfContentType = "application/pidf+xml";

        /// <summary>Every paired device of <paramref name="domain"/>, ordered by name, as of <paramref name="now"/>.</summary>
        public static async Task<IReadOnlyList<PairedDevice>> ListAsync(
            IStorageProvider storage, string domain, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(storage);
            ArgumentNullException.ThrowIfNull(domain);
            var devices = new List<PairedDevice>();
            foreach (UserAccount account in await storage.Users.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (account.PairedAt is not { } pairedAt)
                {
                    continue;
                }

                string aor = AddressOfRecord(account.Name, domain);
                IReadOnlyList<ContactBinding> bindings = await storage.Bindings.ListLiveAsync(aor, now, cancellationToken).ConfigureAwait(false);
                ContactBinding? latest = null;
                foreach (ContactBinding binding in bindings)
                {
                    if (latest is null || binding.ExpiresAt > latest.ExpiresAt)
                    {
                        latest = binding;
                    }
                }

                IReadOnlyList<PresencePublication> publications =
                    await storage.Presence.ListPublicationsAsync(aor, PresenceEvent, now, cancellationToken).ConfigureAwait(false);
                devices.Add(new PairedDevice(
                    account.Name, aor, pairedAt, latest, bindings.Count, IsAvailable(publications), account.Pending?.IssuedAt));
            }

            return devices;
        }

        /// <summary>The AOR of user <paramref name="name"/> as the registrar keys bindings: <c>sip:name@domain</c>, the domain in lower case.</summary>
        public static string AddressOfRecord(string name, string domain) => "sip:" + name + "@" + domain.ToLowerInvariant();

        /// <summary>True when some readable PIDF publication is available for IM, false when none is, null when none is readable.</summary>
        public static bool? IsAvailable(IEnumerable<PresencePublication> publications)
        {
            ArgumentNullException.ThrowIfNull(publications);
            bool? available = null;
            foreach (PresencePublication publication in publications)
            {
                if (!IsPidf(publication.ContentType))
                {
                    continue;
                }

                try
                {
                    if (PidfReader.Parse(publication.Body, 0, publication.Body.Length).IsAvailableForIm)
                    {
                        return true;
                    }

                    available = false;
                }
                catch (SipParseException)
                {
                    // The Presence Server checked it on arrival; a document it could not read again tells nothing.
                }
            }

            return available;
        }

        private static bool IsPidf(string contentType)
        {
            int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
            string type = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
            return string.Equals(type, PidfContentType, StringComparison.OrdinalIgnoreCase);
        }
    }
}
