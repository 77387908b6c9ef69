using System.Text;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Sources;

public sealed class SourceStore(DbSession session)
{
    private const string SortKey = "COALESCE(s.reported_on, '~')";

    private const string SourceColumns = $"""
        s.id, s.title, s.publisher, s.author, s.dateline, s.published_at, s.published_at_text, s.published_at_inferred,
        s.published_at_note, s.updated_at_text, s.file_name, s.text, {SortKey} AS sort_key, s.version
        """;

    public static readonly Keyset ByPublished = new(SortKey, "s.id", Descending: false);
    public static readonly Keyset ByPublishedDescending = ByPublished with { Descending = true };
    public static readonly Keyset ByRelevance = new("f.rank", "s.id", Descending: false, NumericKey: true);

    private const string SelectById = $"SELECT {SourceColumns} FROM sources s WHERE s.id = @id;";

    private const string SelectText = "SELECT text FROM sources WHERE id = @id;";

    internal async Task<SourceRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    private static readonly DialectSql SelectLabels = new(d => $"SELECT id, title, publisher, published_at FROM sources WHERE id {d.In("@ids")};");

    /// <summary>The title and publisher of each of <paramref name="ids"/>, to cite a source by name.</summary>
    internal async Task<Dictionary<string, SourceLabel>> FindLabelsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await session.OpenAsync(ct);
        var rows = await connection.QueryAsync<SourceLabel>(new CommandDefinition(SelectLabels.For(session.Dialect), new { ids = ids.ToArray() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    internal async Task<string?> FindTextAsync(string id, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(SelectText, new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// Sources in <paramref name="order"/>, <paramref name="limit"/> + 1 rows; with a search (an FTS5
    /// query over title and text), only matching ones, each with its rank and a highlighted snippet.
    /// </summary>
    internal async Task<List<SourceRow>> ListAsync(
        string? fromDay, string? toDay, SearchTerms? search, string? updatedSince, Keyset order, int limit, string[]? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = ListQuery(session.Dialect, fromDay, toDay, search, updatedSince, order, after, limit + 1, parameters);
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<SourceRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>The SQL of a page of the source list.</summary>
    internal static string ListQuery(
        SqlDialect d, string? fromDay, string? toDay, SearchTerms? search, string? updatedSince, Keyset order, string[]? after, int take, DynamicParameters parameters)
    {
        var sql = new StringBuilder($"SELECT {SourceColumns}, ");
        if (search is not null)
        {
            sql.Append($"""
                f.snippet, f.rank FROM sources s
                JOIN ({FullTextIndex.Sources.Matches(d)}) f ON f.fts_rowid = s.rowid
                WHERE 1 = 1
                """);
            parameters.Add("search", search.For(d));
        }
        else
        {
            sql.Append("NULL AS snippet, NULL AS rank FROM sources s WHERE 1 = 1");
        }

        if (fromDay is not null)
        {
            sql.Append(" AND s.reported_on >= @fromDay");
            parameters.Add("fromDay", fromDay);
        }

        if (toDay is not null)
        {
            sql.Append(" AND s.reported_on <= @toDay");
            parameters.Add("toDay", toDay);
        }

        if (updatedSince is not null)
        {
            sql.Append(" AND s.updated_at >= @updatedSince");
            parameters.Add("updatedSince", updatedSince);
        }

        return order.Page(sql, parameters, after, take);
    }
}
