using System;
using System.Collections.Generic;
using Calcore.Attendees;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Calcore.Storage.Sqlite.Internal;

/// <summary>The attendee directory's table (schema version 3): the SQL, and a record written to and read from its
/// columns by hand. Durations are two exact integers (whole days, then nanoseconds of the day); enumerations are written
/// as fixed names (the calendar-user type with its RFC 5545 CUTYPE name), never as .NET names or numbers.</summary>
internal static class AttendeeRows
{
    private const string Columns = "id, type, display_name, address, automation, max_conflicts, max_conflict_fraction, "
        + "booking_window_days, booking_window_nanos, past_window, maximum_duration_days, maximum_duration_nanos, "
        + "allow_recurring, work_start_nanos, work_end_nanos";

    internal const string FindSql = "SELECT " + Columns + " FROM attendees WHERE id = @id";

    internal const string ListSql = "SELECT " + Columns + " FROM attendees";

    internal const string ListByTypeSql = "SELECT " + Columns + " FROM attendees WHERE type = @type";

    internal const string ExistsSql = "SELECT count(*) FROM attendees WHERE id = @id";

    internal const string UpsertSql = "INSERT OR REPLACE INTO attendees (" + Columns + ") VALUES (@id, @type, @display_name, @address, "
        + "@automation, @max_conflicts, @max_conflict_fraction, @booking_window_days, @booking_window_nanos, @past_window, "
        + "@maximum_duration_days, @maximum_duration_nanos, @allow_recurring, @work_start_nanos, @work_end_nanos)";

    internal const string DeleteSql = "DELETE FROM attendees WHERE id = @id";

    private static readonly (CalendarUserType Value, string Name)[] Types =
    [
        (CalendarUserType.Individual, "INDIVIDUAL"),
        (CalendarUserType.Group, "GROUP"),
        (CalendarUserType.Resource, "RESOURCE"),
        (CalendarUserType.Room, "ROOM"),
        (CalendarUserType.Unknown, "UNKNOWN"),
    ];

    private static readonly (InviteAutomation Value, string Name)[] Automations =
    [
        (InviteAutomation.Manual, "MANUAL"),
        (InviteAutomation.AlwaysAccept, "ALWAYS-ACCEPT"),
        (InviteAutomation.AcceptIfPossible, "ACCEPT-IF-POSSIBLE"),
        (InviteAutomation.AcceptExceptConflicts, "ACCEPT-EXCEPT-CONFLICTS"),
    ];

    private static readonly (BookingWindowAction Value, string Name)[] PastWindowActions =
    [
        (BookingWindowAction.Truncate, "TRUNCATE"),
        (BookingWindowAction.Decline, "DECLINE"),
    ];

    internal static string TypeName(CalendarUserType type) => NameOf(Types, type);

    /// <summary>Binds every column of a record to the parameters of <see cref="UpsertSql"/>.</summary>
    internal static void Bind(SqliteCommand command, AttendeeRecord r)
    {
        BookingPolicy p = r.Policy;
        SqliteParameterCollection x = command.Parameters;
        x.AddWithValue("@id", r.Id.Value);
        x.AddWithValue("@type", NameOf(Types, r.Type));
        x.AddWithValue("@display_name", r.DisplayName);
        x.AddWithValue("@address", (object?)r.Address ?? DBNull.Value);
        x.AddWithValue("@automation", NameOf(Automations, p.Automation));
        x.AddWithValue("@max_conflicts", p.MaxConflicts);
        x.AddWithValue("@max_conflict_fraction", p.MaxConflictFraction);
        x.AddWithValue("@booking_window_days", p.BookingWindow.Days);
        x.AddWithValue("@booking_window_nanos", p.BookingWindow.NanosecondOfDay);
        x.AddWithValue("@past_window", NameOf(PastWindowActions, p.PastWindow));
        x.AddWithValue("@maximum_duration_days", p.MaximumDuration is { } m ? m.Days : DBNull.Value);
        x.AddWithValue("@maximum_duration_nanos", p.MaximumDuration is { } n ? n.NanosecondOfDay : DBNull.Value);
        x.AddWithValue("@allow_recurring", p.AllowRecurring ? 1 : 0);
        x.AddWithValue("@work_start_nanos", r.WorkingHours is { } s ? s.Start.NanosecondOfDay : DBNull.Value);
        x.AddWithValue("@work_end_nanos", r.WorkingHours is { } e ? e.End.NanosecondOfDay : DBNull.Value);
    }

    /// <summary>Reads the record of the current row (columns as <see cref="FindSql"/>).</summary>
    /// <exception cref="FormatException">A column holds a value no record has (an unknown name, a value out of range).</exception>
    internal static AttendeeRecord Read(SqliteDataReader row)
    {
        string id = row.GetString(0);
        try
        {
            var policy = Policy(row) with
            {
                MaxConflicts = checked((int)row.GetInt64(5)),
                MaxConflictFraction = row.GetDouble(6),
                BookingWindow = DurationOf(row.GetInt64(7), row.GetInt64(8)),
                PastWindow = ValueOf(PastWindowActions, row.GetString(9), "past-window action"),
                MaximumDuration = row.IsDBNull(10) ? null : DurationOf(row.GetInt64(10), row.GetInt64(11)),
                AllowRecurring = row.GetInt64(12) switch
                {
                    0 => false,
                    1 => true,
                    long other => throw new FormatException($"allow_recurring is {other}, not 0 or 1."),
                },
            };
            return new AttendeeRecord(new AttendeeId(id), ValueOf(Types, row.GetString(1), "calendar user type"), row.GetString(2), policy)
            {
                Address = row.IsDBNull(3) ? null : row.GetString(3),
                WorkingHours = row.IsDBNull(13)
                    ? null
                    : new WorkingHours(LocalTime.FromNanosecondsSinceMidnight(row.GetInt64(13)), LocalTime.FromNanosecondsSinceMidnight(row.GetInt64(14))),
            };
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or InvalidCastException)
        {
            throw new FormatException($"the attendee record '{id}' cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>The named policy of the row's automation (the other fields are set on a copy of it).</summary>
    private static BookingPolicy Policy(SqliteDataReader row) => ValueOf(Automations, row.GetString(4), "automation") switch
    {
        InviteAutomation.Manual => BookingPolicy.Manual,
        InviteAutomation.AlwaysAccept => BookingPolicy.AlwaysAccept,
        InviteAutomation.AcceptIfPossible => BookingPolicy.AcceptIfPossible,
        _ => BookingPolicy.AcceptExceptConflicts(),
    };

    private static Duration DurationOf(long days, long nanosecondOfDay)
    {
        if (nanosecondOfDay is < 0 or >= NodaConstants.NanosecondsPerDay)
        {
            throw new FormatException($"{nanosecondOfDay} is not a nanosecond of a day.");
        }
        return Duration.FromDays(checked((int)days)) + Duration.FromNanoseconds(nanosecondOfDay);
    }

    private static string NameOf<T>((T Value, string Name)[] names, T value)
        where T : struct, Enum
    {
        foreach ((T v, string name) in names)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    private static T ValueOf<T>((T Value, string Name)[] names, string name, string what)
        where T : struct, Enum
    {
        foreach ((T value, string n) in names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                return value;
            }
        }
        throw new FormatException($"Unknown {what} '{name}'.");
    }
}
