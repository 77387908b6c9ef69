using System.Globalization;
using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>
/// Finds dates and durations in text and resolves them against the report's publication date:
/// absolute dates (<c>16 June 2021</c>, <c>Dec 7</c>, <c>January 9 and 10</c>), dates without a year
/// (the year that puts them nearest the publication), weekdays (<c>on Tuesday</c>: the nearest such
/// day, the next one when the sentence speaks of what is to come), <c>this</c>/<c>next</c>/<c>last</c>
/// years, months and weeks, <c>today</c>, <c>yesterday</c>, <c>tomorrow</c>, and durations
/// (<c>two-hour</c>, <c>50 minutes</c>).
/// </summary>
public static partial class DateResolver
{
    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static bool TryMonth(string name, out int month) => Lexicon.Months.TryGetValue(name.TrimEnd('.'), out month);

    /// <summary>
    /// Days told of from the day before them in the report (<c>arrived on Monday and met the president the following day</c>,
    /// <c>two days later</c>, <c>a day earlier</c>): each the latest day-precise date before it in <paramref name="known"/>, moved by
    /// the days it says. Marked as inferred, with the day it was counted from.
    /// </summary>
    public static List<DateMention> FromTheDayBefore(string text, IReadOnlyList<(int Start, int End)> sentences, IReadOnlyList<DateMention> known)
    {
        var found = new List<DateMention>();
        // One pass over the text: the phrases inside the sentences, each counted from the latest day before it (found by halving).
        var days = known.Where(d => d is { Precision: "day", Start: not null }).OrderBy(d => d.Span.End).ToList();
        var dayEnds = days.Select(d => d.Span.End).ToList();
        var spans = known.Select(d => d.Span).OrderBy(e => e.Start).ToList();
        var spanStarts = spans.Select(e => e.Start).ToList();
        var sentenceStarts = sentences.Select(x => x.Start).ToList();
        foreach (Match m in FollowingDay().Matches(text))
        {
            var inSentence = LastAtOrBefore(sentenceStarts, m.Index) is var k and >= 0 && m.Index < sentences[k].End;
            var overlaps = LastAtOrBefore(spanStarts, m.Index + m.Length - 1) is var o and >= 0 && spans[o].End > m.Index;
            if (!inSentence || overlaps || LastAtOrBefore(dayEnds, m.Index) is not (var a and >= 0)
                || days[a] is not { } anchor || !DateOnly.TryParse(anchor.End ?? anchor.Start, CultureInfo.InvariantCulture, out var from))
            {
                continue;
            }

            var count = m.Groups["n"].Value.ToLowerInvariant() switch { "" or "a" or "one" => 1, "two" => 2, "three" => 3, var n => int.TryParse(n, CultureInfo.InvariantCulture, out var c) ? c : 1 };
            var day = from.AddDays(m.Groups["back"].Success ? -count : count);
            found.Add(new DateMention(new Evidence(m.Index, m.Index + m.Length, m.Value), day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, "day", true, null,
                $"'{m.Value}' read as {day:dddd d MMMM yyyy}, counted from '{anchor.Span.Text}'."));
        }

        return found;
    }

    /// <summary>The index of the last of the ascending <paramref name="keys"/> at or before <paramref name="at"/>, or -1.</summary>
    private static int LastAtOrBefore(List<int> keys, int at)
    {
        var i = keys.BinarySearch(at);
        return i >= 0 ? LastOfEqual(keys, i) : ~i - 1;
    }

