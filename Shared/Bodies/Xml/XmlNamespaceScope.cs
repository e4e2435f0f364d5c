using System.Collections;

namespace SimpleImGateway.Sip.Bodies.Xml
{
    /// <summary>
    /// The namespace bindings in scope while a document is read or written (Namespaces in XML 1.0 §6): a stack
    /// of prefix-URI pairs, innermost last, with <c>xml</c> bound from the start. An element notes
    /// <see cref="Mark"/> when it starts, binds what it declares, and calls <see cref="PopTo"/> when it ends.
    /// The empty prefix stands for the default namespace.
    /// </summary>
    internal sealed class XmlNamespaceScope
    {
        private readonly ArrayList _prefixes = new ArrayList();
        private readonly ArrayList _uris = new ArrayList();

        /// <summary>Creates a scope holding only the <c>xml</c> binding.</summary>
        public XmlNamespaceScope()
        {
            Reset();
        }

        /// <summary>The number of bindings: what an element passes to <see cref="PopTo"/> when it ends.</summary>
        public int Mark => _prefixes.Count;

        /// <summary>Binds <paramref name="prefix"/> to <paramref name="uri"/> inside the current element.</summary>
        public void Bind(string prefix, string uri)
        {
            _prefixes.Add(prefix);
            _uris.Add(uri);
        }

        /// <summary>The URI the innermost binding of <paramref name="prefix"/> names, or null when it is not bound.</summary>
        public string Lookup(string prefix)
        {
            for (int i = _prefixes.Count - 1; i >= 0; i--)
            {
                if ((string)_prefixes[i] == prefix)
                {
                    return (string)_uris[i];
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="prefix"/> was bound at or after <paramref name="mark"/> (by the element that noted it).</summary>
        public bool IsBoundSince(int mark, string prefix)
        {
            for (int i = mark; i < _prefixes.Count; i++)
            {
                if ((string)_prefixes[i] == prefix)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A non-empty prefix that currently names <paramref name="uri"/> (the innermost such), or null.</summary>
        public string PrefixOf(string uri)
        {
            for (int i = _prefixes.Count - 1; i >= 0; i--)
            {
                var prefix = (string)_prefixes[i];
                if (prefix.Length > 0 && (string)_uris[i] == uri && Lookup(prefix) == uri)
                {
                    return prefix;
                }
            }

            return null;
        }

        /// <summary>Drops the bindings made since <paramref name="mark"/>.</summary>
        public void PopTo(int mark)
        {
            for (int i = _prefixes.Count - 1; i >= mark; i--)
            {
                _prefixes.RemoveAt(i);
                _uris.RemoveAt(i);
            }
        }

        /// <summary>Forgets every binding but <c>xml</c>.</summary>
        public void Reset()
        {
            _prefixes.Clear();
            _uris.Clear();
            Bind("xml", XmlNamespaces.Xml);
        }
    }
}
