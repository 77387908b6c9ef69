using System.Globalization;
using System.Text.Json;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Search;

public sealed class SearchQueries(Database db)
{
    // Ranking reads only the full-text indexes (ties go by the row's place in its index, so no match is
    // joined to its record); ids, titles and snippets are then read for the page alone (a snippet
    // re-reads its document, too costly for every match of a common word).
    // On PostgreSQL the page's rows are read by rowid and their snippets made from their own columns.
    private static readonly Dictionary<string, (DialectSql Rank, DialectSql Page)> s_types = new(StringComparer.Ordinal)
    {
        ["event"] = (
            new(d => $"SELECT 'event' AS type, rank, row FROM ({FullTextIndex.Events.Ranked(d)}) AS matches"),
            new(d => d.IsPostgres
                ? $"""
                  SELECT e.rowid AS row, e.id, e.title, e.start_at AS date, {FullTextIndex.Events.Snippet(d)} AS snippet
                  FROM events e WHERE e.rowid IN (SELECT CAST(value AS bigint) FROM {d.Values("@rows")} AS page)
                  """
                : $"""
                  SELECT e.rowid AS row, e.id, e.title, e.start_at AS date, {FullTextIndex.Events.Snippet(d)} AS snippet
                  FROM events_fts JOIN events e ON e.rowid = events_fts.rowid
                  WHERE events_fts MATCH @search AND events_fts.rowid IN {d.Values("@rows")}
                  """)),
        ["statement"] = (
            new(d => $"SELECT 'statement' AS type, rank, row FROM ({FullTextIndex.Statements.Ranked(d)}) AS matches"),
            new(d => d.IsPostgres
                ? $"""
                  SELECT s.rowid AS row, s.id, p.name AS title, s.date, {FullTextIndex.Statements.Snippet(d)} AS snippet
                  FROM statements s JOIN participants p ON p.id = s.speaker_id
                  WHERE s.rowid IN (SELECT CAST(value AS bigint) FROM {d.Values("@rows")} AS page)
                  """
                : $"""
                  SELECT s.rowid AS row, s.id, p.name AS title, s.date, {FullTextIndex.Statements.Snippet(d)} AS snippet
                  FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid JOIN participants p ON p.id = s.speaker_id
                  WHERE statements_fts MATCH @search AND statements_fts.rowid IN {d.Values("@rows")}
                  """)),
        ["source"] = (
            new(d => $"SELECT 'source' AS type, rank, row FROM ({FullTextIndex.Sources.Ranked(d)}) AS matches"),
            new(d => d.IsPostgres
                ? $"""
                  SELECT so.rowid AS row, so.id, so.title, so.published_at AS date, {FullTextIndex.Sources.Snippet(d)} AS snippet
                  FROM sources so WHERE so.rowid IN (SELECT CAST(value AS bigint) FROM {d.Values("@rows")} AS page)
                  """
                : $"""
                  SELECT so.rowid AS row, so.id, so.title, so.published_at AS date, {FullTextIndex.Sources.Snippet(d)} AS snippet
                  FROM sources_fts JOIN sources so ON so.rowid = sources_fts.rowid
                  WHERE sources_fts MATCH @search AND sources_fts.rowid IN {d.Values("@rows")}
                  """)),
    };

    /// <summary>Hits of every asked type, best first (then by type and place in the index), <paramref name="limit"/> + 1 of them, each with its cursor key.</summary>
    internal async Task<List<(SearchHit Hit, string[] Key)>> SearchAsync(
        string search, IReadOnlyList<string> types, int limit, (double Rank, string Type, long Row)? after, CancellationToken ct)
    {
        var d = db.Dialect;
        search = FullTextQuery.For(d, search);
        var parameters = new DynamicParameters(new { search, take = limit + 1 });
        var asked = types.Count > 0 ? types : SearchTypes.All;
        var where = string.Empty;
        if (after is { } a)
        {
            where = "WHERE (rank, type, row) > (@afterRank, @afterType, @afterRow)";
            parameters.Add("afterRank", a.Rank);
            parameters.Add("afterType", a.Type);
            parameters.Add("afterRow", a.Row);
        }

        var sql = $"""
            SELECT type, rank, row FROM ({string.Join(" UNION ALL ", asked.Select(t => s_types[t].Rank.For(d)))}) AS hits
            {where}
            ORDER BY rank, type, row LIMIT @take;
            """;
        await using var connection = await db.OpenAsync(ct);
        var ranked = (await connection.QueryAsync<(string Type, double Rank, long Row)>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();

        var shown = new Dictionary<(string, long), PageRow>();
        foreach (var group in ranked.GroupBy(r => r.Type))
        {
            var rows = await connection.QueryAsync<PageRow>(new CommandDefinition(
                s_types[group.Key].Page.For(d), new { search, rows = JsonSerializer.Serialize(group.Select(r => r.Row)) }, cancellationToken: ct));
            foreach (var row in rows)
            {
                shown[(group.Key, row.Row)] = row;
            }
        }

        return [.. ranked.Select(r =>
        {
            var row = shown[(r.Type, r.Row)];
            return (new SearchHit(r.Type, row.Id, row.Title, row.Date, row.Snippet, r.Rank),
                new[] { Keyset.FormatKey(r.Rank), r.Type, r.Row.ToString(CultureInfo.InvariantCulture) });
        })];
    }

    public static (double, string, long)? ParseCursor(string[] parts)
        => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rank) && SearchTypes.All.Contains(parts[1])
           && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            ? (rank, parts[1], row)
            : null;

    private sealed class PageRow
    {
        public long Row { get; init; }
        public string Id { get; init; } = "";
        public string? Title { get; init; }
        public string? Date { get; init; }
        public string Snippet { get; init; } = "";
    }
}
