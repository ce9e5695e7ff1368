using Calcore.Internal;

namespace Calcore.Ics;

/// <summary>Options of an iCalendar read: tolerant or strict, and the deepest nesting of components accepted.</summary>
/// <remarks>
/// <para>The init accessors check their values, so every instance is valid, including one made with <c>with</c>.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record IcsReadOptions
{
    private readonly IcsReadMode _mode = IcsReadMode.Tolerant;
    private readonly int _maxDepth = 100;

    /// <summary>Gets the default options: tolerant, at most 100 levels of components.</summary>
    /// <value>A shared instance.</value>
    public static IcsReadOptions Default { get; } = new();

    /// <summary>Gets how broken input is treated.</summary>
    /// <value><see cref="IcsReadMode.Tolerant"/> by default.</value>
    /// <exception cref="System.ArgumentOutOfRangeException">The value is not a defined mode.</exception>
    public IcsReadMode Mode
    {
        get => _mode;
        init => _mode = Preconditions.CheckDefined(value);
    }

    /// <summary>Gets the deepest nesting of components read (a VCALENDAR is level 1, its VEVENT level 2, a VALARM in it
    /// level 3); a component deeper than this is skipped with everything in it, and an error is reported.</summary>
    /// <value>100 by default; at least 1.</value>
    /// <exception cref="System.ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            Preconditions.CheckArgumentRange(nameof(value), value, 1, int.MaxValue);
            _maxDepth = value;
        }
    }
}
