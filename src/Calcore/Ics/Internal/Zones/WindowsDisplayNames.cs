using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Calcore.Ics.Internal.Zones;

/// <summary>
/// Windows time zone display names, as Outlook and Exchange write them into TZID
/// (<c>(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna</c>, or the older
/// <c>(GMT+01.00) Amsterdam / Berlin / Bern / Rome / Stockholm / Vienna</c>), mapped to Windows zone ids, which
/// NodaTime's CLDR mapping turns into tzdb ids.
/// </summary>
/// <remarks>
/// <para>Provenance: the "List of supported time zones" table (Windows id and display name) of Microsoft Learn's
/// "Time zones in Azure SQL Managed Instance" page (MicrosoftDocs, ms.date 2020-05-25), which lists the Windows
/// zones of Windows 10/Server 2019; then display names of later Windows updates (Yukon, Juba, Volgograd at +03:00,
/// Qyzylorda), and earlier display names that Windows Vista, 7 and XP used and that old Exchange servers still
/// write. These are facts (names), not code.</para>
/// <para>Matching is lenient: <c>UTC</c> and <c>GMT</c> are the same, <c>:</c> and <c>.</c> in the offset are the
/// same, <c>(UTC)</c> is <c>+00:00</c>, the place names may be separated by commas, slashes or semicolons, and case,
/// extra spaces and full stops do not count. When no entry has exactly those places, the entry with the same offset
/// sharing the most places wins (the first in this table on a tie), so a name from an older Windows with one
/// place more or less is still recognised.</para>
/// </remarks>
internal static class WindowsDisplayNames
{
    /// <summary>The table: display name, Windows id. Current names first, then older ones.</summary>
    internal static readonly (string DisplayName, string WindowsId)[] Table =
    [
        // Microsoft Learn, "Time zones in Azure SQL Managed Instance", list of supported time zones (2020).
        ("(UTC-12:00) International Date Line West", "Dateline Standard Time"),
        ("(UTC-11:00) Coordinated Universal Time-11", "UTC-11"),
        ("(UTC-10:00) Aleutian Islands", "Aleutian Standard Time"),
        ("(UTC-10:00) Hawaii", "Hawaiian Standard Time"),
        ("(UTC-09:30) Marquesas Islands", "Marquesas Standard Time"),
        ("(UTC-09:00) Alaska", "Alaskan Standard Time"),
        ("(UTC-09:00) Coordinated Universal Time-09", "UTC-09"),
        ("(UTC-08:00) Baja California", "Pacific Standard Time (Mexico)"),
        ("(UTC-08:00) Coordinated Universal Time-08", "UTC-08"),
        ("(UTC-08:00) Pacific Time (US & Canada)", "Pacific Standard Time"),
        ("(UTC-07:00) Arizona", "US Mountain Standard Time"),
        ("(UTC-07:00) Chihuahua, La Paz, Mazatlan", "Mountain Standard Time (Mexico)"),
        ("(UTC-07:00) Mountain Time (US & Canada)", "Mountain Standard Time"),
        ("(UTC-06:00) Central America", "Central America Standard Time"),
        ("(UTC-06:00) Central Time (US & Canada)", "Central Standard Time"),
        ("(UTC-06:00) Easter Island", "Easter Island Standard Time"),
        ("(UTC-06:00) Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"),
        ("(UTC-06:00) Saskatchewan", "Canada Central Standard Time"),
        ("(UTC-05:00) Bogota, Lima, Quito, Rio Branco", "SA Pacific Standard Time"),
        ("(UTC-05:00) Chetumal", "Eastern Standard Time (Mexico)"),
        ("(UTC-05:00) Eastern Time (US & Canada)", "Eastern Standard Time"),
        ("(UTC-05:00) Haiti", "Haiti Standard Time"),
        ("(UTC-05:00) Havana", "Cuba Standard Time"),
        ("(UTC-05:00) Indiana (East)", "US Eastern Standard Time"),
        ("(UTC-05:00) Turks and Caicos", "Turks And Caicos Standard Time"),
        ("(UTC-04:00) Asuncion", "Paraguay Standard Time"),
        ("(UTC-04:00) Atlantic Time (Canada)", "Atlantic Standard Time"),
        ("(UTC-04:00) Caracas", "Venezuela Standard Time"),
        ("(UTC-04:00) Cuiaba", "Central Brazilian Standard Time"),
        ("(UTC-04:00) Georgetown, La Paz, Manaus, San Juan", "SA Western Standard Time"),
        ("(UTC-04:00) Santiago", "Pacific SA Standard Time"),
        ("(UTC-03:30) Newfoundland", "Newfoundland Standard Time"),
        ("(UTC-03:00) Araguaina", "Tocantins Standard Time"),
        ("(UTC-03:00) Brasilia", "E. South America Standard Time"),
        ("(UTC-03:00) Cayenne, Fortaleza", "SA Eastern Standard Time"),
        ("(UTC-03:00) City of Buenos Aires", "Argentina Standard Time"),
        ("(UTC-03:00) Greenland", "Greenland Standard Time"),
        ("(UTC-03:00) Montevideo", "Montevideo Standard Time"),
        ("(UTC-03:00) Punta Arenas", "Magallanes Standard Time"),
        ("(UTC-03:00) Saint Pierre and Miquelon", "Saint Pierre Standard Time"),
        ("(UTC-03:00) Salvador", "Bahia Standard Time"),
        ("(UTC-02:00) Coordinated Universal Time-02", "UTC-02"),
        // Windows's retired "Mid-Atlantic Standard Time" has no CLDR mapping: its nearest current zone.
        ("(UTC-02:00) Mid-Atlantic - Old", "UTC-02"),
        ("(UTC-01:00) Azores", "Azores Standard Time"),
        ("(UTC-01:00) Cabo Verde Is.", "Cape Verde Standard Time"),
        ("(UTC) Coordinated Universal Time", "UTC"),
        ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("(UTC+00:00) Monrovia, Reykjavik", "Greenwich Standard Time"),
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"),
        ("(UTC+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"),
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"),
        ("(UTC+01:00) Casablanca", "Morocco Standard Time"),
        ("(UTC+01:00) Sao Tome", "Sao Tome Standard Time"),
        ("(UTC+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"),
        ("(UTC+01:00) West Central Africa", "W. Central Africa Standard Time"),
        ("(UTC+02:00) Amman", "Jordan Standard Time"),
        ("(UTC+02:00) Athens, Bucharest", "GTB Standard Time"),
        ("(UTC+02:00) Beirut", "Middle East Standard Time"),
        ("(UTC+02:00) Cairo", "Egypt Standard Time"),
        ("(UTC+02:00) Chisinau", "E. Europe Standard Time"),
        ("(UTC+02:00) Damascus", "Syria Standard Time"),
        ("(UTC+02:00) Gaza, Hebron", "West Bank Standard Time"),
        ("(UTC+02:00) Harare, Pretoria", "South Africa Standard Time"),
        ("(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
        ("(UTC+02:00) Jerusalem", "Israel Standard Time"),
        ("(UTC+02:00) Kaliningrad", "Kaliningrad Standard Time"),
        ("(UTC+02:00) Khartoum", "Sudan Standard Time"),
        ("(UTC+02:00) Tripoli", "Libya Standard Time"),
        ("(UTC+02:00) Windhoek", "Namibia Standard Time"),
        ("(UTC+03:00) Baghdad", "Arabic Standard Time"),
        ("(UTC+03:00) Istanbul", "Turkey Standard Time"),
        ("(UTC+03:00) Kuwait, Riyadh", "Arab Standard Time"),
        ("(UTC+03:00) Minsk", "Belarus Standard Time"),
        ("(UTC+03:00) Moscow, St. Petersburg", "Russian Standard Time"),
        ("(UTC+03:00) Nairobi", "E. Africa Standard Time"),
        ("(UTC+03:30) Tehran", "Iran Standard Time"),
        ("(UTC+04:00) Abu Dhabi, Muscat", "Arabian Standard Time"),
        ("(UTC+04:00) Astrakhan, Ulyanovsk", "Astrakhan Standard Time"),
        ("(UTC+04:00) Baku", "Azerbaijan Standard Time"),
        ("(UTC+04:00) Izhevsk, Samara", "Russia Time Zone 3"),
        ("(UTC+04:00) Port Louis", "Mauritius Standard Time"),
        ("(UTC+04:00) Saratov", "Saratov Standard Time"),
        ("(UTC+04:00) Tbilisi", "Georgian Standard Time"),
        ("(UTC+04:00) Volgograd", "Volgograd Standard Time"),
        ("(UTC+04:00) Yerevan", "Caucasus Standard Time"),
        ("(UTC+04:30) Kabul", "Afghanistan Standard Time"),
        ("(UTC+05:00) Ashgabat, Tashkent", "West Asia Standard Time"),
        ("(UTC+05:00) Ekaterinburg", "Ekaterinburg Standard Time"),
        ("(UTC+05:00) Islamabad, Karachi", "Pakistan Standard Time"),
        ("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"),
        ("(UTC+05:30) Sri Jayawardenepura", "Sri Lanka Standard Time"),
        ("(UTC+05:45) Kathmandu", "Nepal Standard Time"),
        ("(UTC+06:00) Astana", "Central Asia Standard Time"),
        ("(UTC+06:00) Dhaka", "Bangladesh Standard Time"),
        ("(UTC+06:00) Omsk", "Omsk Standard Time"),
        ("(UTC+06:30) Yangon (Rangoon)", "Myanmar Standard Time"),
        ("(UTC+07:00) Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"),
        ("(UTC+07:00) Barnaul, Gorno-Altaysk", "Altai Standard Time"),
        ("(UTC+07:00) Hovd", "W. Mongolia Standard Time"),
        ("(UTC+07:00) Krasnoyarsk", "North Asia Standard Time"),
        ("(UTC+07:00) Novosibirsk", "N. Central Asia Standard Time"),
        ("(UTC+07:00) Tomsk", "Tomsk Standard Time"),
        ("(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"),
        ("(UTC+08:00) Irkutsk", "North Asia East Standard Time"),
        ("(UTC+08:00) Kuala Lumpur, Singapore", "Singapore Standard Time"),
        ("(UTC+08:00) Perth", "W. Australia Standard Time"),
        ("(UTC+08:00) Taipei", "Taipei Standard Time"),
        ("(UTC+08:00) Ulaanbaatar", "Ulaanbaatar Standard Time"),
        ("(UTC+08:45) Eucla", "Aus Central W. Standard Time"),
        ("(UTC+09:00) Chita", "Transbaikal Standard Time"),
        ("(UTC+09:00) Osaka, Sapporo, Tokyo", "Tokyo Standard Time"),
        ("(UTC+09:00) Pyongyang", "North Korea Standard Time"),
        ("(UTC+09:00) Seoul", "Korea Standard Time"),
        ("(UTC+09:00) Yakutsk", "Yakutsk Standard Time"),
        ("(UTC+09:30) Adelaide", "Cen. Australia Standard Time"),
        ("(UTC+09:30) Darwin", "AUS Central Standard Time"),
        ("(UTC+10:00) Brisbane", "E. Australia Standard Time"),
        ("(UTC+10:00) Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"),
        ("(UTC+10:00) Guam, Port Moresby", "West Pacific Standard Time"),
        ("(UTC+10:00) Hobart", "Tasmania Standard Time"),
        ("(UTC+10:00) Vladivostok", "Vladivostok Standard Time"),
        ("(UTC+10:30) Lord Howe Island", "Lord Howe Standard Time"),
        ("(UTC+11:00) Bougainville Island", "Bougainville Standard Time"),
        ("(UTC+11:00) Chokurdakh", "Russia Time Zone 10"),
        ("(UTC+11:00) Magadan", "Magadan Standard Time"),
        ("(UTC+11:00) Norfolk Island", "Norfolk Standard Time"),
        ("(UTC+11:00) Sakhalin", "Sakhalin Standard Time"),
        ("(UTC+11:00) Solomon Is., New Caledonia", "Central Pacific Standard Time"),
        ("(UTC+12:00) Anadyr, Petropavlovsk-Kamchatsky", "Russia Time Zone 11"),
        ("(UTC+12:00) Auckland, Wellington", "New Zealand Standard Time"),
        ("(UTC+12:00) Coordinated Universal Time+12", "UTC+12"),
        ("(UTC+12:00) Fiji", "Fiji Standard Time"),
        // Windows's retired "Kamchatka Standard Time" has no CLDR mapping: its current zone.
        ("(UTC+12:00) Petropavlovsk-Kamchatsky - Old", "Russia Time Zone 11"),
        ("(UTC+12:45) Chatham Islands", "Chatham Islands Standard Time"),
        ("(UTC+13:00) Coordinated Universal Time+13", "UTC+13"),
        ("(UTC+13:00) Nuku'alofa", "Tonga Standard Time"),
        ("(UTC+13:00) Samoa", "Samoa Standard Time"),
        ("(UTC+14:00) Kiritimati Island", "Line Islands Standard Time"),

        // Later Windows updates.
        ("(UTC-07:00) Yukon", "Yukon Standard Time"),
        ("(UTC+02:00) Juba", "South Sudan Standard Time"),
        ("(UTC+03:00) Volgograd", "Volgograd Standard Time"),
        ("(UTC+05:00) Qyzylorda", "Qyzylorda Standard Time"),
        ("(UTC-06:00) Guadalajara, Mexico City, Monterrey - Old", "Central Standard Time (Mexico)"),
        ("(UTC-07:00) La Paz, Mazatlan", "Mountain Standard Time (Mexico)"),

        // Earlier Windows (Vista, 7, 8) display names.
        ("(UTC) Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("(UTC) Monrovia, Reykjavik", "Greenwich Standard Time"),
        ("(UTC) Casablanca", "Morocco Standard Time"),
        ("(UTC+00:00) Casablanca", "Morocco Standard Time"),
        ("(UTC+00:00) Coordinated Universal Time", "UTC"),
        ("(UTC+02:00) Athens, Bucharest, Istanbul", "GTB Standard Time"),
        ("(UTC+02:00) Istanbul", "Turkey Standard Time"),
        ("(UTC+02:00) E. Europe", "E. Europe Standard Time"),
        ("(UTC+02:00) Minsk", "E. Europe Standard Time"),
        ("(UTC+01:00) Windhoek", "Namibia Standard Time"),
        ("(UTC+03:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"),
        ("(UTC+04:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"),
        ("(UTC+03:00) Moscow, St. Petersburg, Volgograd (RTZ 2)", "Russian Standard Time"),
        ("(UTC+03:00) Kaliningrad, Minsk", "Kaliningrad Standard Time"),
        ("(UTC+05:00) Islamabad, Karachi, Tashkent", "West Asia Standard Time"),
        ("(UTC+05:00) Tashkent", "West Asia Standard Time"),
        ("(UTC+06:00) Astana, Dhaka", "Central Asia Standard Time"),
        ("(UTC+06:00) Novosibirsk", "N. Central Asia Standard Time"),
        ("(UTC-04:30) Caracas", "Venezuela Standard Time"),
        ("(UTC-03:00) Buenos Aires", "Argentina Standard Time"),
        ("(UTC-03:00) Buenos Aires, Georgetown", "SA Eastern Standard Time"),
        ("(UTC-03:00) Cayenne", "SA Eastern Standard Time"),
        ("(UTC-04:00) Manaus", "Central Brazilian Standard Time"),
        ("(UTC-04:00) La Paz", "SA Western Standard Time"),
        ("(UTC-04:00) Caracas, La Paz", "SA Western Standard Time"),
        ("(UTC-04:00) Georgetown, La Paz, San Juan", "SA Western Standard Time"),
        ("(UTC-05:00) Bogota, Lima, Quito", "SA Pacific Standard Time"),
        ("(UTC-08:00) Tijuana, Baja California", "Pacific Standard Time (Mexico)"),
        ("(UTC-11:00) Midway Island, Samoa", "UTC-11"),
        ("(UTC-11:00) Samoa", "Samoa Standard Time"),
        ("(UTC+12:00) Fiji, Kamchatka, Marshall Is.", "Fiji Standard Time"),
        ("(UTC+12:00) Fiji, Marshall Is.", "Fiji Standard Time"),
        ("(UTC+12:00) Magadan", "Magadan Standard Time"),
        ("(UTC+11:00) Magadan, Solomon Is., New Caledonia", "Central Pacific Standard Time"),
        ("(UTC+08:00) Ulaan Bataar", "Ulaanbaatar Standard Time"),

        // Windows XP and Exchange 2003 ("GMT" forms).
        ("(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("(GMT) Greenwich Mean Time: Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("(GMT) Casablanca, Monrovia", "Greenwich Standard Time"),
        ("(GMT) Casablanca, Monrovia, Reykjavik", "Greenwich Standard Time"),
        ("(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"),
        ("(GMT+01:00) Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"),
        ("(GMT+01:00) Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"),
        ("(GMT+01:00) Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"),
        ("(GMT+01:00) Sarajevo, Skopje, Sofija, Vilnius, Warsaw, Zagreb", "Central European Standard Time"),
        ("(GMT+01:00) West Central Africa", "W. Central Africa Standard Time"),
        ("(GMT+02:00) Athens, Beirut, Istanbul, Minsk", "GTB Standard Time"),
        ("(GMT+02:00) Athens, Istanbul, Minsk", "GTB Standard Time"),
        ("(GMT+02:00) Bucharest", "E. Europe Standard Time"),
        ("(GMT+02:00) Cairo", "Egypt Standard Time"),
        ("(GMT+02:00) Harare, Pretoria", "South Africa Standard Time"),
        ("(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
        ("(GMT+02:00) Helsinki, Riga, Tallinn", "FLE Standard Time"),
        ("(GMT+02:00) Jerusalem", "Israel Standard Time"),
        ("(GMT+03:00) Baghdad", "Arabic Standard Time"),
        ("(GMT+03:00) Kuwait, Riyadh", "Arab Standard Time"),
        ("(GMT+03:00) Moscow, St. Petersburg, Volgograd", "Russian Standard Time"),
        ("(GMT+03:00) Nairobi", "E. Africa Standard Time"),
        ("(GMT+03:30) Tehran", "Iran Standard Time"),
        ("(GMT+04:00) Abu Dhabi, Muscat", "Arabian Standard Time"),
        ("(GMT+04:00) Baku, Tbilisi, Yerevan", "Caucasus Standard Time"),
        ("(GMT+04:30) Kabul", "Afghanistan Standard Time"),
        ("(GMT+05:00) Ekaterinburg", "Ekaterinburg Standard Time"),
        ("(GMT+05:00) Islamabad, Karachi, Tashkent", "West Asia Standard Time"),
        ("(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"),
        ("(GMT+05:45) Kathmandu", "Nepal Standard Time"),
        ("(GMT+06:00) Almaty, Novosibirsk", "N. Central Asia Standard Time"),
        ("(GMT+06:00) Astana, Dhaka", "Central Asia Standard Time"),
        ("(GMT+06:00) Sri Jayawardenepura", "Sri Lanka Standard Time"),
        ("(GMT+06:30) Rangoon", "Myanmar Standard Time"),
        ("(GMT+07:00) Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"),
        ("(GMT+07:00) Krasnoyarsk", "North Asia Standard Time"),
        ("(GMT+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"),
        ("(GMT+08:00) Irkutsk, Ulaan Bataar", "North Asia East Standard Time"),
        ("(GMT+08:00) Kuala Lumpur, Singapore", "Singapore Standard Time"),
        ("(GMT+08:00) Perth", "W. Australia Standard Time"),
        ("(GMT+08:00) Taipei", "Taipei Standard Time"),
        ("(GMT+09:00) Osaka, Sapporo, Tokyo", "Tokyo Standard Time"),
        ("(GMT+09:00) Seoul", "Korea Standard Time"),
        ("(GMT+09:00) Yakutsk", "Yakutsk Standard Time"),
        ("(GMT+09:30) Adelaide", "Cen. Australia Standard Time"),
        ("(GMT+09:30) Darwin", "AUS Central Standard Time"),
        ("(GMT+10:00) Brisbane", "E. Australia Standard Time"),
        ("(GMT+10:00) Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"),
        ("(GMT+10:00) Guam, Port Moresby", "West Pacific Standard Time"),
        ("(GMT+10:00) Hobart", "Tasmania Standard Time"),
        ("(GMT+10:00) Vladivostok", "Vladivostok Standard Time"),
        ("(GMT+11:00) Magadan, Solomon Is., New Caledonia", "Central Pacific Standard Time"),
        ("(GMT+12:00) Auckland, Wellington", "New Zealand Standard Time"),
        ("(GMT+12:00) Fiji, Kamchatka, Marshall Is.", "Fiji Standard Time"),
        ("(GMT+13:00) Nuku'alofa", "Tonga Standard Time"),
        ("(GMT-01:00) Azores", "Azores Standard Time"),
        ("(GMT-01:00) Cape Verde Is.", "Cape Verde Standard Time"),
        ("(GMT-03:00) Brasilia", "E. South America Standard Time"),
        ("(GMT-03:00) Buenos Aires, Georgetown", "SA Eastern Standard Time"),
        ("(GMT-03:00) Greenland", "Greenland Standard Time"),
        ("(GMT-03:30) Newfoundland", "Newfoundland Standard Time"),
        ("(GMT-04:00) Atlantic Time (Canada)", "Atlantic Standard Time"),
        ("(GMT-04:00) Caracas, La Paz", "SA Western Standard Time"),
        ("(GMT-04:00) Santiago", "Pacific SA Standard Time"),
        ("(GMT-05:00) Bogota, Lima, Quito", "SA Pacific Standard Time"),
        ("(GMT-05:00) Eastern Time (US & Canada)", "Eastern Standard Time"),
        ("(GMT-05:00) Indiana (East)", "US Eastern Standard Time"),
        ("(GMT-06:00) Central America", "Central America Standard Time"),
        ("(GMT-06:00) Central Time (US & Canada)", "Central Standard Time"),
        ("(GMT-06:00) Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"),
        ("(GMT-06:00) Saskatchewan", "Canada Central Standard Time"),
        ("(GMT-07:00) Arizona", "US Mountain Standard Time"),
        ("(GMT-07:00) Chihuahua, La Paz, Mazatlan", "Mountain Standard Time (Mexico)"),
        ("(GMT-07:00) Mountain Time (US & Canada)", "Mountain Standard Time"),
        ("(GMT-08:00) Pacific Time (US & Canada); Tijuana", "Pacific Standard Time"),
        ("(GMT-08:00) Pacific Time (US & Canada)", "Pacific Standard Time"),
        ("(GMT-09:00) Alaska", "Alaskan Standard Time"),
        ("(GMT-10:00) Hawaii", "Hawaiian Standard Time"),
        ("(GMT-11:00) Midway Island, Samoa", "UTC-11"),
        ("(GMT-12:00) International Date Line West", "Dateline Standard Time"),
        ("(GMT-12:00) Eniwetok, Kwajalein", "Dateline Standard Time"),
    ];

    private static readonly Entry[] Entries = [.. Table.Select(row => Parse(row.DisplayName) is { } key
        ? new Entry(key.Offset, key.Places, string.Join(",", key.Places), row.WindowsId)
        : throw new InvalidOperationException("Bad display name in the table: " + row.DisplayName))];

    private static readonly Dictionary<string, string> Exact = BuildExact();

    /// <summary>Finds the Windows zone id for a display name, or null when the name is not one (see the remarks on the
    /// type for how leniently).</summary>
    internal static string? FindWindowsId(string name)
    {
        if (Parse(name) is not { } key || key.Places.Length == 0)
        {
            return null;
        }
        if (Exact.TryGetValue(key.Offset + "|" + string.Join(",", key.Places), out string? id))
        {
            return id;
        }
        if (key.Offset == NoOffset)
        {
            return null;
        }
        Entry? best = null;
        int bestOverlap = 0;
        foreach (Entry e in Entries)
        {
            if (e.Offset != key.Offset)
            {
                continue;
            }
            int overlap = e.Places.Count(key.Places.Contains);
            if (overlap > bestOverlap)
            {
                best = e;
                bestOverlap = overlap;
            }
        }
        return best?.WindowsId;
    }

    private const int NoOffset = int.MinValue;

    private static Dictionary<string, string> BuildExact()
    {
        var exact = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Entry e in Entries)
        {
            exact.TryAdd(e.Offset + "|" + e.Key, e.WindowsId);
            // The places alone, for a name written without its offset.
            exact.TryAdd(NoOffset + "|" + e.Key, e.WindowsId);
        }
        return exact;
    }

    /// <summary>Splits a display name into its offset in minutes (<see cref="NoOffset"/> when it has none) and its
    /// normalised places.</summary>
    private static (int Offset, string[] Places)? Parse(string name)
    {
        string s = name.Trim().Trim('"', '\'').Trim();
        int offset = NoOffset;
        string rest = s;
        bool parenthesised = s.StartsWith('(');
        string head = parenthesised ? s[1..] : s;
        if (head.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) || head.StartsWith("GMT", StringComparison.OrdinalIgnoreCase))
        {
            int i = 3;
            int minutes = 0;
            if (i < head.Length && (head[i] == '+' || head[i] == '-' || head[i] == '\u2212'))
            {
                int sign = head[i] == '+' ? 1 : -1;
                i++;
                int start = i;
                while (i < head.Length && (char.IsAsciiDigit(head[i]) || head[i] == ':' || head[i] == '.'))
                {
                    i++;
                }
                string digits = head[start..i].Replace(":", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
                if (digits.Length is < 1 or > 4 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
                {
                    return null;
                }
                minutes = digits.Length <= 2 ? value * 60 : (value / 100 * 60) + (value % 100);
                minutes *= sign;
            }
            if (parenthesised)
            {
                while (i < head.Length && head[i] == ' ')
                {
                    i++;
                }
                if (i >= head.Length || head[i] != ')')
                {
                    return null;
                }
                i++;
            }
            else if (i < head.Length && head[i] != ' ')
            {
                return null;
            }
            offset = minutes;
            rest = head[i..];
        }
        else if (parenthesised)
        {
            return null;
        }
        string[] places = rest.Split([',', '/', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(NormalisePlace).Where(p => p.Length > 0).ToArray();
        return (offset, places);
    }

    private static string NormalisePlace(string place)
    {
        var sb = new StringBuilder(place.Length);
        bool space = false;
        foreach (char c in place.Trim())
        {
            if (c == '.')
            {
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private sealed record Entry(int Offset, string[] Places, string Key, string WindowsId);
}