    private static int LastOfEqual(List<int> keys, int i)
    {
        while (i + 1 < keys.Count && keys[i + 1] == keys[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>Every date and duration in [start, end) of the text; <paramref name="published"/> is an ISO date or null.</summary>
    public static List<DateMention> Find(string text, int start, int end, string? published)
    {
        var reference = published is { Length: >= 10 } && DateOnly.TryParseExact(published[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : (DateOnly?)null;
        var found = new List<DateMention>();
        var segment = text[start..end];
        foreach (Match m in DatePattern().Matches(segment))
        {
            if (Resolve(m, segment, reference) is { } mention)
            {
                found.Add(mention with { Span = new Evidence(start + m.Index, start + m.Index + m.Length, m.Value) });
            }
        }

        foreach (Match m in DurationPattern().Matches(segment))
        {
            if (Minutes(m) is { } minutes)
            {
                found.Add(new DateMention(new Evidence(start + m.Index, start + m.Index + m.Length, m.Value), null, null, null, false, minutes, null));
            }
        }

        return [.. found.OrderBy(f => f.Span.Start)];
    }

    private static DateMention? Resolve(Match m, string segment, DateOnly? reference)
    {
        var empty = new Evidence(0, 0, string.Empty);
        if (m.Groups["iso"].Success)
        {
            return new DateMention(empty, m.Groups["iso"].Value, null, "day", false, null, null);
        }

        if (m.Groups["month"].Success && TryMonth(m.Groups["month"].Value, out var month))
        {
            var day = m.Groups["day"].Success ? Int(m.Groups["day"].Value) : (int?)null;
            var day2 = m.Groups["day2"].Success ? Int(m.Groups["day2"].Value) : (int?)null;
            var yearGiven = m.Groups["year"].Success;
            // "since January" looks back: the latest such month up to the report.
            var since = segment[..m.Index].TrimEnd().EndsWith("since", StringComparison.OrdinalIgnoreCase);
            int? year = yearGiven ? Int(m.Groups["year"].Value)
                : since && reference is { } known ? (month <= known.Month ? known.Year : known.Year - 1)
                : NearestYear(month, day ?? 15, reference, WordsBefore(segment, m.Index));
            if (year is null)
            {
                return new DateMention(empty, null, null, null, false, null, $"'{m.Value}' has no year and the report has no publication date.");
            }

            if (day is null)
            {
                var relativeYear = m.Groups["which"].Value.ToLowerInvariant() switch { "this" => reference?.Year, "last" => reference?.Year - 1, "next" => reference?.Year + 1, _ => year };
                return new DateMention(empty, $"{relativeYear:0000}-{month:00}", null, "month", !yearGiven, null, yearGiven ? null : YearNote(m.Value, reference));
            }

            if (!IsDay(year.Value, month, day.Value) || (day2 is { } d2 && (!IsDay(year.Value, month, d2) || d2 <= day)))
            {
                return null;
            }

            return new DateMention(empty, Iso(year.Value, month, day.Value), day2 is { } last ? Iso(year.Value, month, last) : null, "day", !yearGiven, null,
                yearGiven ? null : YearNote(m.Value, reference));
        }

        if (reference is not { } r)
        {
            return new DateMention(empty, null, null, null, true, null, $"'{m.Value}' is relative and the report has no publication date.");
        }

        if (m.Groups["weekday"].Success)
        {
            var wanted = Array.IndexOf(Weekdays, m.Groups["weekday"].Value);
            var back = ((int)r.DayOfWeek - wanted + 7) % 7;
            var forward = (wanted - (int)r.DayOfWeek + 7) % 7;
            var which = m.Groups["wd"].Value.ToLowerInvariant();
            var before = WordsBefore(segment, m.Index);
            var future = which == "next" || (which != "last" && back != 0 && FutureCue().IsMatch(before) && !TellsOfThePast(before));
            // "arrived in Cairo on Sunday": a past verb puts the day before the report.
            which = which is "" or "on" && TellsOfThePast(before) ? "last-or-today" : which;
            // "next Monday" said on a Monday is a week on, "last Monday" a week back.
            var date = which is "last" or "last-or-today" || (!future && back <= forward) ? r.AddDays(which == "last" && back == 0 ? -7 : -back)
                : r.AddDays(which == "next" && forward == 0 ? 7 : forward);
            return new DateMention(empty, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, "day", true, null,
                $"'{m.Value.Trim()}' read as {date:dddd d MMMM yyyy}, the {(date == r ? "day of" : date < r ? "nearest such day before" : "nearest such day after")} the publication date {r:yyyy-MM-dd}.");
        }

        var shift = m.Groups["rel"].Value.ToLowerInvariant() switch { "next" => 1, "last" or "past" => -1, _ => 0 };
        var unit = m.Groups["unit"].Value.ToLowerInvariant();
        var (value, precision) = unit switch
        {
            "year" => ($"{r.Year + shift:0000}", "year"),
            "month" => (r.AddMonths(shift).ToString("yyyy-MM", CultureInfo.InvariantCulture), "month"),
            "week" => (r.AddDays(7 * shift).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "week"),
            "today" => (r.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day"),
            "yesterday" or "a day earlier" or "a day before" or "a day after" or "the day before" => (r.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day"),
            "tomorrow" => (r.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day"),
            _ => (null, null),
        };
        if (value is null || precision == "week")
        {
            return null;
        }

        return new DateMention(empty, value, null, precision, true, null, $"'{m.Value.Trim()}' read from the publication date {r:yyyy-MM-dd}.");
    }

    private static int? Minutes(Match m)
    {
        var number = m.Groups["n"].Value;
        var n = int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : Lexicon.Numbers.TryGetValue(number, out var word) ? word : 0;
        if (n <= 0)
        {
            return null;
        }

        var unit = m.Groups["u"].Value.ToLowerInvariant();
        return unit.StartsWith("hour", StringComparison.Ordinal) ? (m.Groups["half"].Success ? 30 : n * 60) : n;
    }

    /// <summary>
    /// The year that puts a month and day nearest the publication; when the words before it tell of the past (<c>last met in
    /// Berlin on February 8</c>), the nearest year that puts it on or before the publication; of what is to come, on or after it.
    /// </summary>
    private static int? NearestYear(int month, int day, DateOnly? reference, string before = "")
    {
        if (reference is not { } r)
        {
            return null;
        }

        // "will host the summit on Nov. 26": what is to come is on or after the publication.
        var past = TellsOfThePast(before);
        var future = !past && FutureCue().IsMatch(before);
        DateOnly On(int y) => new(y, month, Math.Min(day, DateTime.DaysInMonth(y, month)));
        return new[] { r.Year - 1, r.Year, r.Year + 1 }
            .Where(y => (!past || On(y) <= r) && (!future || On(y) >= r))
            .OrderBy(y => Math.Abs(On(y).DayNumber - r.DayNumber))
            .First();
    }

    private static string YearNote(string written, DateOnly? reference)
        => $"'{written}' has no year: read as the one nearest the publication date {reference:yyyy-MM-dd}.";

    /// <summary>The clause before a date, up to eight words: where <c>will</c> or <c>is set to</c> would govern it.</summary>
    /// <summary>Whether the last cue of time in <paramref name="words"/> is of the past (<c>ended on Thursday and will resume on</c> is not).</summary>
    private static bool TellsOfThePast(string words)
        => PastCue().Matches(words).LastOrDefault() is { } past && (FutureCue().Matches(words).LastOrDefault() is not { } future || future.Index < past.Index);

    private static string WordsBefore(string segment, int index)
    {
        var start = segment.LastIndexOfAny(['.', '!', '?', ',', ';'], Math.Max(0, index - 1)) + 1;
        var words = segment[start..index].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.TakeLast(24));
    }

    private static bool IsDay(int year, int month, int day) => day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static string Iso(int year, int month, int day) => $"{year:0000}-{month:00}-{day:00}";

    private static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private const string MonthNames = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

    [GeneratedRegex(
        @"\b(?<iso>\d{4}-\d{2}-\d{2})\b"
        + @"|\b(?<day>\d{1,2})(?:st|nd|rd|th)?(?:(?: ?[-–] ?| (?:and|to) )(?<day2>\d{1,2})(?:st|nd|rd|th)?)? (?<month>" + MonthNames + @")\.?(?:,? (?<year>\d{4}))?\b"
        + @"|\b(?<month>" + MonthNames + @")\.? (?<day>\d{1,2})(?:st|nd|rd|th)?(?:(?: ?[-–] ?| (?:and|to) )(?<day2>\d{1,2})(?:st|nd|rd|th)?)?(?:, (?<year>\d{4}))?\b(?![-–]\d)"
        + @"|\b(?<month>January|February|March|April|May|June|July|August|September|October|November|December) (?:(?<year>\d{4})|(?<which>this|last|next) year)\b"
        + @"|(?<=\b(?i:in|early|late|since|until|by) )(?<month>January|February|March|April|June|July|August|September|October|November|December)\b"
        + @"|\b(?:(?<wd>(?i:on|last|next|this)) )?(?<weekday>Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b"
        + @"|\b(?<rel>this|next|last|past|This|Next|Last) (?<unit>year|month|week)\b"
        + @"|\b(?<unit>today|yesterday|tomorrow|a day earlier|a day before|a day after|the day before)\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b(?<n>\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|ninety|an|a)(?<half> and a half)?[- ](?<u>minutes?|hours?)(?:-long)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\b(?:the (?:following|next) (?:day|morning|afternoon|evening)|the day after|(?<n>a|one|two|three|\d) days? (?:later|(?<back>earlier))|the day before(?= [a-z]))\b", RegexOptions.IgnoreCase)]
    private static partial Regex FollowingDay();

    /// <summary>Words that put what follows in the past: <c>last met in Berlin on</c>, <c>took place on</c>, <c>was held on</c>.</summary>
    [GeneratedRegex(@"(?<!\b(?:be|been|being) )\b(?:last|met|took place|was held|were held|ended|signed|visited|broke off|arrived|received|spoke|talked|hosted|returned)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PastCue();

    [GeneratedRegex(@"\b(?:opens|begins|starts|convenes|will|would|set to|set for|scheduled|planned|plans to|plan to|upcoming|is to|are to|due to|due on|to follow|follows|expected|to be held)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FutureCue();
}
