using System.Globalization;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Search;

public sealed class SearchQueries(SqliteConnectionFactory db)
{
    private static readonly Dictionary<string, string> s_branches = new(StringComparer.Ordinal)
    {
        ["event"] = $"""
            SELECT 'event' AS type, e.id, e.title, e.start_at AS date, {FullTextQuery.Snippet("events_fts")} AS snippet, events_fts.rank AS rank
            FROM events_fts JOIN events e ON e.rowid = events_fts.rowid
            WHERE events_fts MATCH @search
            """,
        ["statement"] = $"""
            SELECT 'statement' AS type, s.id, p.name AS title, s.date, {FullTextQuery.Snippet("statements_fts")} AS snippet, statements_fts.rank AS rank
            FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid JOIN participants p ON p.id = s.speaker_id
            WHERE statements_fts MATCH @search
            """,
        ["source"] = $"""
            SELECT 'source' AS type, so.id, so.title, so.published_at AS date, {FullTextQuery.Snippet("sources_fts")} AS snippet, sources_fts.rank AS rank
            FROM sources_fts JOIN sources so ON so.rowid = sources_fts.rowid
            WHERE sources_fts MATCH @search
            """,
    };

    /// <summary>Hits of every asked type, best first (then by type and id), <paramref name="limit"/> + 1 of them.</summary>
    internal async Task<List<SearchHit>> SearchAsync(
        string search, IReadOnlyList<string> types, int limit, (double Rank, string Type, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { search, take = limit + 1 });
        var branches = (types.Count > 0 ? types : SearchTypes.All).Select(t => s_branches[t]);
        var where = string.Empty;
        if (after is { } a)
        {
            where = "WHERE (rank, type, id) > (@afterRank, @afterType, @afterId)";
            parameters.Add("afterRank", a.Rank);
            parameters.Add("afterType", a.Type);
            parameters.Add("afterId", a.Id);
        }

        var sql = $"""
            SELECT type, id, title, date, snippet, rank FROM ({string.Join(" UNION ALL ", branches)})
            {where}
            ORDER BY rank, type, id LIMIT @take;
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SearchRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return [.. rows.Select(r => new SearchHit(r.Type, r.Id, r.Title, r.Date, r.Snippet, r.Rank))];
    }

    /// <summary>A hit's position in the results: what a cursor after it is made of.</summary>
    public static string[] KeyOf(SearchHit hit) => [Keyset.FormatKey(hit.Rank), hit.Type, hit.Id];

    public static (double, string, string)? ParseCursor(string[] parts)
        => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && SearchTypes.All.Contains(parts[1])
            ? (rank, parts[1], parts[2])
            : null;

    private sealed class SearchRow
    {
        public string Type { get; init; } = "";
        public string Id { get; init; } = "";
        public string? Title { get; init; }
        public string? Date { get; init; }
        public string Snippet { get; init; } = "";
        public double Rank { get; init; }
    }
}
