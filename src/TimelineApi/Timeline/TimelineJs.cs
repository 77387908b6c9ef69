using System.Globalization;
using System.Text.Json.Serialization;
using TimelineApi.Common;

namespace TimelineApi.Timeline;

/// <summary>A date as TimelineJS3 takes it: year, and month, day, hour and minute where known.</summary>
public sealed record TimelineJsDate(
    int Year,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Month,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Day,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Hour,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Minute);

public sealed record TimelineJsText(string Headline, string Text);

public sealed record TimelineJsEvent(
    [property: JsonPropertyName("unique_id")] string UniqueId,
    [property: JsonPropertyName("start_date")] TimelineJsDate StartDate,
    [property: JsonPropertyName("end_date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TimelineJsDate? EndDate,
    TimelineJsText Text,
    string Group);

/// <summary>The timeline as a TimelineJS3 JSON document (<c>title</c> and <c>events</c>); undated items are left out.</summary>
public sealed record TimelineJsDocument(TimelineJsText Title, IReadOnlyList<TimelineJsEvent> Events);

public static class TimelineJs
{
    public const string Format = "timelinejs";

    public static TimelineJsDocument ToDocument(IEnumerable<TimelineItem> items) => new(
        new TimelineJsText("Diplomatic timeline", "Events and statements from TimelineApi, each with its sources."),
        [.. items.Select(ToEvent).OfType<TimelineJsEvent>()]);

    private static TimelineJsEvent? ToEvent(TimelineItem item)
    {
        if (ToDate(item.Date) is not { } start)
        {
            return null;
        }

        var sources = $"Sources: {string.Join(", ", item.Sources)}.";
        var text = item.Type == TimelineItemTypes.Statement
            ? new TimelineJsText(item.Speaker!.Name, $"“{item.Text}” {sources}")
            : new TimelineJsText(item.Title!, sources);
        return new TimelineJsEvent($"{item.Type}-{item.Id}", start, ToDate(item.End), text, item.Type == TimelineItemTypes.Statement ? "statement" : item.Kind!);
    }

    private static TimelineJsDate? ToDate(string? text)
    {
        if (!IsoDate.TryParse(text, out var date))
        {
            return null;
        }

        var day = DateOnly.ParseExact(date.FirstDay, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return date.Precision switch
        {
            "month" => new TimelineJsDate(day.Year, day.Month, null, null, null),
            "time" => DateTimeOffset.Parse(date.Text, CultureInfo.InvariantCulture) is var t
                ? new TimelineJsDate(t.Year, t.Month, t.Day, t.Hour, t.Minute)
                : null,
            _ => new TimelineJsDate(day.Year, day.Month, day.Day, null, null),
        };
    }
}
