using System;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>
    /// Writes a <see cref="RegInfoDocument"/> as compact application/reginfo+xml in the element order of the
    /// RFC 3680 schema, with the prefixes of extensions declared once on the root.
    /// </summary>
    public static class RegInfoWriter
    {
        /// <summary>Writes the document through <paramref name="writer"/>.</summary>
        public static void Write(RegInfoDocument document, XmlWriterLite writer)
        {
            if (document == null)
            {
                throw new ArgumentNullException(nameof(document));
            }

            if (writer == null)
            {
                throw new ArgumentNullException(nameof(writer));
            }

            const string Ns = RegInfoDocument.Namespace;
            writer.WriteDeclaration();
            writer.WriteStartElement(null, "reginfo", Ns);
            DeclareExtensionNamespaces(document, writer);
            writer.WriteAttribute("version", document.Version.ToString());
            writer.WriteAttribute("state", RegInfoText.Format(document.State));
            for (int i = 0; i < document.RegistrationCount; i++)
            {
                WriteRegistration(document.GetRegistration(i), writer);
            }

            for (int i = 0; i < document.ExtensionCount; i++)
            {
                writer.WriteElement(document.GetExtension(i));
            }

            writer.WriteEndElement();
        }

        /// <summary>The document as a new byte array of exactly its length.</summary>
        public static byte[] Write(RegInfoDocument document)
        {
            var writer = new XmlWriterLite();
            Write(document, writer);
            return writer.ToArray();
        }

        /// <summary>The document as a string (for logs and tests).</summary>
        public static string WriteString(RegInfoDocument document)
        {
            var writer = new XmlWriterLite();
            Write(document, writer);
            return writer.ToString();
        }

        /// <summary>The number of bytes the document takes, computed without storing it.</summary>
        public static int GetByteCount(RegInfoDocument document)
        {
            XmlWriterLite counter = XmlWriterLite.CreateCounter();
            Write(document, counter);
            return counter.Length;
        }

        /// <summary>
        /// Writes into <paramref name="buffer"/> at most <paramref name="count"/> bytes from <paramref name="offset"/>.
        /// Returns false, with <paramref name="bytesWritten"/> 0, when the document does not fit.
        /// </summary>
        public static bool TryWrite(RegInfoDocument document, byte[] buffer, int offset, int count, out int bytesWritten)
        {
            var writer = new XmlWriterLite(buffer, offset, count);
            Write(document, writer);
            bytesWritten = writer.Overflowed ? 0 : writer.Length;
            return !writer.Overflowed;
        }

        /// <summary>Writes into <paramref name="buffer"/> from <paramref name="offset"/>; returns the byte count.</summary>
        /// <exception cref="ArgumentException">The rest of the buffer is too small.</exception>
        public static int Write(RegInfoDocument document, byte[] buffer, int offset)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(nameof(buffer));
            }

            var writer = new XmlWriterLite(buffer, offset, buffer.Length - offset);
            Write(document, writer);
            if (writer.Overflowed)
            {
                throw new ArgumentException("the reginfo document needs " + writer.Length + " bytes, the buffer has "
                    + (buffer.Length - offset), nameof(buffer));
            }

            return writer.Length;
        }

        private static void DeclareExtensionNamespaces(RegInfoDocument document, XmlWriterLite writer)
        {
            for (int i = 0; i < document.RegistrationCount; i++)
            {
                Registration registration = document.GetRegistration(i);
                for (int j = 0; j < registration.ContactCount; j++)
                {
                    RegContact contact = registration.GetContact(j);
                    for (int k = 0; k < contact.ExtensionCount; k++)
                    {
                        writer.DeclareNamespacesOf(contact.GetExtension(k));
                    }
                }

                for (int j = 0; j < registration.ExtensionCount; j++)
                {
                    writer.DeclareNamespacesOf(registration.GetExtension(j));
                }
            }

            for (int i = 0; i < document.ExtensionCount; i++)
            {
                writer.DeclareNamespacesOf(document.GetExtension(i));
            }
        }

        private static void WriteRegistration(Registration registration, XmlWriterLite writer)
        {
            writer.WriteStartElement(null, "registration", RegInfoDocument.Namespace);
            writer.WriteAttribute("aor", registration.Aor);
            writer.WriteAttribute("id", registration.Id);
            writer.WriteAttribute("state", RegInfoText.Format(registration.State));
            for (int i = 0; i < registration.ContactCount; i++)
            {
                WriteContact(registration.GetContact(i), writer);
            }

            for (int i = 0; i < registration.ExtensionCount; i++)
            {
                writer.WriteElement(registration.GetExtension(i));
            }

            writer.WriteEndElement();
        }

        private static void WriteContact(RegContact contact, XmlWriterLite writer)
        {
            const string Ns = RegInfoDocument.Namespace;
            writer.WriteStartElement(null, "contact", Ns);
            writer.WriteAttribute("id", contact.Id);
            writer.WriteAttribute("state", RegInfoText.Format(contact.State));
            writer.WriteAttribute("event", RegInfoText.Format(contact.Event));
            WriteUnsigned(writer, "expires", contact.Expires);
            WriteUnsigned(writer, "retry-after", contact.RetryAfter);
            WriteUnsigned(writer, "duration-registered", contact.DurationRegistered);
            if (contact.Q != null)
            {
                writer.WriteAttribute("q", contact.Q);
            }

            if (contact.CallId != null)
            {
                writer.WriteAttribute("callid", contact.CallId);
            }

            WriteUnsigned(writer, "cseq", contact.CSeq);
            writer.WriteTextElement(null, "uri", Ns, contact.Uri);
            if (contact.DisplayName != null)
            {
                writer.WriteStartElement(null, "display-name", Ns);
                if (contact.DisplayNameLanguage != null)
                {
                    writer.WriteAttribute("xml", "lang", XmlNamespaces.Xml, contact.DisplayNameLanguage);
                }

                writer.WriteText(contact.DisplayName);
                writer.WriteEndElement();
            }

            for (int i = 0; i < contact.ParameterCount; i++)
            {
                RegContactParameter parameter = contact.GetParameter(i);
                writer.WriteStartElement(null, "unknown-param", Ns);
                writer.WriteAttribute("name", parameter.Name);
                writer.WriteText(parameter.Value);
                writer.WriteEndElement();
            }

            for (int i = 0; i < contact.ExtensionCount; i++)
            {
                writer.WriteElement(contact.GetExtension(i));
            }

            writer.WriteEndElement();
        }

        private static void WriteUnsigned(XmlWriterLite writer, string name, long value)
        {
            if (value >= 0)
            {
                writer.WriteAttribute(name, value.ToString());
            }
        }
    }
}
