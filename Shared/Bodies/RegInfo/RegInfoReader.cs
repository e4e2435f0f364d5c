using System;
using SimpleImGateway.Sip.Bodies.Xml;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Bodies.RegInfo
{
    /// <summary>
    /// Reads application/reginfo+xml bodies (RFC 3680). The XML must be well formed (see
    /// <see cref="XmlReaderLite"/>) and follow the reginfo schema: required attributes present, enumerated
    /// values known, numbers unsigned, one uri per contact, no unknown element in the reginfo namespace.
    /// Elements of other namespaces are kept. Violations throw <see cref="SipParseException"/> (400).
    /// </summary>
    public static class RegInfoReader
    {
        /// <summary>Parses a reginfo document from UTF-8 bytes with the reader's default limits.</summary>
        public static RegInfoDocument Parse(byte[] buffer, int offset, int count)
            => FromElement(XmlReaderLite.Parse(buffer, offset, count));

        /// <summary>Parses a reginfo document from UTF-8 bytes with explicit depth and element limits.</summary>
        public static RegInfoDocument Parse(byte[] buffer, int offset, int count, int maxDepth, int maxElements)
            => FromElement(XmlReaderLite.Parse(buffer, offset, count, maxDepth, maxElements));

        /// <summary>Interprets an already parsed root element as a reginfo document.</summary>
        public static RegInfoDocument FromElement(XmlElement root)
        {
            if (root == null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (!root.Is("reginfo", RegInfoDocument.Namespace))
            {
                Fail("the root element must be <reginfo> in " + RegInfoDocument.Namespace + ", not <" + root.QualifiedName
                    + "> in '" + root.NamespaceUri + "'");
            }

            long version = RegInfoText.ParseUnsigned(Required(root, "version", "<reginfo>"));
            if (version < 0)
            {
                Fail("<reginfo> version '" + root.GetAttribute("version") + "' is not a non-negative integer");
            }

            int state = RegInfoText.ParseDocumentState(Required(root, "state", "<reginfo>"));
            if (state < 0)
            {
                Fail("<reginfo> state must be 'full' or 'partial', not '" + root.GetAttribute("state") + "'");
            }

            var document = new RegInfoDocument(version, (RegInfoState)state);
            for (int i = 0; i < root.ChildCount; i++)
            {
                XmlElement child = ElementAt(root, i, "<reginfo>");
                if (child == null)
                {
                    continue;
                }

                if (child.NamespaceUri != RegInfoDocument.Namespace)
                {
                    document.AddExtension(child);
                }
                else if (child.LocalName == "registration")
                {
                    document.AddRegistration(ReadRegistration(child));
                }
                else
                {
                    Fail("unexpected element <" + child.QualifiedName + "> in <reginfo>");
                }
            }

            return document;
        }

        private static Registration ReadRegistration(XmlElement element)
        {
            string aor = Required(element, "aor", "<registration>");
            string id = Required(element, "id", "<registration>");
            string where = "registration '" + id + "'";
            int state = RegInfoText.ParseRegistrationState(Required(element, "state", where));
            if (state < 0)
            {
                Fail(where + ": state must be init, active or terminated, not '" + element.GetAttribute("state") + "'");
            }

            var registration = new Registration(aor, id, (RegistrationState)state);
            for (int i = 0; i < element.ChildCount; i++)
            {
                XmlElement child = ElementAt(element, i, where);
                if (child == null)
                {
                    continue;
                }

                if (child.NamespaceUri != RegInfoDocument.Namespace)
                {
                    registration.AddExtension(child);
                }
                else if (child.LocalName == "contact")
                {
                    registration.AddContact(ReadContact(child, where));
                }
                else
                {
                    Fail("unexpected element <" + child.QualifiedName + "> in " + where);
                }
            }

            return registration;
        }

        private static RegContact ReadContact(XmlElement element, string registrationWhere)
        {
            string id = Required(element, "id", "contact of " + registrationWhere);
            string where = "contact '" + id + "'";
            int state = RegInfoText.ParseContactState(Required(element, "state", where));
            if (state < 0)
            {
                Fail(where + ": state must be active or terminated, not '" + element.GetAttribute("state") + "'");
            }

            int contactEvent = RegInfoText.ParseEvent(Required(element, "event", where));
            if (contactEvent < 0)
            {
                Fail(where + ": unknown event '" + element.GetAttribute("event") + "'");
            }

            string uri = null;
            string displayName = null;
            string displayNameLanguage = null;
            var parameters = new System.Collections.ArrayList();
            var extensions = new System.Collections.ArrayList();
            for (int i = 0; i < element.ChildCount; i++)
            {
                XmlElement child = ElementAt(element, i, where);
                if (child == null)
                {
                    continue;
                }

                if (child.NamespaceUri != RegInfoDocument.Namespace)
                {
                    extensions.Add(child);
                    continue;
                }

                switch (child.LocalName)
                {
                    case "uri":
                        if (uri != null)
                        {
                            Fail(where + " has more than one <uri>");
                        }

                        uri = XmlChars.Trim(TextOf(child, where));
                        if (uri.Length == 0)
                        {
                            Fail(where + " has an empty <uri>");
                        }

                        break;
                    case "display-name":
                        if (displayName != null)
                        {
                            Fail(where + " has more than one <display-name>");
                        }

                        displayName = TextOf(child, where);
                        displayNameLanguage = child.GetAttribute("lang", XmlNamespaces.Xml);
                        break;
                    case "unknown-param":
                        string name = Required(child, "name", "unknown-param of " + where);
                        parameters.Add(new RegContactParameter(name, TextOf(child, where)));
                        break;
                    default:
                        Fail("unexpected element <" + child.QualifiedName + "> in " + where);
                        break;
                }
            }

            if (uri == null)
            {
                Fail(where + " has no <uri>");
            }

            var contact = new RegContact(id, (RegContactState)state, (RegContactEvent)contactEvent, uri)
            {
                DisplayName = displayName,
                DisplayNameLanguage = displayNameLanguage,
                Expires = Unsigned(element, "expires", where),
                RetryAfter = Unsigned(element, "retry-after", where),
                DurationRegistered = Unsigned(element, "duration-registered", where),
                CSeq = Unsigned(element, "cseq", where),
                CallId = element.GetAttribute("callid"),
            };
            string q = element.GetAttribute("q");
            contact.Q = q == null ? null : XmlChars.Trim(q);
            for (int i = 0; i < parameters.Count; i++)
            {
                var p = (RegContactParameter)parameters[i];
                contact.AddParameter(p.Name, p.Value);
            }

            for (int i = 0; i < extensions.Count; i++)
            {
                contact.AddExtension((XmlElement)extensions[i]);
            }

            return contact;
        }

        private static long Unsigned(XmlElement element, string name, string where)
        {
            string text = element.GetAttribute(name);
            if (text == null)
            {
                return -1;
            }

            long value = RegInfoText.ParseUnsigned(XmlChars.Trim(text));
            if (value < 0)
            {
                Fail(where + ": " + name + " '" + text + "' is not a non-negative integer");
            }

            return value;
        }

        private static string Required(XmlElement element, string name, string where)
        {
            string value = element.GetAttribute(name);
            if (value == null || XmlChars.Trim(value).Length == 0)
            {
                Fail(where + " has no " + name);
            }

            return XmlChars.Trim(value);
        }

        // The child element at index, or null for white space between elements; other text is an error,
        // and so is an element in no namespace, which the schema allows nowhere.
        private static XmlElement ElementAt(XmlElement parent, int index, string where)
        {
            XmlNode node = parent.GetChild(index);
            if (node is XmlElement element)
            {
                if (element.NamespaceUri.Length == 0)
                {
                    Fail("element <" + element.QualifiedName + "> in " + where + " has no namespace");
                }

                return element;
            }

            if (!XmlChars.IsAllWhitespace(((XmlText)node).Value))
            {
                Fail("text is not allowed directly in " + where);
            }

            return null;
        }

        private static string TextOf(XmlElement element, string where)
        {
            if (element.HasElementChildren)
            {
                Fail("<" + element.QualifiedName + "> in " + where + " must hold text only");
            }

            return element.Text;
        }

        private static void Fail(string reason) => throw new SipParseException("reginfo: " + reason, 400);
    }
}
