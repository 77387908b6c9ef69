namespace TimelineApi.Search;

/// <summary>
/// One full-text hit: an <c>event</c> (title and summary searched), a <c>statement</c> (its words and
/// attribution) or a <c>source</c> (title and text). <c>title</c> labels it (for a statement, its
/// speaker); <c>snippet</c> shows the match wrapped in <c>&lt;mark&gt;</c>; lower <c>rank</c> is better.
/// </summary>
public sealed record SearchHit(string Type, string Id, string? Title, string? Date, string Snippet, double Rank);

public static class SearchTypes
{
    public static readonly string[] All = ["event", "statement", "source"];
}
