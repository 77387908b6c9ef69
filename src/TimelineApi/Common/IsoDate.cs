using System.Globalization;

namespace TimelineApi.Common;

/// <summary>
/// A date as the timeline stores it: a day (<c>2022-01-09</c>), a month (<c>2022-01</c>) or an
/// instant with its offset (<c>2021-12-08T02:41:00+05:30</c>).
/// </summary>
public readonly record struct IsoDate(string Text, string Precision, string FirstDay, string LastDay, string SortKey)
{
    /// <summary>Sorts after every date: where a record's date is unknown.</summary>
    public const string UnknownSortKey = "~";

    /// <summary>The forms a date takes, as a regular expression (for documentation; <see cref="TryParse"/> decides).</summary>
    public const string Pattern = @"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?$";

    private static readonly string[] InstantFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    public static bool TryParse(string? text, out IsoDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var iso = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            date = new IsoDate(iso, "day", iso, iso, iso);
            return true;
        }

        if (text.Length == 7 && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            var last = first.AddMonths(1).AddDays(-1);
            date = new IsoDate(text, "month", Format(first), Format(last), text);
            return true;
        }

        // An instant must carry its offset (or Z): a wall-clock time alone is not a point in time.
        if (text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            var localDay = Format(DateOnly.FromDateTime(instant.DateTime));
            var sortKey = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            date = new IsoDate(text, "time", localDay, localDay, sortKey);
            return true;
        }

        return false;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The day <paramref name="days"/> after (before, when negative) <paramref name="day"/>, as a bound of sort keys:
    /// past the last day there is, a key after every dated one's; before the first, one before every date's; a day
    /// that is no date (the empty range's "0000-01-01") is its own bound.
    /// </summary>
    public static string ShiftDay(string day, int days)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return day;
        }

        var target = date.DayNumber + days;
        return target > DateOnly.MaxValue.DayNumber ? "9999-12-31~"
            : target < DateOnly.MinValue.DayNumber ? "0000-01-01"
            : Format(DateOnly.FromDayNumber(target));
    }
}

/// <summary>The sortable and day-range columns derived from a record's start and end.</summary>
public readonly record struct DateRange(string SortKey, string? FirstDay, string? LastDay)
{
    public static DateRange Of(string? start, string? end)
    {
        if (!IsoDate.TryParse(start, out var first))
        {
            return new DateRange(IsoDate.UnknownSortKey, null, null);
        }

        var last = IsoDate.TryParse(end, out var e) ? e.LastDay : first.LastDay;
        return new DateRange(first.SortKey, first.FirstDay, last);
    }
}
