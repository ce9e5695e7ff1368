using System;
using System.Collections.Generic;
using System.IO;

namespace Calcore.Ics.Internal;

/// <summary>Writes components as content lines: CRLF line ends, folded at 75 octets of UTF-8 without splitting a
/// character (RFC 5545 §3.1), iteratively (no recursion on nesting). Not thread-safe (one per write).</summary>
internal sealed class IcsContentWriter
{
    internal const int MaxOctets = 75;

    private readonly TextWriter _writer;
    private char[] _line = new char[256];
    private int _length;

    internal IcsContentWriter(TextWriter writer)
    {
        _writer = writer;
    }

    internal void Write(IcsComponent root)
    {
        var stack = new Stack<(IcsComponent Component, int Next)>();
        WriteBeginOrEnd("BEGIN:", root.Name);
        WriteProperties(root);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            (IcsComponent component, int next) = stack.Pop();
            if (next < component.Components.Length)
            {
                stack.Push((component, next + 1));
                IcsComponent child = component.Components[next];
                WriteBeginOrEnd("BEGIN:", child.Name);
                WriteProperties(child);
                stack.Push((child, 0));
            }
            else
            {
                WriteBeginOrEnd("END:", component.Name);
            }
        }
    }

    /// <summary>Writes a component's BEGIN line and its properties; its sub-components and END follow through
    /// <see cref="Write"/> and <see cref="WriteEnd"/> (a calendar streamed one event at a time).</summary>
    internal void WriteBegin(IcsComponent component)
    {
        WriteBeginOrEnd("BEGIN:", component.Name);
        WriteProperties(component);
    }

    /// <summary>Writes a component's END line.</summary>
    internal void WriteEnd(string name) => WriteBeginOrEnd("END:", name);

    private void WriteBeginOrEnd(string keyword, string name)
    {
        _length = 0;
        Append(keyword);
        Append(name);
        Flush();
    }

    private void WriteProperties(IcsComponent component)
    {
        foreach (IcsProperty property in component.Properties)
        {
            _length = 0;
            Append(property.Name);
            foreach (IcsParameter parameter in property.Parameters)
            {
                Append(";");
                Append(parameter.Name);
                Append("=");
                for (int i = 0; i < parameter.Values.Length; i++)
                {
                    if (i > 0)
                    {
                        Append(",");
                    }
                    Append(IcsText.QuoteParameterValue(parameter.Values[i]));
                }
            }
            Append(":");
            Append(property.Value);
            Flush();
        }
    }

    private void Append(string text)
    {
        if (_length + text.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_length + text.Length, _line.Length * 2));
        }
        text.CopyTo(_line.AsSpan(_length));
        _length += text.Length;
    }

    private void Flush()
    {
        WriteFolded(_writer, _line.AsSpan(0, _length));
    }

    /// <summary>Writes one content line and its CRLF, folded so that no physical line exceeds 75 octets of UTF-8
    /// (the leading space of a continuation counts) and no character, nor a surrogate pair, is split.</summary>
    internal static void WriteFolded(TextWriter writer, ReadOnlySpan<char> line)
    {
        bool ascii = line.IndexOfAnyExceptInRange('\0', '\x7F') < 0;
        if (ascii)
        {
            if (line.Length <= MaxOctets)
            {
                writer.Write(line);
                writer.Write("\r\n");
                return;
            }
            writer.Write(line[..MaxOctets]);
            for (int at = MaxOctets; at < line.Length; at += MaxOctets - 1)
            {
                writer.Write("\r\n ");
                writer.Write(line[at..Math.Min(line.Length, at + MaxOctets - 1)]);
            }
            writer.Write("\r\n");
            return;
        }
        int start = 0;
        int octets = 0;
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            int units = 1;
            int size;
            if (c < 0x80)
            {
                size = 1;
            }
            else if (c < 0x800)
            {
                size = 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                size = 4;
                units = 2;
            }
            else
            {
                size = 3; // a lone surrogate is written as U+FFFD, three octets
            }
            if (octets + size > MaxOctets)
            {
                writer.Write(line[start..i]);
                writer.Write("\r\n ");
                start = i;
                octets = 1;
            }
            octets += size;
            i += units;
        }
        writer.Write(line[start..]);
        writer.Write("\r\n");
    }
}
