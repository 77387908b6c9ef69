using System.Text.Json.Serialization;
using TimelineApi.Common;

namespace TimelineApi.Sources;

/// <summary>
/// A news report the timeline is built from. Title, publisher, author and dates are given only as the
/// document states them (null where it does not); <c>publishedAtInferred</c> marks a date that had to be worked out.
/// </summary>
public sealed record SourceResponse(
    string Id,
    string? Title,
    string? Publisher,
    string? Author,
    string? Dateline,
    string? PublishedAt,
    string? PublishedAtText,
    bool PublishedAtInferred,
    string? PublishedAtNote,
    string? UpdatedAtText,
    string FileName,
    int Length,
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Snippet = null);

/// <summary>What a source is cited by: its title, publisher and date, where the document states them.</summary>
internal sealed class SourceLabel
{
    public string Id { get; init; } = "";
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public string? PublishedAt { get; init; }

    /// <summary>A name a reader can tell sources apart by: the title and publisher, or, for a report without a title, its date.</summary>
    public string Name
    {
        get
        {
            var title = Title ?? (IsoDate.TryParse(PublishedAt, out var date)
                ? $"Untitled report, {DateOnly.ParseExact(date.FirstDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}"
                : "Untitled report");
            return Publisher is null ? title : $"{title} ({Publisher})";
        }
    }
}

internal sealed class SourceRow
{
    public string Id { get; init; } = "";
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public string? Author { get; init; }
    public string? Dateline { get; init; }
    public string? PublishedAt { get; init; }
    public string? PublishedAtText { get; init; }
    public bool PublishedAtInferred { get; init; }
    public string? PublishedAtNote { get; init; }
    public string? UpdatedAtText { get; init; }
    public string FileName { get; init; } = "";
    public string Text { get; init; } = "";
    public string SortKey { get; init; } = "";
    public string? Snippet { get; init; }
    public double? Rank { get; init; }
    public long Version { get; init; }

    public SourceResponse ToResponse() => new(
        Id, Title, Publisher, Author, Dateline, PublishedAt, PublishedAtText, PublishedAtInferred, PublishedAtNote,
        UpdatedAtText, FileName, Text.Length, Text, Snippet);

    /// <summary>This row's position in a list in <paramref name="order"/>: what a cursor after it is made of.</summary>
    public string[] KeyFor(Keyset order) => order.KeyOf(SortKey, Rank, Id);
}
