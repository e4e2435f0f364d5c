using System;
using System.Collections;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>
    /// A PIDF presence document (RFC 3863, application/pidf+xml): the presentity, its tuples, its notes,
    /// and any top-level elements of other namespaces (for instance RFC 4479 person and device), kept as
    /// element trees so nothing a publisher sent is lost when a presence server recomposes documents.
    /// </summary>
    public sealed class PresenceDocument
    {
        private readonly ArrayList _tuples = new ArrayList();
        private readonly ArrayList _notes = new ArrayList();
        private readonly ArrayList _extensions = new ArrayList();
        private string _entity;

        /// <summary>Creates an empty document for <paramref name="entity"/> (e.g. "sip:alice@example.com").</summary>
        public PresenceDocument(string entity)
        {
            Entity = entity;
        }

        /// <summary>The presentity URI; never empty.</summary>
        public string Entity
        {
            get => _entity;
            set
            {
                if (value == null || value.Length == 0)
                {
                    throw new ArgumentException("a presence document needs an entity", nameof(value));
                }

                _entity = value;
            }
        }

        /// <summary>Number of tuples.</summary>
        public int TupleCount => _tuples.Count;

        /// <summary>Number of document-level notes.</summary>
        public int NoteCount => _notes.Count;

        /// <summary>Number of top-level elements of other namespaces.</summary>
        public int ExtensionCount => _extensions.Count;

        /// <summary>
        /// Whether the presentity can take instant messages now. The rule:
        /// (1) when a tuple describes the OMA IM service (<see cref="PresenceTuple.ImSessionServiceId"/>), the
        /// answer is whether some such tuple is open and its willingness is not closed;
        /// (2) when no tuple carries an OMA service description at all (a plain RFC 3863 publisher), it is
        /// whether some tuple is open and not unwilling;
        /// (3) when tuples describe other services only, the presentity did not offer IM: false.
        /// </summary>
        public bool IsAvailableForIm
        {
            get
            {
                bool anyService = false;
                for (int i = 0; i < _tuples.Count; i++)
                {
                    var tuple = (PresenceTuple)_tuples[i];
                    if (tuple.ServiceId != null)
                    {
                        anyService = true;
                        if (tuple.IsImService && IsOpenAndWilling(tuple))
                        {
                            return true;
                        }
                    }
                }

                if (anyService)
                {
                    return false;
                }

                for (int i = 0; i < _tuples.Count; i++)
                {
                    if (IsOpenAndWilling((PresenceTuple)_tuples[i]))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// Builds the document a device publishes: one tuple <paramref name="tupleId"/> describing the OMA IM
        /// service, basic status open or closed, willingness open when <paramref name="availableForIm"/> and
        /// closed otherwise, and optionally a contact and a note (both may be null).
        /// </summary>
        public static PresenceDocument CreateForDevice(
            string entity, string tupleId, bool open, bool availableForIm, string contact, string note)
        {
            var document = new PresenceDocument(entity);
            var tuple = new PresenceTuple(tupleId)
            {
                Basic = open ? BasicStatus.Open : BasicStatus.Closed,
                Contact = contact,
            };
            tuple.SetImService();
            tuple.Willingness = availableForIm ? BasicStatus.Open : BasicStatus.Closed;
            if (note != null)
            {
                tuple.AddNote(note, null);
            }

            document.AddTuple(tuple);
            return document;
        }

        /// <summary>The tuple at <paramref name="index"/>.</summary>
        public PresenceTuple GetTuple(int index) => (PresenceTuple)_tuples[index];

        /// <summary>The tuple with this id, or null.</summary>
        public PresenceTuple FindTuple(string id)
        {
            int at = IndexOfTuple(id);
            return at < 0 ? null : (PresenceTuple)_tuples[at];
        }

        /// <summary>Appends a tuple; its id must not be in the document yet.</summary>
        public void AddTuple(PresenceTuple tuple)
        {
            if (tuple == null)
            {
                throw new ArgumentNullException(nameof(tuple));
            }

            if (IndexOfTuple(tuple.Id) >= 0)
            {
                throw new ArgumentException("the document already has tuple '" + tuple.Id + "'", nameof(tuple));
            }

            _tuples.Add(tuple);
        }

        /// <summary>Replaces the tuple with the same id in place, or appends it when the id is new.</summary>
        public void SetTuple(PresenceTuple tuple)
        {
            if (tuple == null)
            {
                throw new ArgumentNullException(nameof(tuple));
            }

            int at = IndexOfTuple(tuple.Id);
            if (at < 0)
            {
                _tuples.Add(tuple);
            }
            else
            {
                _tuples[at] = tuple;
            }
        }

        /// <summary>Removes the tuple with this id; returns whether it was there.</summary>
        public bool RemoveTuple(string id)
        {
            int at = IndexOfTuple(id);
            if (at < 0)
            {
                return false;
            }

            _tuples.RemoveAt(at);
            return true;
        }

        /// <summary>The document-level note at <paramref name="index"/>.</summary>
        public PresenceNote GetNote(int index) => (PresenceNote)_notes[index];

        /// <summary>Appends a document-level note.</summary>
        public void AddNote(PresenceNote note) => _notes.Add(note ?? throw new ArgumentNullException(nameof(note)));

        /// <summary>Appends a document-level note; <paramref name="language"/> may be null.</summary>
        public void AddNote(string text, string language) => _notes.Add(new PresenceNote(text, language));

        /// <summary>The top-level extension at <paramref name="index"/>.</summary>
        public XmlElement GetExtension(int index) => (XmlElement)_extensions[index];

        /// <summary>Appends a top-level element of another namespace.</summary>
        public void AddExtension(XmlElement element) => _extensions.Add(PresenceTuple.CheckExtension(element));

        /// <summary>Replaces the top-level extension at <paramref name="index"/>.</summary>
        public void SetExtension(int index, XmlElement element) => _extensions[index] = PresenceTuple.CheckExtension(element);

        /// <summary>Removes the top-level extension at <paramref name="index"/>.</summary>
        public void RemoveExtensionAt(int index) => _extensions.RemoveAt(index);

        /// <summary>A deep copy sharing nothing mutable with this document.</summary>
        public PresenceDocument Clone()
        {
            var copy = new PresenceDocument(_entity);
            for (int i = 0; i < _tuples.Count; i++)
            {
                copy._tuples.Add(((PresenceTuple)_tuples[i]).Clone());
            }

            for (int i = 0; i < _notes.Count; i++)
            {
                copy._notes.Add(_notes[i]);
            }

            for (int i = 0; i < _extensions.Count; i++)
            {
                copy._extensions.Add(((XmlElement)_extensions[i]).Clone());
            }

            return copy;
        }

        private static bool IsOpenAndWilling(PresenceTuple tuple)
            => tuple.Basic == BasicStatus.Open && tuple.Willingness != BasicStatus.Closed;

        private int IndexOfTuple(string id)
        {
            for (int i = 0; i < _tuples.Count; i++)
            {
                if (((PresenceTuple)_tuples[i]).Id == id)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
