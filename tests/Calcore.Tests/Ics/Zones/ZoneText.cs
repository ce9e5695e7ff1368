using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Calcore.Ics;

namespace Calcore.Tests.Ics.Zones;

/// <summary>A minimal reader for the tests' VTIMEZONE snippets (no folding, no quoting), so that these tests do not wait
/// for the real reader. Each component and property keeps its line.</summary>
internal static class ZoneText
{
    internal static IcsComponent Component(string text)
    {
        string[] lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        int index = 0;
        while (lines[index].Trim().Length == 0)
        {
            index++;
        }
        return Read(lines, ref index);
    }

    private static IcsComponent Read(string[] lines, ref int index)
    {
        string begin = lines[index].Trim();
        string name = begin["BEGIN:".Length..];
        int line = index + 1;
        index++;
        var properties = new List<IcsProperty>();
        var components = new List<IcsComponent>();
        while (index < lines.Length)
        {
            string l = lines[index].Trim();
            if (l.Length == 0)
            {
                index++;
                continue;
            }
            if (l.StartsWith("BEGIN:", StringComparison.Ordinal))
            {
                components.Add(Read(lines, ref index));
                continue;
            }
            if (l.StartsWith("END:", StringComparison.Ordinal))
            {
                index++;
                break;
            }
            int colon = l.IndexOf(':', StringComparison.Ordinal);
            string[] head = l[..colon].Split(';');
            var parameters = head.Skip(1).Select(p => p.Split('=', 2)).Select(p => new IcsParameter(p[0], p[1])).ToImmutableArray();
            properties.Add(new IcsProperty(head[0].ToUpperInvariant(), parameters, l[(colon + 1)..], index + 1));
            index++;
        }
        return new IcsComponent(name.ToUpperInvariant(), [.. properties], [.. components], line);
    }
}
