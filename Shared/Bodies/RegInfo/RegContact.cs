using System;
using System.Collections;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>
    /// One contact binding of a registration in a reginfo document (RFC 3680 section 5.4). Numeric
    /// attributes are -1 when absent; elements of other namespaces are kept as element trees.
    /// </summary>
    public sealed class RegContact
    {
        private readonly ArrayList _parameters = new ArrayList();
        private readonly ArrayList _extensions = new ArrayList();
        private string _id;
        private string _uri;

        /// <summary>Creates a contact with its required fields.</summary>
        public RegContact(string id, RegContactState state, RegContactEvent contactEvent, string uri)
        {
            Id = id;
            State = state;
            Event = contactEvent;
            Uri = uri;
        }

        /// <summary>The contact id, stable across notifications for the same binding; never empty.</summary>
        public string Id
        {
            get => _id;
            set => _id = RegInfoDocument.Require(value, "a contact needs an id");
        }

        /// <summary>active or terminated.</summary>
        public RegContactState State { get; set; }

        /// <summary>What moved the contact into its state.</summary>
        public RegContactEvent Event { get; set; }

        /// <summary>The contact URI; never empty.</summary>
        public string Uri
        {
            get => _uri;
            set => _uri = RegInfoDocument.Require(value, "a contact needs a uri");
        }

        /// <summary>The display name, or null.</summary>
        public string DisplayName { get; set; }

        /// <summary>The xml:lang of the display name, or null.</summary>
        public string DisplayNameLanguage { get; set; }

        /// <summary>Seconds until the binding expires, or -1.</summary>
        public long Expires { get; set; } = -1;

        /// <summary>Seconds after which a probation contact may register again, or -1.</summary>
        public long RetryAfter { get; set; } = -1;

        /// <summary>Seconds the binding has been registered, or -1.</summary>
        public long DurationRegistered { get; set; } = -1;

        /// <summary>The q value as written, or null.</summary>
        public string Q { get; set; }

        /// <summary>The Call-ID of the REGISTER that last touched the binding, or null.</summary>
        public string CallId { get; set; }

        /// <summary>The CSeq number of that REGISTER, or -1.</summary>
        public long CSeq { get; set; } = -1;

        /// <summary>Number of unknown-param entries.</summary>
        public int ParameterCount => _parameters.Count;

        /// <summary>Number of elements of other namespaces.</summary>
        public int ExtensionCount => _extensions.Count;

        /// <summary>The unknown-param at <paramref name="index"/>.</summary>
        public RegContactParameter GetParameter(int index) => (RegContactParameter)_parameters[index];

        /// <summary>Appends an unknown-param.</summary>
        public void AddParameter(string name, string value) => _parameters.Add(new RegContactParameter(name, value));

        /// <summary>The extension at <paramref name="index"/>.</summary>
        public XmlElement GetExtension(int index) => (XmlElement)_extensions[index];

        /// <summary>Appends an element of another namespace.</summary>
        public void AddExtension(XmlElement element) => _extensions.Add(RegInfoDocument.CheckExtension(element));

        /// <summary>A deep copy.</summary>
        public RegContact Clone()
        {
            var copy = new RegContact(_id, State, Event, _uri)
            {
                DisplayName = DisplayName,
                DisplayNameLanguage = DisplayNameLanguage,
                Expires = Expires,
                RetryAfter = RetryAfter,
                DurationRegistered = DurationRegistered,
                Q = Q,
                CallId = CallId,
                CSeq = CSeq,
            };
            for (int i = 0; i < _parameters.Count; i++)
            {
                copy._parameters.Add(_parameters[i]);
            }

            for (int i = 0; i < _extensions.Count; i++)
            {
                copy._extensions.Add(((XmlElement)_extensions[i]).Clone());
            }

            return copy;
        }
    }
}
