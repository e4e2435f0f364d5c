using System;
using System.Collections;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>
    /// A registration information document (RFC 3680, application/reginfo+xml) as a registrar sends it
    /// in NOTIFY for the "reg" event package.
    /// </summary>
    public sealed class RegInfoDocument
    {
        /// <summary>The reginfo namespace.</summary>
        public const string Namespace = "urn:ietf:params:xml:ns:reginfo";

        private readonly ArrayList _registrations = new ArrayList();
        private readonly ArrayList _extensions = new ArrayList();
        private long _version;

        /// <summary>Creates an empty document.</summary>
        public RegInfoDocument(long version, RegInfoState state)
        {
            Version = version;
            State = state;
        }

        /// <summary>The notification counter of the subscription: 0 first, then one more per NOTIFY.</summary>
        public long Version
        {
            get => _version;
            set
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), "the version cannot be negative");
                }

                _version = value;
            }
        }

        /// <summary>full or partial.</summary>
        public RegInfoState State { get; set; }

        /// <summary>Number of registrations.</summary>
        public int RegistrationCount => _registrations.Count;

        /// <summary>Number of elements of other namespaces.</summary>
        public int ExtensionCount => _extensions.Count;

        /// <summary>The registration at <paramref name="index"/>.</summary>
        public Registration GetRegistration(int index) => (Registration)_registrations[index];

        /// <summary>The registration of this address-of-record, or null.</summary>
        public Registration FindRegistration(string aor)
        {
            for (int i = 0; i < _registrations.Count; i++)
            {
                var registration = (Registration)_registrations[i];
                if (registration.Aor == aor)
                {
                    return registration;
                }
            }

            return null;
        }

        /// <summary>Appends a registration.</summary>
        public void AddRegistration(Registration registration)
            => _registrations.Add(registration ?? throw new ArgumentNullException(nameof(registration)));

        /// <summary>The extension at <paramref name="index"/>.</summary>
        public XmlElement GetExtension(int index) => (XmlElement)_extensions[index];

        /// <summary>Appends an element of another namespace.</summary>
        public void AddExtension(XmlElement element) => _extensions.Add(CheckExtension(element));

        internal static string Require(string value, string message)
        {
            if (value == null || value.Length == 0)
            {
                throw new ArgumentException(message, nameof(value));
            }

            return value;
        }

        internal static XmlElement CheckExtension(XmlElement element)
        {
            if (element == null)
            {
                throw new ArgumentNullException(nameof(element));
            }

            if (element.NamespaceUri == Namespace || element.NamespaceUri.Length == 0)
            {
                throw new ArgumentException("an extension must be in a namespace other than reginfo's", nameof(element));
            }

            return element;
        }
    }
}
