using System;

namespace SimpleImGateway.Sip.Bodies.Pidf
{
    /// <summary>A PIDF <c>note</c>: free text for humans with an optional language (xml:lang).</summary>
    public sealed class PresenceNote
    {
        /// <summary>Creates a note; <paramref name="language"/> may be null.</summary>
        public PresenceNote(string text, string language)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Language = language;
        }

        /// <summary>The note text as read (not trimmed).</summary>
        public string Text { get; }

        /// <summary>The xml:lang value, or null when the note has none.</summary>
        public string Language { get; }

        /// <summary>Whether both notes say the same thing in the same language.</summary>
        public bool SameAs(PresenceNote other) => other != null && other.Text == Text && other.Language == Language;
    }
}
