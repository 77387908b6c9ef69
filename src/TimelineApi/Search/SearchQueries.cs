using System.Globalization;
using System.Text.Json;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Search;

public sealed class SearchQueries(DbSession session)
{
    // Ranking reads only the full-text indexes (ties go by the row's place in its index, so no match is
    // joined to its record); ids, titles and snippets are then read for the page alone (a snippet
    // re-reads its document, too costly for every match of a common word).
    // On PostgreSQL the page's rows are read by rowid and their snippets made from their own columns.
    private static readonly Dictionary<string, (DialectSql Rank, DialectSql Page)> s_types = new(StringComparer.Ordinal)
    {
        ["event"] = Type("event", FullTextIndex.Events, "e", "e.id, e.title, e.start_at AS date"),
        ["statement"] = Type("statement", FullTextIndex.Statements, "s", "s.id, p.name AS title, s.date", " JOIN participants p ON p.id = s.speaker_id"),
        ["source"] = Type("source", FullTextIndex.Sources, "so", "so.id, so.title, so.published_at AS date"),
    };

    /// <summary>
    /// A type's two queries: its matches ranked (type, rank, row), and the page's rows of it (row, id, title, date,
    /// snippet) from <paramref name="index"/>'s table aliased <paramref name="alias"/>, with <paramref name="join"/>.
    /// </summary>
    private static (DialectSql Rank, DialectSql Page) Type(string type, FullTextIndex index, string alias, string columns, string join = "")
        => (new(d => $"SELECT '{type}' AS type, rank, row FROM ({index.Ranked(d)}) AS matches"),
            new(d => d.IsPostgres
                ? $"""
                  SELECT {alias}.rowid AS row, {columns}, {index.Snippet(d)} AS snippet
                  FROM {index.Table} {alias}{join}
                  WHERE {alias}.rowid IN (SELECT CAST(value AS bigint) FROM {d.Values("@rows")} AS page)
                  """
                : $"""
                  SELECT {alias}.rowid AS row, {columns}, {index.Snippet(d)} AS snippet
                  FROM {index.SqliteIndex} JOIN {index.Table} {alias} ON {alias}.rowid = {index.SqliteIndex}.rowid{join}
                  WHERE {index.SqliteIndex} MATCH @search AND {index.SqliteIndex}.rowid IN {d.Values("@rows")}
                  """));

    /// <summary>Hits of every asked type, best first (then by type and place in the index), <paramref name="limit"/> + 1 of them, each with its cursor key.</summary>
    internal async Task<List<(SearchHit Hit, string[] Key)>> SearchAsync(
        SearchTerms terms, IReadOnlyList<string> types, int limit, (double Rank, string Type, long Row)? after, CancellationToken ct)
    {
        var d = session.Dialect;
        var search = terms.For(d);
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
        await using var connection = await session.OpenAsync(ct);
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
