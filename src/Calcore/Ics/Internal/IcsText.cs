using System;

namespace Calcore.Ics.Internal;

/// <summary>Quoting and checking of content-line text.</summary>
internal static class IcsText
{
    /// <summary>A parameter value as written: RFC 6868 escapes (<c>^^</c>, <c>^n</c>, <c>^'</c>), and double quotes
    /// around it when it holds ':', ';' or ','.</summary>
    internal static string QuoteParameterValue(string value)
    {
        bool quote = value.AsSpan().IndexOfAny(":;,") >= 0;
        bool escape = value.AsSpan().IndexOfAny("^\n\r\"") >= 0;
        if (!quote && !escape)
        {
            return value;
        }
        string escaped = escape ? value.Replace("^", "^^", StringComparison.Ordinal).Replace("\r\n", "^n", StringComparison.Ordinal)
            .Replace("\n", "^n", StringComparison.Ordinal).Replace("\r", "^n", StringComparison.Ordinal).Replace("\"", "^'", StringComparison.Ordinal) : value;
        return quote ? "\"" + escaped + "\"" : escaped;
    }

    /// <summary>Checks that a value can be carried by one content line: no line breaks or other control characters
    /// except horizontal tab (RFC 5545 §3.1, VALUE-CHAR/SAFE-CHAR).</summary>
    internal static string CheckValue(string value, string paramName)
    {
        // One vectorised search; the message is built only when a control character is there.
        int i = value.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        while (i >= 0 && value[i] == '\t')
        {
            int next = value.AsSpan(i + 1).IndexOfAnyInRange('\0', '\u001f');
            i = next < 0 ? -1 : i + 1 + next;
        }
        if (i < 0)
        {
            i = value.AsSpan().IndexOfAnyInRange('\u007f', '\u009f');
        }
        if (i >= 0)
        {
            throw new ArgumentException($"The value holds a control character (U+{(int)value[i]:X4}) at position {i}; escape line breaks in TEXT as \\n.", paramName);
        }
        return value;
    }
}
