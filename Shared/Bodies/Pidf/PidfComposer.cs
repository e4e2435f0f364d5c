using System;
using SimpleImGateway.Sip.Bodies.Xml;

namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>
    /// Merges the current publications of one presentity into the single document a presence server
    /// sends to watchers. Publications are given oldest first; the result shares nothing with them.
    /// Rules: tuples are merged by id, a later publication replacing the whole tuple in the position
    /// where the id first appeared; document notes are united, dropping exact repeats (same text and
    /// language); top-level extensions with an <c>id</c> attribute (RFC 4479 person, device) are merged
    /// by namespace, name and id like tuples, the others are kept unless an identical one is there.
    /// </summary>
    public static class PidfComposer
    {
        /// <summary>
        /// Composes <paramref name="publications"/> (oldest first, null entries skipped) into one document
        /// for <paramref name="entity"/>; a null entity takes the newest publication's entity.
        /// </summary>
        public static PresenceDocument Compose(string entity, PresenceDocument[] publications)
        {
            if (publications == null)
            {
                throw new ArgumentNullException(nameof(publications));
            }

            if (entity == null)
            {
                for (int i = publications.Length - 1; i >= 0 && entity == null; i--)
                {
                    entity = publications[i]?.Entity;
                }

                if (entity == null)
                {
                    throw new ArgumentException("no entity given and no publication to take it from", nameof(entity));
                }
            }

            var result = new PresenceDocument(entity);
            for (int p = 0; p < publications.Length; p++)
            {
                PresenceDocument publication = publications[p];
                if (publication != null)
                {
                    Merge(result, publication);
                }
            }

            return result;
        }

        private static void Merge(PresenceDocument result, PresenceDocument publication)
        {
            for (int i = 0; i < publication.TupleCount; i++)
            {
                result.SetTuple(publication.GetTuple(i).Clone());
            }

            for (int i = 0; i < publication.NoteCount; i++)
            {
                PresenceNote note = publication.GetNote(i);
                if (!HasNote(result, note))
                {
                    result.AddNote(note);
                }
            }

            for (int i = 0; i < publication.ExtensionCount; i++)
            {
                MergeExtension(result, publication.GetExtension(i));
            }
        }

        private static void MergeExtension(PresenceDocument result, XmlElement extension)
        {
            string id = extension.GetAttribute("id");
            for (int i = 0; i < result.ExtensionCount; i++)
            {
                XmlElement existing = result.GetExtension(i);
                if (id != null && existing.Is(extension.LocalName, extension.NamespaceUri) && existing.GetAttribute("id") == id)
                {
                    result.SetExtension(i, extension.Clone());
                    return;
                }

                if (id == null && existing.DeepEquals(extension))
                {
                    return;
                }
            }

            result.AddExtension(extension.Clone());
        }

        private static bool HasNote(PresenceDocument document, PresenceNote note)
        {
            for (int i = 0; i < document.NoteCount; i++)
            {
                if (document.GetNote(i).SameAs(note))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
