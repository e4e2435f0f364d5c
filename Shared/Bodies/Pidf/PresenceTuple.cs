using System;
using System.Collections;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>
    /// A PIDF tuple: one way to reach the presentity (a device or a service) with its basic status,
    /// contact, notes and timestamp. Elements of other namespaces are kept as element trees in document
    /// order; the OMA service description and willingness are read from and written to those trees, so a
    /// tuple passes through a presence server unchanged.
    /// </summary>
    public sealed class PresenceTuple
    {
        /// <summary>OMA service-id of instant messaging (pager and session mode).</summary>
        public const string ImSessionServiceId = "org.openmobilealliance:IM-session";

        /// <summary>The service version written for <see cref="ImSessionServiceId"/>.</summary>
        public const string ImServiceVersion = "1.0";

        private readonly ArrayList _notes = new ArrayList();
        private readonly ArrayList _statusExtensions = new ArrayList();
        private readonly ArrayList _extensions = new ArrayList();
        private string _id;

        /// <summary>Creates a tuple with the given id and no status.</summary>
        public PresenceTuple(string id)
        {
            Id = id;
        }

        /// <summary>The tuple id, unique in its document and stable across publications; never empty.</summary>
        public string Id
        {
            get => _id;
            set
            {
                if (value == null || value.Length == 0)
                {
                    throw new ArgumentException("a tuple needs an id", nameof(value));
                }

                _id = value;
            }
        }

        /// <summary>The PIDF basic status.</summary>
        public BasicStatus Basic { get; set; }

        /// <summary>The contact URI, or null.</summary>
        public string Contact { get; set; }

        /// <summary>The contact priority as written (a qvalue such as "0.8"), or null.</summary>
        public string ContactPriority { get; set; }

        /// <summary>The timestamp as written (xs:dateTime), or null.</summary>
        public string Timestamp { get; set; }

        /// <summary>Number of notes of this tuple.</summary>
        public int NoteCount => _notes.Count;

        /// <summary>Number of elements of other namespaces inside <c>status</c>.</summary>
        public int StatusExtensionCount => _statusExtensions.Count;

        /// <summary>Number of elements of other namespaces directly inside the tuple, OMA ones included.</summary>
        public int ExtensionCount => _extensions.Count;

        /// <summary>The OMA service-id of this tuple, or null when it has no service description.</summary>
        public string ServiceId => ServiceDescriptionPart("service-id");

        /// <summary>The OMA service version, or null.</summary>
        public string ServiceVersion => ServiceDescriptionPart("version");

        /// <summary>The OMA service description text, or null.</summary>
        public string ServiceDescriptionText => ServiceDescriptionPart("description");

        /// <summary>Whether the tuple describes the OMA IM service.</summary>
        public bool IsImService => ServiceId == ImSessionServiceId;

        /// <summary>The OMA willingness of the tuple; <see cref="BasicStatus.None"/> when absent. Setting None removes it.</summary>
        public BasicStatus Willingness
        {
            get
            {
                XmlElement willingness = FindExtension("willingness");
                XmlElement basic = willingness?.FindElement("basic", PidfNamespaces.OmaPresence);
                return basic == null ? BasicStatus.None : PidfText.ParseBasic(XmlChars.Trim(basic.Text));
            }

            set
            {
                int at = IndexOfExtension("willingness");
                if (value == BasicStatus.None)
                {
                    if (at >= 0)
                    {
                        _extensions.RemoveAt(at);
                    }

                    return;
                }

                var willingness = new XmlElement(PidfNamespaces.OmaPresencePrefix, "willingness", PidfNamespaces.OmaPresence);
                willingness.AppendTextElement(
                    PidfNamespaces.OmaPresencePrefix, "basic", PidfNamespaces.OmaPresence, PidfText.FormatBasic(value));
                if (at >= 0)
                {
                    _extensions[at] = willingness;
                }
                else
                {
                    _extensions.Add(willingness);
                }
            }
        }

        /// <summary>
        /// Sets the OMA service description (service-id, optional version and description), replacing any
        /// previous one in place.
        /// </summary>
        public void SetServiceDescription(string serviceId, string version, string description)
        {
            if (serviceId == null || serviceId.Length == 0)
            {
                throw new ArgumentException("a service description needs a service-id", nameof(serviceId));
            }

            const string Prefix = PidfNamespaces.OmaPresencePrefix;
            const string Ns = PidfNamespaces.OmaPresence;
            var element = new XmlElement(Prefix, "service-description", Ns);
            element.AppendTextElement(Prefix, "service-id", Ns, serviceId);
            if (version != null)
            {
                element.AppendTextElement(Prefix, "version", Ns, version);
            }

            if (description != null)
            {
                element.AppendTextElement(Prefix, "description", Ns, description);
            }

            int at = IndexOfExtension("service-description");
            if (at >= 0)
            {
                _extensions[at] = element;
            }
            else
            {
                _extensions.Insert(0, element); // OMA documents list it first among the extensions
            }
        }

        /// <summary>Marks the tuple as the OMA IM service (service-id IM-session, version 1.0).</summary>
        public void SetImService() => SetServiceDescription(ImSessionServiceId, ImServiceVersion, null);

        /// <summary>Removes the OMA service description; returns whether there was one.</summary>
        public bool RemoveServiceDescription()
        {
            int at = IndexOfExtension("service-description");
            if (at < 0)
            {
                return false;
            }

            _extensions.RemoveAt(at);
            return true;
        }

        /// <summary>The note at <paramref name="index"/>.</summary>
        public PresenceNote GetNote(int index) => (PresenceNote)_notes[index];

        /// <summary>Appends a note.</summary>
        public void AddNote(PresenceNote note) => _notes.Add(note ?? throw new ArgumentNullException(nameof(note)));

        /// <summary>Appends a note; <paramref name="language"/> may be null.</summary>
        public void AddNote(string text, string language) => _notes.Add(new PresenceNote(text, language));

        /// <summary>Removes all notes.</summary>
        public void ClearNotes() => _notes.Clear();

        /// <summary>The status extension at <paramref name="index"/> (e.g. im:im of RFC 3862).</summary>
        public XmlElement GetStatusExtension(int index) => (XmlElement)_statusExtensions[index];

        /// <summary>Appends an element of another namespace inside <c>status</c>.</summary>
        public void AddStatusExtension(XmlElement element) => _statusExtensions.Add(CheckExtension(element));

        /// <summary>The tuple extension at <paramref name="index"/>.</summary>
        public XmlElement GetExtension(int index) => (XmlElement)_extensions[index];

        /// <summary>Appends an element of another namespace inside the tuple.</summary>
        public void AddExtension(XmlElement element) => _extensions.Add(CheckExtension(element));

        /// <summary>Removes the tuple extension at <paramref name="index"/>.</summary>
        public void RemoveExtensionAt(int index) => _extensions.RemoveAt(index);

        /// <summary>A deep copy sharing nothing mutable with this tuple.</summary>
        public PresenceTuple Clone()
        {
            var copy = new PresenceTuple(_id)
            {
                Basic = Basic,
                Contact = Contact,
                ContactPriority = ContactPriority,
                Timestamp = Timestamp,
            };
            for (int i = 0; i < _notes.Count; i++)
            {
                copy._notes.Add(_notes[i]); // notes are immutable
            }

            for (int i = 0; i < _statusExtensions.Count; i++)
            {
                copy._statusExtensions.Add(((XmlElement)_statusExtensions[i]).Clone());
            }

            for (int i = 0; i < _extensions.Count; i++)
            {
                copy._extensions.Add(((XmlElement)_extensions[i]).Clone());
            }

            return copy;
        }

        internal static XmlElement CheckExtension(XmlElement element)
        {
            if (element == null)
            {
                throw new ArgumentNullException(nameof(element));
            }

            if (element.NamespaceUri == PidfNamespaces.Pidf || element.NamespaceUri.Length == 0)
            {
                throw new ArgumentException("an extension must be in a namespace other than PIDF's", nameof(element));
            }

            return element;
        }

        private string ServiceDescriptionPart(string localName)
        {
            XmlElement part = FindExtension("service-description")?.FindElement(localName, PidfNamespaces.OmaPresence);
            return part == null ? null : XmlChars.Trim(part.Text);
        }

        private XmlElement FindExtension(string omaLocalName)
        {
            int at = IndexOfExtension(omaLocalName);
            return at < 0 ? null : (XmlElement)_extensions[at];
        }

        private int IndexOfExtension(string omaLocalName)
        {
            for (int i = 0; i < _extensions.Count; i++)
            {
                if (((XmlElement)_extensions[i]).Is(omaLocalName, PidfNamespaces.OmaPresence))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
