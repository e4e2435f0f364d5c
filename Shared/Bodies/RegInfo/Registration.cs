using System;
using System.Collections;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>The registration of one address-of-record with its contacts (RFC 3680 section 5.3).</summary>
    public sealed class Registration
    {
        private readonly ArrayList _contacts = new ArrayList();
        private readonly ArrayList _extensions = new ArrayList();
        private string _aor;
        private string _id;

        /// <summary>Creates a registration with its required fields.</summary>
        public Registration(string aor, string id, RegistrationState state)
        {
            Aor = aor;
            Id = id;
            State = state;
        }

        /// <summary>The address-of-record; never empty.</summary>
        public string Aor
        {
            get => _aor;
            set => _aor = RegInfoDocument.Require(value, "a registration needs an aor");
        }

        /// <summary>The registration id, stable across notifications; never empty.</summary>
        public string Id
        {
            get => _id;
            set => _id = RegInfoDocument.Require(value, "a registration needs an id");
        }

        /// <summary>init, active or terminated.</summary>
        public RegistrationState State { get; set; }

        /// <summary>Number of contacts.</summary>
        public int ContactCount => _contacts.Count;

        /// <summary>Number of elements of other namespaces.</summary>
        public int ExtensionCount => _extensions.Count;

        /// <summary>The contact at <paramref name="index"/>.</summary>
        public RegContact GetContact(int index) => (RegContact)_contacts[index];

        /// <summary>The contact with this id, or null.</summary>
        public RegContact FindContact(string id)
        {
            for (int i = 0; i < _contacts.Count; i++)
            {
                var contact = (RegContact)_contacts[i];
                if (contact.Id == id)
                {
                    return contact;
                }
            }

            return null;
        }

        /// <summary>Appends a contact.</summary>
        public void AddContact(RegContact contact) => _contacts.Add(contact ?? throw new ArgumentNullException(nameof(contact)));

        /// <summary>The extension at <paramref name="index"/>.</summary>
        public XmlElement GetExtension(int index) => (XmlElement)_extensions[index];

        /// <summary>Appends an element of another namespace.</summary>
        public void AddExtension(XmlElement element) => _extensions.Add(RegInfoDocument.CheckExtension(element));

        /// <summary>A deep copy.</summary>
        public Registration Clone()
        {
            var copy = new Registration(_aor, _id, State);
            for (int i = 0; i < _contacts.Count; i++)
            {
                copy._contacts.Add(((RegContact)_contacts[i]).Clone());
            }

            for (int i = 0; i < _extensions.Count; i++)
            {
                copy._extensions.Add(((XmlElement)_extensions[i]).Clone());
            }

            return copy;
        }
    }
}
