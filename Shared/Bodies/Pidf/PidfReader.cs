using System;
using SimpleImGateway.Sip.Bodies.Xml;
using SimpleImGateway.Sip.Message;

namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>
    /// Reads application/pidf+xml bodies. The XML must be well formed (see <see cref="XmlReaderLite"/>) and
    /// the document valid PIDF: root <c>presence</c> in the PIDF namespace with an entity, tuples with a
    /// unique id and one status, basic open or closed, a qvalue priority, no unknown element in the PIDF
    /// namespace. The order of a tuple's children is not enforced, as many publishers put extensions
    /// last. Elements of other namespaces are kept; the OMA service description must carry a service-id
    /// and an OMA willingness must be open or closed. Violations throw <see cref="SipParseException"/> (400).
    /// </summary>
    public static class PidfReader
    {
        /// <summary>Parses a PIDF document from UTF-8 bytes with the reader's default limits.</summary>
        public static PresenceDocument Parse(byte[] buffer, int offset, int count)
            => FromElement(XmlReaderLite.Parse(buffer, offset, count));

        /// <summary>Parses a PIDF document from UTF-8 bytes with explicit depth and element limits.</summary>
        public static PresenceDocument Parse(byte[] buffer, int offset, int count, int maxDepth, int maxElements)
            => FromElement(XmlReaderLite.Parse(buffer, offset, count, maxDepth, maxElements));

        /// <summary>Interprets an already parsed root element as a PIDF document.</summary>
        public static PresenceDocument FromElement(XmlElement root)
        {
            if (root == null)
            {
                throw new ArgumentNullException(nameof(root));
            }

            if (!root.Is("presence", PidfNamespaces.Pidf))
            {
                Fail("the root element must be <presence> in " + PidfNamespaces.Pidf + ", not <" + root.QualifiedName
                    + "> in '" + root.NamespaceUri + "'");
            }

            string entity = root.GetAttribute("entity");
            if (entity == null || XmlChars.Trim(entity).Length == 0)
            {
                Fail("<presence> has no entity");
            }

            var document = new PresenceDocument(XmlChars.Trim(entity));
            for (int i = 0; i < root.ChildCount; i++)
            {
                XmlNode node = root.GetChild(i);
                if (!(node is XmlElement child))
                {
                    RequireWhitespace(node, "presence");
                    continue;
                }

                if (child.NamespaceUri.Length == 0)
                {
                    Fail("element <" + child.QualifiedName + "> in <presence> has no namespace");
                }
                else if (child.NamespaceUri != PidfNamespaces.Pidf)
                {
                    document.AddExtension(child);
                }
                else if (child.LocalName == "tuple")
                {
                    PresenceTuple tuple = ReadTuple(child);
                    if (document.FindTuple(tuple.Id) != null)
                    {
                        Fail("duplicate tuple id '" + tuple.Id + "'");
                    }

                    document.AddTuple(tuple);
                }
                else if (child.LocalName == "note")
                {
                    document.AddNote(ReadNote(child, "presence"));
                }
                else
                {
                    Fail("unexpected element <" + child.QualifiedName + "> in <presence>");
                }
            }

            return document;
        }

        private static PresenceTuple ReadTuple(XmlElement element)
        {
            string id = element.GetAttribute("id");
            if (id == null || XmlChars.Trim(id).Length == 0)
            {
                Fail("<tuple> has no id");
            }

            var tuple = new PresenceTuple(XmlChars.Trim(id));
            string where = "tuple '" + tuple.Id + "'";
            bool sawStatus = false;
            for (int i = 0; i < element.ChildCount; i++)
            {
                XmlNode node = element.GetChild(i);
                if (!(node is XmlElement child))
                {
                    RequireWhitespace(node, where);
                    continue;
                }

                if (child.NamespaceUri.Length == 0)
                {
                    Fail("element <" + child.QualifiedName + "> in " + where + " has no namespace");
                }

                if (child.NamespaceUri != PidfNamespaces.Pidf)
                {
                    CheckOmaExtension(child, where);
                    tuple.AddExtension(child);
                    continue;
                }

                switch (child.LocalName)
                {
                    case "status":
                        if (sawStatus)
                        {
                            Fail(where + " has more than one <status>");
                        }

                        sawStatus = true;
                        ReadStatus(child, tuple, where);
                        break;
                    case "contact":
                        if (tuple.Contact != null)
                        {
                            Fail(where + " has more than one <contact>");
                        }

                        tuple.Contact = XmlChars.Trim(TextOf(child, where));
                        string priority = child.GetAttribute("priority");
                        if (priority != null)
                        {
                            priority = XmlChars.Trim(priority);
                            if (!PidfText.IsQValue(priority))
                            {
                                Fail(where + ": contact priority '" + priority + "' is not a qvalue");
                            }

                            tuple.ContactPriority = priority;
                        }

                        break;
                    case "note":
                        tuple.AddNote(ReadNote(child, where));
                        break;
                    case "timestamp":
                        if (tuple.Timestamp != null)
                        {
                            Fail(where + " has more than one <timestamp>");
                        }

                        tuple.Timestamp = XmlChars.Trim(TextOf(child, where));
                        break;
                    default:
                        Fail("unexpected element <" + child.QualifiedName + "> in " + where);
                        break;
                }
            }

            if (!sawStatus)
            {
                Fail(where + " has no <status>");
            }

            return tuple;
        }

        private static void ReadStatus(XmlElement status, PresenceTuple tuple, string where)
        {
            for (int i = 0; i < status.ChildCount; i++)
            {
                XmlNode node = status.GetChild(i);
                if (!(node is XmlElement child))
                {
                    RequireWhitespace(node, "status of " + where);
                    continue;
                }

                if (child.NamespaceUri.Length == 0)
                {
                    Fail("element <" + child.QualifiedName + "> in the status of " + where + " has no namespace");
                }
                else if (child.NamespaceUri != PidfNamespaces.Pidf)
                {
                    tuple.AddStatusExtension(child);
                }
                else if (child.LocalName == "basic")
                {
                    if (tuple.Basic != BasicStatus.None)
                    {
                        Fail(where + " has more than one <basic>");
                    }

                    string text = XmlChars.Trim(TextOf(child, where));
                    tuple.Basic = PidfText.ParseBasic(text);
                    if (tuple.Basic == BasicStatus.None)
                    {
                        Fail(where + ": <basic> must be 'open' or 'closed', not '" + text + "'");
                    }
                }
                else
                {
                    Fail("unexpected element <" + child.QualifiedName + "> in the status of " + where);
                }
            }
        }

        private static void CheckOmaExtension(XmlElement child, string where)
        {
            if (child.NamespaceUri != PidfNamespaces.OmaPresence)
            {
                return;
            }

            if (child.LocalName == "service-description")
            {
                XmlElement serviceId = child.FindElement("service-id", PidfNamespaces.OmaPresence);
                if (serviceId == null || XmlChars.Trim(TextOf(serviceId, where)).Length == 0)
                {
                    Fail(where + ": <service-description> has no service-id");
                }
            }
            else if (child.LocalName == "willingness")
            {
                XmlElement basic = child.FindElement("basic", PidfNamespaces.OmaPresence);
                if (basic != null && PidfText.ParseBasic(XmlChars.Trim(TextOf(basic, where))) == BasicStatus.None)
                {
                    Fail(where + ": <willingness> basic must be 'open' or 'closed'");
                }
            }
        }

        private static PresenceNote ReadNote(XmlElement note, string where)
            => new PresenceNote(TextOf(note, where), note.GetAttribute("lang", XmlNamespaces.Xml));

        private static string TextOf(XmlElement element, string where)
        {
            if (element.HasElementChildren)
            {
                Fail("<" + element.QualifiedName + "> in " + where + " must hold text only");
            }

            return element.Text;
        }

        private static void RequireWhitespace(XmlNode node, string where)
        {
            if (!XmlChars.IsAllWhitespace(((XmlText)node).Value))
            {
                Fail("text is not allowed directly in " + where);
            }
        }

        private static void Fail(string reason) => throw new SipParseException("PIDF: " + reason, 400);
    }
}
