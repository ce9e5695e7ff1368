using System;
using Calcore.Internal;

namespace Calcore.Ics.Internal;

/// <summary>iCalendar names (RFC 5545 §3.1: <c>iana-token</c> and <c>x-name</c>, letters, digits and '-'), kept
/// upper-case; the names the reader meets most often are shared instances.</summary>
internal static class IcsNames
{
    internal static string Check(string name, string paramName)
    {
        Preconditions.CheckNotNull(name, paramName);
        Preconditions.CheckArgument(IsName(name), paramName, $"'{name}' is not an iCalendar name (letters, digits and '-', at least one).");
        return Upper(name);
    }

    internal static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The upper-case name; a shared instance for a name that is already upper-case.</summary>
    internal static string Upper(string name)
    {
        foreach (char c in name)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return name.ToUpperInvariant();
            }
        }
        return name;
    }
}
