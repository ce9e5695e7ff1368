using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Calcore.Ics.Internal;

/// <summary>The strings and parameters one read shares: names (known ones from <see cref="IcsNames"/>, others cached
/// on first sight), short values, and single-valued parameters such as <c>PARTSTAT=ACCEPTED</c>. Each cache is
/// bounded, so a hostile file costs at most a few hundred kilobytes here. Not thread-safe (one per read).</summary>
internal sealed class IcsInternPool
{
    private const int MaxEntries = 4096;
    private const int MaxValueLength = 24;

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _valueLookup;
    private readonly Dictionary<(string Name, string Value), IcsParameter> _parameters = new(ReferencePair.Instance);

    private readonly Dictionary<string, IcsParameter> _parameterTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IcsParameter>.AlternateLookup<ReadOnlySpan<char>> _parameterTextLookup;

    internal IcsInternPool()
    {
        _parameterTextLookup = _parameterTexts.GetAlternateLookup<ReadOnlySpan<char>>();
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _valueLookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The upper-case, shared name; null when the text is not an iCalendar name.</summary>
    internal string? Name(ReadOnlySpan<char> raw)
    {
        if (raw.Length > 64)
        {
            return IcsNames.IsName(raw) ? raw.ToString().ToUpperInvariant() : null;
        }
        Span<char> upper = stackalloc char[raw.Length];
        if (!IcsNames.TryUpper(raw, upper))
        {
            return null;
        }
        string? known = IcsNames.FindKnownName(upper);
        if (known is not null)
        {
            return known;
        }
        if (_nameLookup.TryGetValue(upper, out string? seen))
        {
            return seen;
        }
        string name = upper.ToString();
        if (_names.Count < MaxEntries)
        {
            _names.Add(name, name);
        }
        return name;
    }

    /// <summary>The value as a string, shared when it is short and was seen before.</summary>
    internal string Value(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }
        if (value.Length > MaxValueLength)
        {
            return value.ToString();
        }
        string? known = IcsNames.FindKnownValue(value);
        if (known is not null)
        {
            return known;
        }
        if (_valueLookup.TryGetValue(value, out string? seen))
        {
            return seen;
        }
        string s = value.ToString();
        if (_values.Count < MaxEntries)
        {
            _values.Add(s, s);
        }
        return s;
    }

    /// <summary>The parameter read before from the same text, such as <c>PARTSTAT=ACCEPTED</c>, or null.</summary>
    internal IcsParameter? FindParameterText(ReadOnlySpan<char> text)
        => _parameterTextLookup.TryGetValue(text, out IcsParameter? seen) ? seen : null;

    /// <summary>Remembers the parameter read from a simple text (a name, '=', and a value without quotes, commas or
    /// carets).</summary>
    internal void AddParameterText(ReadOnlySpan<char> text, IcsParameter parameter)
    {
        if (_parameterTexts.Count < MaxEntries)
        {
            _parameterTextLookup.TryAdd(text, parameter);
        }
    }

    /// <summary>A parameter with one value, shared with earlier ones of the same name and value when the value is short
    /// (names and short values are shared strings here, so the cache compares references).</summary>
    internal IcsParameter Parameter(string name, string value)
    {
        if (value.Length > MaxValueLength)
        {
            return new IcsParameter(name, ImmutableArray.Create(value), trusted: true);
        }
        if (_parameters.TryGetValue((name, value), out IcsParameter? seen))
        {
            return seen;
        }
        var parameter = new IcsParameter(name, ImmutableArray.Create(value), trusted: true);
        if (_parameters.Count < MaxEntries)
        {
            _parameters.Add((name, value), parameter);
        }
        return parameter;
    }

    private sealed class ReferencePair : IEqualityComparer<(string Name, string Value)>
    {
        internal static readonly ReferencePair Instance = new();

        public bool Equals((string Name, string Value) x, (string Name, string Value) y)
            => ReferenceEquals(x.Name, y.Name) && ReferenceEquals(x.Value, y.Value);

        public int GetHashCode((string Name, string Value) obj)
            => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Name), RuntimeHelpers.GetHashCode(obj.Value));
    }
}
