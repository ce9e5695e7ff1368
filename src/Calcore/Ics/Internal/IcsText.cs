using System;
using Calcore.Internal;

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
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            Preconditions.CheckArgument(!(char.IsControl(c) && c != '\t'), paramName,
                $"The value holds a control character (U+{(int)c:X4}) at position {i}; escape line breaks in TEXT as \\n.");
        }
        return value;
    }
}
