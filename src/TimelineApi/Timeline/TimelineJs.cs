using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using TimelineApi.Common;
using TimelineApi.Sources;

namespace TimelineApi.Timeline;

/// <summary>A date as TimelineJS3 takes it: year, and month, day, hour and minute where known.</summary>
public sealed record TimelineJsDate(
    int Year,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Month,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Day,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Hour,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Minute);

/// <summary>A slide's text: a headline and a body, both HTML as TimelineJS3 renders them.</summary>
public sealed record TimelineJsText(string Headline, string Text);

/// <summary>The title slide of a TimelineJS3 document.</summary>
public sealed record TimelineJsTitle(TimelineJsText Text);

/// <summary>One slide: a dated event or statement.</summary>
public sealed record TimelineJsEvent(
    [property: JsonPropertyName("unique_id")] string UniqueId,
    [property: JsonPropertyName("start_date")] TimelineJsDate StartDate,
    [property: JsonPropertyName("end_date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TimelineJsDate? EndDate,
    [property: JsonPropertyName("display_date"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayDate,
    TimelineJsText Text,
    string Group);

/// <summary>
/// The timeline as a TimelineJS3 JSON document: a title slide and one slide per dated item. Items with
/// no date cannot be placed on the time axis: the title slide names them.
/// </summary>
public sealed record TimelineJsDocument(TimelineJsTitle Title, IReadOnlyList<TimelineJsEvent> Events);

public static class TimelineJs
{
    /// <summary>Builds the document; <paramref name="sources"/> cites each source by title with a link to it under <paramref name="baseUrl"/>.</summary>
    internal static TimelineJsDocument ToDocument(IReadOnlyList<TimelineItem> items, IReadOnlyDictionary<string, SourceLabel> sources, string baseUrl)
    {
        var slides = new List<TimelineJsEvent>();
        var undated = new List<TimelineItem>();
        foreach (var item in items)
        {
            if (ToDate(item.Date) is { } start)
            {
                slides.Add(new TimelineJsEvent(
                    $"{item.Type}-{item.Id}", start, ToDate(item.End), item.DateInferred ? $"{item.Date} (date inferred)" : null,
                    new TimelineJsText(Html(HeadlineOf(item)), BodyOf(item, sources, baseUrl)),
                    item.Type == TimelineItemTypes.Statement ? TimelineItemTypes.Statement : item.Kind!));
            }
            else
            {
                undated.Add(item);
            }
        }

        var title = new StringBuilder($"<p>{slides.Count} dated events and statements from TimelineApi, each with its sources.</p>");
        if (undated.Count > 0)
        {
            title.Append(CultureInfo.InvariantCulture, $"<p>{undated.Count} undated {(undated.Count == 1 ? "item is" : "items are")} not on the time axis:</p><ul>");
            foreach (var item in undated)
            {
                title.Append("<li>").Append(Html(HeadlineOf(item))).Append("</li>");
            }

            title.Append("</ul>");
        }

        return new TimelineJsDocument(new TimelineJsTitle(new TimelineJsText("Diplomatic timeline", title.ToString())), slides);
    }

    private static string HeadlineOf(TimelineItem item)
        => item.Type == TimelineItemTypes.Statement ? $"{item.Speaker!.Name}: “{Shorten(item.Text!)}”" : item.Title!;

    private static string BodyOf(TimelineItem item, IReadOnlyDictionary<string, SourceLabel> sources, string baseUrl)
    {
        var body = new StringBuilder();
        if (item.Type == TimelineItemTypes.Statement)
        {
            body.Append("<blockquote>“").Append(Html(item.Text!)).Append("”</blockquote>");
        }

        body.Append("<p>Sources: ");
        body.AppendJoin(", ", item.Sources.Select(id => SourceLink(id, sources.GetValueOrDefault(id), baseUrl)));
        return body.Append(".</p>").ToString();
    }

    private static string SourceLink(string id, SourceLabel? label, string baseUrl)
        => $"<a href=\"{Html($"{baseUrl}/v1/sources/{Uri.EscapeDataString(id)}")}\">{Html(label?.Name ?? id)}</a>";

    private static string Shorten(string text)
    {
        if (text.Length <= 80)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', 79);
        return text[..(cut > 0 ? cut : 79)] + "…";
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);

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
