using System;

namespace Calcore.Internal;

/// <summary>Validation shared by every string-backed id type.</summary>
internal static class IdText
{
    internal const int MaxLength = 1024;

    internal static void Validate(string value, string paramName, string what)
    {
        if (value.Length == 0)
        {
            throw new ArgumentException($"An {what} must not be empty.", paramName);
        }
        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"An {what} must be at most {MaxLength} characters long; this one has {value.Length}.", paramName);
        }
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                throw new ArgumentException($"An {what} must not contain control characters (position {i}).", paramName);
            }
        }
    }
}
