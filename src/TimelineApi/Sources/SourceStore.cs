using System.Text;
using Dapper;
using TimelineApi.Data;

namespace TimelineApi.Sources;

public sealed class SourceStore(SqliteConnectionFactory db)
{
    private const string SourceColumns = """
        s.id, s.title, s.publisher, s.author, s.dateline, s.published_at, s.published_at_text, s.published_at_inferred,
        s.published_at_note, s.updated_at_text, s.file_name, s.text, COALESCE(s.reported_on, '~') AS sort_key
        """;

    private const string SelectById = $"SELECT {SourceColumns} FROM sources s WHERE s.id = @id;";

    private const string SelectText = "SELECT text FROM sources WHERE id = @id;";

    internal async Task<SourceRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SourceRow>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    internal async Task<string?> FindTextAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(SelectText, new { id }, cancellationToken: ct));
    }

    /// <summary>Sources in order of publication (undated last), <paramref name="limit"/> + 1 rows.</summary>
    internal async Task<List<SourceRow>> ListAsync(string? fromDay, string? toDay, int limit, (string SortKey, string Id)? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = new StringBuilder($"SELECT {SourceColumns} FROM sources s WHERE 1 = 1");
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

        if (after is { } a)
        {
            sql.Append(" AND (COALESCE(s.reported_on, '~') > @afterKey OR (COALESCE(s.reported_on, '~') = @afterKey AND s.id > @afterId))");
            parameters.Add("afterKey", a.SortKey);
            parameters.Add("afterId", a.Id);
        }

        sql.Append(" ORDER BY COALESCE(s.reported_on, '~'), s.id LIMIT @take;");
        parameters.Add("take", limit + 1);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<SourceRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).AsList();
    }
}
