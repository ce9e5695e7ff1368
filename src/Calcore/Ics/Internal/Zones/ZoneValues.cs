using System;
using NodaTime;

namespace Calcore.Ics.Internal.Zones;

/// <summary>The value forms a VTIMEZONE needs (RFC 5545 §3.3.5 DATE-TIME, §3.3.4 DATE and §3.3.14 UTC-OFFSET), in the
/// shape the zone reader and writer use, on <see cref="IcsValues"/>' own readers and writers.</summary>
internal static class ZoneValues
{
    /// <summary>Reads <c>yyyyMMddTHHmmss</c>, <c>yyyyMMddTHHmmssZ</c> or <c>yyyyMMdd</c> (midnight).</summary>
    internal static bool TryParseDateTime(string text, out LocalDateTime value, out bool isUtc)
    {
        bool read = IcsValues.TryReadDateTime(text.AsSpan().Trim(), null, out IcsDateTime result);
        value = result.Value;
        isUtc = read && result.Form == IcsDateTimeForm.Utc;
        return read;
    }

    /// <summary>Reads a UTC-OFFSET, <c>±hhmm</c> or <c>±hhmmss</c>.</summary>
    internal static bool TryParseOffset(string text, out Offset offset) => IcsValues.TryReadUtcOffset(text.AsSpan().Trim(), out offset);

    /// <summary>Writes a local DATE-TIME, <c>yyyyMMddTHHmmss</c>.</summary>
    internal static string FormatLocal(LocalDateTime value) => IcsValues.WriteDateTime(value);

    /// <summary>Writes a UTC DATE-TIME, <c>yyyyMMddTHHmmssZ</c>.</summary>
    internal static string FormatUtc(Instant value) => IcsValues.WriteUtc(value);

    /// <summary>Writes a UTC-OFFSET, <c>±hhmm</c>, with seconds only when there are some.</summary>
    internal static string FormatOffset(Offset offset) => IcsValues.WriteUtcOffset(offset);
}
