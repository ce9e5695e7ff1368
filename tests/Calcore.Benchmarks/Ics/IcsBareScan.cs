using System;
using System.Collections.Generic;
using System.Text;

namespace Calcore.Benchmarks.Ics;

/// <summary>
/// The floors the iCalendar benchmarks are read against: the least work any reader or writer must do on the text.
/// </summary>
/// <remarks>
/// <see cref="Scan"/> finds each content line (a physical line not starting with a space or tab; CRLF or LF), follows
/// its continuation lines (unfolding) until the first ':' that ends the name and parameters, and builds nothing.
/// <see cref="Fold"/> writes already-unfolded lines with folding at 75 octets and CRLF into one string, and
/// does nothing else (no escaping, no model). Stateless and thread-safe.
/// </remarks>
internal static class IcsBareScan
{
    /// <summary>Unfolds and splits every content line at its first ':'.</summary>
    /// <param name="text">The calendar text.</param>
    /// <param name="contentLines">The number of content lines (unfolded).</param>
    /// <returns>The sum of the colons' offsets in their physical lines (so the split is not optimised away).</returns>
    public static long Scan(ReadOnlySpan<char> text, out int contentLines)
    {
        int lines = 0;
        long checksum = 0;
        bool needColon = false;
        while (!text.IsEmpty)
        {
            int newline = text.IndexOf('\n');
            ReadOnlySpan<char> line;
            if (newline < 0)
            {
                line = text;
                text = default;
            }
            else
            {
                line = text[..newline];
                text = text[(newline + 1)..];
            }
            if (line.IsEmpty || (line.Length == 1 && line[0] == '\r'))
            {
                continue;
            }
            if (line[0] is ' ' or '\t')
            {
                // A continuation: the name and parameters may go on here, up to the first ':'.
                if (needColon)
                {
                    int c = line.IndexOf(':');
                    if (c >= 0)
                    {
                        needColon = false;
                        checksum += c;
                    }
                }
                continue;
            }
            lines++;
            int colon = line.IndexOf(':');
            needColon = colon < 0;
            checksum += Math.Max(colon, 0);
        }
        contentLines = lines;
        return checksum;
    }

    /// <summary>Unfolds the text into its content lines (setup for <see cref="Fold"/>; not a floor itself).</summary>
    /// <param name="text">The calendar text.</param>
    /// <returns>The content lines, without line ends.</returns>
    public static string[] Unfold(string text)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                current.Append(line, 1, line.Length - 1);
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
            }
            current.Append(line);
        }
        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }
        return [.. lines];
    }

    /// <summary>Writes content lines folded at 75 octets (a continuation's leading space counts, a UTF-8 sequence is
    /// never split), each ended by CRLF, into one string.</summary>
    /// <param name="lines">The unfolded content lines.</param>
    /// <param name="capacity">The expected length, to size the builder once.</param>
    /// <returns>The text.</returns>
    public static string Fold(string[] lines, int capacity)
    {
        var output = new StringBuilder(capacity);
        foreach (string line in lines)
        {
            ReadOnlySpan<char> rest = line;
            bool ascii = System.Text.Ascii.IsValid(rest);
            int room = 75;
            while (true)
            {
                // The longest prefix of at most `room` octets: chars when ASCII, else counted.
                int take = ascii ? Math.Min(room, rest.Length) : Prefix(rest, room);
                if (take == rest.Length)
                {
                    break;
                }
                output.Append(rest[..take]).Append("\r\n ");
                rest = rest[take..];
                room = 74;
            }
            output.Append(rest).Append("\r\n");
        }
        return output.ToString();
    }

    /// <summary>The number of chars of the longest prefix of <paramref name="text"/> that fits in <paramref name="octets"/>
    /// UTF-8 octets without splitting a character.</summary>
    private static int Prefix(ReadOnlySpan<char> text, int octets)
    {
        int used = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length;
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
            if (used + size > octets)
            {
                break;
            }
            used += size;
            i += pair ? 2 : 1;
        }
        return i;
    }
}
