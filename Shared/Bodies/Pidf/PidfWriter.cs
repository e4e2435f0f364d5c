using System;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>
    /// Writes a <see cref="PresenceDocument"/> as compact application/pidf+xml: XML declaration, PIDF as the
    /// default namespace, the prefixes used by extensions declared once on the root, then per tuple
    /// status, extensions, contact, notes and timestamp in the order of the RFC 3863 schema. A server
    /// writing one NOTIFY body per watcher can write into its own buffer with <see cref="TryWrite"/>.
    /// </summary>
    public static class PidfWriter
    {
        /// <summary>Writes the document through <paramref name="writer"/>.</summary>
        public static void Write(PresenceDocument document, XmlWriterLite writer)
        {
            if (document == null)
            {
                throw new ArgumentNullException(nameof(document));
            }

            if (writer == null)
            {
                throw new ArgumentNullException(nameof(writer));
            }

            const string Ns = PidfNamespaces.Pidf;
            writer.WriteDeclaration();
            writer.WriteStartElement(null, "presence", Ns);
            DeclareExtensionNamespaces(document, writer);
            writer.WriteAttribute("entity", document.Entity);
            for (int i = 0; i < document.TupleCount; i++)
            {
                WriteTuple(document.GetTuple(i), writer);
            }

            for (int i = 0; i < document.NoteCount; i++)
            {
                WriteNote(document.GetNote(i), writer);
            }

            for (int i = 0; i < document.ExtensionCount; i++)
            {
                writer.WriteElement(document.GetExtension(i));
            }

            writer.WriteEndElement();
        }

        /// <summary>The document as a new byte array of exactly its length.</summary>
        public static byte[] Write(PresenceDocument document)
        {
            var writer = new XmlWriterLite();
            Write(document, writer);
            return writer.ToArray();
        }

        /// <summary>The document as a string (for logs and tests).</summary>
        public static string WriteString(PresenceDocument document)
        {
            var writer = new XmlWriterLite();
            Write(document, writer);
            return writer.ToString();
        }

        /// <summary>The number of bytes the document takes, computed without storing it.</summary>
        public static int GetByteCount(PresenceDocument document)
        {
            XmlWriterLite counter = XmlWriterLite.CreateCounter();
            Write(document, counter);
            return counter.Length;
        }

        /// <summary>
        /// Writes into <paramref name="buffer"/> at most <paramref name="count"/> bytes from <paramref name="offset"/>.
        /// Returns false, with <paramref name="bytesWritten"/> 0, when the document does not fit.
        /// </summary>
        public static bool TryWrite(PresenceDocument document, byte[] buffer, int offset, int count, out int bytesWritten)
        {
            var writer = new XmlWriterLite(buffer, offset, count);
            Write(document, writer);
            bytesWritten = writer.Overflowed ? 0 : writer.Length;
            return !writer.Overflowed;
        }

        /// <summary>Writes into <paramref name="buffer"/> from <paramref name="offset"/>; returns the byte count.</summary>
        /// <exception cref="ArgumentException">The rest of the buffer is too small.</exception>
        public static int Write(PresenceDocument document, byte[] buffer, int offset)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            var writer = new XmlWriterLite(buffer, offset, buffer.Length - offset);
            Write(document, writer);
            if (writer.Overflowed)
            {
                throw new ArgumentException("the PIDF document needs " + writer.Length + " bytes, the buffer has "
                    + (buffer.Length - offset), nameof(buffer));
            }

            return writer.Length;
        }

        private static void DeclareExtensionNamespaces(PresenceDocument document, XmlWriterLite writer)
        {
            for (int i = 0; i < document.TupleCount; i++)
            {
                PresenceTuple tuple = document.GetTuple(i);
                for (int j = 0; j < tuple.StatusExtensionCount; j++)
                {
                    writer.DeclareNamespacesOf(tuple.GetStatusExtension(j));
                }

                for (int j = 0; j < tuple.ExtensionCount; j++)
                {
                    writer.DeclareNamespacesOf(tuple.GetExtension(j));
                }
            }

            for (int i = 0; i < document.ExtensionCount; i++)
            {
                writer.DeclareNamespacesOf(document.GetExtension(i));
            }
        }

        private static void WriteTuple(PresenceTuple tuple, XmlWriterLite writer)
        {
            const string Ns = PidfNamespaces.Pidf;
            writer.WriteStartElement(null, "tuple", Ns);
            writer.WriteAttribute("id", tuple.Id);
            writer.WriteStartElement(null, "status", Ns);
            string basic = PidfText.FormatBasic(tuple.Basic);
            if (basic != null)
            {
                writer.WriteTextElement(null, "basic", Ns, basic);
            }

            for (int i = 0; i < tuple.StatusExtensionCount; i++)
            {
                writer.WriteElement(tuple.GetStatusExtension(i));
            }

            writer.WriteEndElement();
            for (int i = 0; i < tuple.ExtensionCount; i++)
            {
                writer.WriteElement(tuple.GetExtension(i));
            }

            if (tuple.Contact != null)
            {
                writer.WriteStartElement(null, "contact", Ns);
                if (tuple.ContactPriority != null)
                {
                    writer.WriteAttribute("priority", tuple.ContactPriority);
                }

                writer.WriteText(tuple.Contact);
                writer.WriteEndElement();
            }

            for (int i = 0; i < tuple.NoteCount; i++)
            {
                WriteNote(tuple.GetNote(i), writer);
            }

            if (tuple.Timestamp != null)
            {
                writer.WriteTextElement(null, "timestamp", Ns, tuple.Timestamp);
            }

            writer.WriteEndElement();
        }

        private static void WriteNote(PresenceNote note, XmlWriterLite writer)
        {
            writer.WriteStartElement(null, "note", PidfNamespaces.Pidf);
            if (note.Language != null)
            {
                writer.WriteAttribute("xml", "lang", XmlNamespaces.Xml, note.Language);
            }

            writer.WriteText(note.Text);
            writer.WriteEndElement();
        }
    }
}
