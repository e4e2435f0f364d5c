using System;
using System.Collections.Generic;
using System.Text;

namespace SimpleImGateway.Companion.Transport;

/// <summary>
/// Builds the stateless error response for a request the parser rejected. The parser gave no message,
/// so the fields a response must echo (Via, From, To, Call-ID, CSeq; RFC 3261 §8.2.6.2) are read from
/// the raw header lines. Without a Via there is nowhere to answer and nothing is built.
/// </summary>
public static class MalformedRequestResponder
{
    private static readonly string[] s_echoed = ["via", "v", "from", "f", "to", "t", "call-id", "i", "cseq"];

    /// <summary>Whether the octets start like a request (not a status line).</summary>
    public static bool LooksLikeRequest(byte[] buffer, int offset, int count)
    {
        // A response starts with "SIP/"; anything else that has a line is treated as a request.
        return count >= 4 && !(buffer[offset] == 'S' && buffer[offset + 1] == 'I' && buffer[offset + 2] == 'P' && buffer[offset + 3] == '/');
    }

    /// <summary>The response bytes, or null when the request carries no Via to answer.</summary>
    public static byte[]? Build(byte[] buffer, int offset, int count, int statusCode, string reason)
    {
        // Latin-1 keeps one char per octet, so no decoding error can hide a header line.
        string head = Encoding.Latin1.GetString(buffer, offset, HeaderLength(buffer, offset, count));
        string[] lines = Unfold(head);
        var echoed = new List<string>();
        bool hasVia = false;
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            string name = lines[i][..colon].Trim().ToLowerInvariant();
            if (Array.IndexOf(s_echoed, name) >= 0)
            {
                echoed.Add(lines[i]);
                hasVia |= name is "via" or "v";
            }
        }

        if (!hasVia)
        {
            return null;
        }

        var response = new StringBuilder();
        response.Append("SIP/2.0 ").Append(statusCode).Append(' ').Append(SanitizeReason(reason)).Append("\r\n");
        foreach (string line in echoed)
        {
            response.Append(line).Append("\r\n");
        }

        response.Append("Content-Length: 0\r\n\r\n");
        return Encoding.UTF8.GetBytes(response.ToString());
    }

    /// <summary>Makes parser text safe as a reason phrase: one line, printable, bounded.</summary>
    public static string SanitizeReason(string reason)
    {
        var text = new StringBuilder(Math.Min(reason.Length, 120));
        foreach (char c in reason)
        {
            if (text.Length == 120)
            {
                break;
            }

            text.Append(c < 0x20 || c == 0x7f ? ' ' : c);
        }

        return text.ToString();
    }

    private static int HeaderLength(byte[] buffer, int offset, int count)
    {
        for (int i = offset; i + 3 < offset + count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i - offset;
            }
        }

        return count;
    }

    private static string[] Unfold(string head)
    {
        var lines = new List<string>();
        foreach (string raw in head.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && lines.Count > 0)
            {
                lines[^1] += " " + line.Trim();
            }
            else
            {
                lines.Add(line);
            }
        }

        return [.. lines];
    }
}
