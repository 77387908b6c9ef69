using System.Globalization;
using System.Text.Json;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Search;

public sealed class SearchQueries(SqliteConnectionFactory db)
{
    // Ranking reads only the full-text indexes and ids; titles and snippets are then made for the
    // page alone (a snippet re-reads its document, too costly for every match of a common word).
    private static readonly Dictionary<string, (string Rank, string Page)> s_types = new(StringComparer.Ordinal)
    {
        ["event"] = (
            "SELECT 'event' AS type, e.id, events_fts.rank AS rank, events_fts.rowid AS row FROM events_fts JOIN events e ON e.rowid = events_fts.rowid WHERE events_fts MATCH @search",
            $"""
            SELECT e.id, e.title, e.start_at AS date, {FullTextQuery.Snippet("events_fts")} AS snippet
            FROM events_fts JOIN events e ON e.rowid = events_fts.rowid
            WHERE events_fts MATCH @search AND events_fts.rowid IN (SELECT value FROM json_each(@rows))
            """),
        ["statement"] = (
            "SELECT 'statement' AS type, s.id, statements_fts.rank AS rank, statements_fts.rowid AS row FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid WHERE statements_fts MATCH @search",
            $"""
            SELECT s.id, p.name AS title, s.date, {FullTextQuery.Snippet("statements_fts")} AS snippet
            FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid JOIN participants p ON p.id = s.speaker_id
            WHERE statements_fts MATCH @search AND statements_fts.rowid IN (SELECT value FROM json_each(@rows))
            """),
        ["source"] = (
            "SELECT 'source' AS type, so.id, sources_fts.rank AS rank, sources_fts.rowid AS row FROM sources_fts JOIN sources so ON so.rowid = sources_fts.rowid WHERE sources_fts MATCH @search",
            $"""
            SELECT so.id, so.title, so.published_at AS date, {FullTextQuery.Snippet("sources_fts")} AS snippet
            FROM sources_fts JOIN sources so ON so.rowid = sources_fts.rowid
            WHERE sources_fts MATCH @search AND sources_fts.rowid IN (SELECT value FROM json_each(@rows))
            """),
    };

    /// <summary>Hits of every asked type, best first (then by type and id), <paramref name="limit"/> + 1 of them.</summary>
    internal async Task<List<SearchHit>> SearchAsync(
        string search, IReadOnlyList<string> types, int limit, (double Rank, string Type, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { search, take = limit + 1 });
        var asked = types.Count > 0 ? types : SearchTypes.All;
        var where = string.Empty;
        if (after is { } a)
        {
            where = "WHERE (rank, type, id) > (@afterRank, @afterType, @afterId)";
            parameters.Add("afterRank", a.Rank);
            parameters.Add("afterType", a.Type);
            parameters.Add("afterId", a.Id);
        }

        var sql = $"""
            SELECT type, id, rank, row FROM ({string.Join(" UNION ALL ", asked.Select(t => s_types[t].Rank))})
            {where}
            ORDER BY rank, type, id LIMIT @take;
            """;
        await using var connection = await db.OpenAsync(ct);
        var ranked = (await connection.QueryAsync<(string Type, string Id, double Rank, long Row)>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();

        var shown = new Dictionary<(string, string), PageRow>();
        foreach (var group in ranked.GroupBy(r => r.Type))
        {
            var rows = await connection.QueryAsync<PageRow>(new CommandDefinition(
                s_types[group.Key].Page, new { search, rows = JsonSerializer.Serialize(group.Select(r => r.Row)) }, cancellationToken: ct));
            foreach (var row in rows)
            {
                shown[(group.Key, row.Id)] = row;
            }
        }

        return [.. ranked.Select(r =>
        {
            var row = shown[(r.Type, r.Id)];
            return new SearchHit(r.Type, r.Id, row.Title, row.Date, row.Snippet, r.Rank);
        })];
    }

    /// <summary>A hit's position in the results: what a cursor after it is made of.</summary>
    public static string[] KeyOf(SearchHit hit) => [Keyset.FormatKey(hit.Rank), hit.Type, hit.Id];

    public static (double, string, string)? ParseCursor(string[] parts)
        => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && SearchTypes.All.Contains(parts[1])
            ? (rank, parts[1], parts[2])
            : null;

    private sealed class PageRow
    {
        public string Id { get; init; } = "";
        public string? Title { get; init; }
        public string? Date { get; init; }
        public string Snippet { get; init; } = "";
    }
}
