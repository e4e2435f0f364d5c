using SimpleImGateway.Firmware.Pager;

namespace SimpleImGateway.Firmware.Tests.Pager.PowerCut
{
    /// <summary>A message as the power-cut oracle knows it: id and exact content.</summary>
    internal sealed class ScriptedMessage
    {
        public ScriptedMessage(string id, string peer, string contentType, byte[] body)
        {
            Id = id;
            Peer = peer;
            ContentType = contentType;
            Body = body;
        }

        public string Id { get; set; }

        public string Peer { get; }

        public string ContentType { get; }

        public byte[] Body { get; }

        public static ScriptedMessage Of(PagerMessage message)
        {
            return new ScriptedMessage(message.MessageId, message.Peer, message.ContentType, message.CopyBody());
        }

        public bool SameContent(ScriptedMessage other)
        {
            if (Peer != other.Peer || ContentType != other.ContentType || Body.Length != other.Body.Length)
            {
                return false;
            }

            for (int i = 0; i < Body.Length; i++)
            {
                if (Body[i] != other.Body[i])
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString()
        {
            return Id + " to/from " + Peer + " (" + Body.Length + " bytes)";
        }
    }
}
