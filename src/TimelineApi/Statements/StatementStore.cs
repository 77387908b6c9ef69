using System.Text;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Statements;

public sealed class StatementStore(DbSession session)
{
    internal const string StatementColumns = """
        s.id, s.speaker_id, p.name AS speaker_name, s.text, s.date, s.date_inferred, s.event_id, s.source_id,
        s.span_start, s.span_end, s.attribution, s.sort_key, s.version,
        src.title AS source_title, src.publisher AS source_publisher, src.published_at AS source_published_at
        """;

    /// <summary>The joins <see cref="StatementColumns"/> reads: the speaker's name and the source's title, publisher and date.</summary>
    private const string StatementJoins = " JOIN participants p ON p.id = s.speaker_id JOIN sources src ON src.id = s.source_id";

    public static readonly Keyset ByDate = new("s.sort_key", "s.id", Descending: false);
    public static readonly Keyset ByDateDescending = ByDate with { Descending = true };
    public static readonly Keyset ByRelevance = new("f.rank", "s.id", Descending: false, NumericKey: true);

    private const string SelectById = $"""
        SELECT {StatementColumns}
        FROM statements s{StatementJoins}
        WHERE s.id = @id;
        """;

    private static readonly DialectSql SelectByIds = new(d => $"""
        SELECT {StatementColumns}
        FROM statements s{StatementJoins}
        WHERE s.id IN {d.Values("@ids")};
        """);

    internal async Task<StatementRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<StatementRow>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    /// <summary>The rows of <paramref name="ids"/> (sent as one JSON array: one statement whatever their number).</summary>
    internal async Task<List<StatementRow>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<StatementRow>(new CommandDefinition(
            SelectByIds.For(session.Dialect), new { ids = System.Text.Json.JsonSerializer.Serialize(ids) }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// One page of statements in <paramref name="order"/>, <paramref name="limit"/> + 1 rows. With a search,
    /// each row carries its rank and a highlighted snippet.
    /// </summary>
    internal async Task<List<StatementRow>> ListAsync(StatementFilter filter, Keyset order, int limit, string[]? after, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = ListQuery(session.Dialect, filter, order, after, limit + 1, parameters);
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<StatementRow>(new CommandDefinition(sql, parameters, cancellationToken: ct))).AsList();
    }

    /// <summary>The SQL of a page of the statement list (with a search: joined to its matches for rank and snippet).</summary>
    internal static string ListQuery(SqlDialect d, StatementFilter filter, Keyset order, string[]? after, int take, DynamicParameters parameters)
    {
        var sql = new StringBuilder($"SELECT {StatementColumns}, ");
        if (filter.Search is { } search)
        {
            sql.Append($"""
                f.snippet, f.rank FROM statements s
                JOIN ({FullTextIndex.Statements.Matches(d)}) f ON f.fts_rowid = s.rowid
                """);
            parameters.Add("search", search.For(d));
            filter = filter with { Search = null };
        }
        else
        {
            sql.Append("NULL AS snippet, NULL AS rank FROM statements s");
        }

        sql.Append(StatementJoins).Append(" WHERE 1 = 1");
        AppendFilter(d, sql, parameters, filter, "s");
        return order.Page(sql, parameters, after, take);
    }

    /// <summary>How many statements <paramref name="filter"/> matches.</summary>
    internal async Task<long> CountAsync(StatementFilter filter, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = new StringBuilder("SELECT COUNT(*) FROM statements s WHERE 1 = 1");
        AppendFilter(session.Dialect, sql, parameters, filter, "s");
        await using var connection = await session.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
    }

    /// <summary>Appends the SQL of <paramref name="filter"/> for the statements table aliased <paramref name="s"/>.</summary>
    internal static void AppendFilter(SqlDialect d, StringBuilder sql, DynamicParameters parameters, StatementFilter filter, string s)
    {
        // The sort_key bounds (a day wider: sort keys of instants are UTC) let SQLite seek the date-ordered indexes.
        if (filter.FromDay is not null)
        {
            sql.Append($" AND {s}.date >= @fromDay AND {s}.sort_key >= @fromBound");
            parameters.Add("fromDay", filter.FromDay);
            parameters.Add("fromBound", IsoDate.ShiftDay(filter.FromDay, -1));
        }

        if (filter.ToDay is not null)
        {
            // Dates may carry a time: compare the day part with the last day asked for.
            sql.Append($" AND substr({s}.date, 1, 10) <= @toDay AND {s}.sort_key < @toBound");
            parameters.Add("toDay", filter.ToDay);
            parameters.Add("toBound", IsoDate.ShiftDay(filter.ToDay, 2));
        }

        if (filter.SpeakerKey is not null)
        {
            sql.Append($" AND {s}.speaker_id IN (SELECT participant_id FROM participant_lookup WHERE key = @speakerKey)");
            parameters.Add("speakerKey", filter.SpeakerKey);
        }

        if (filter.SpeakerId is not null)
        {
            sql.Append($" AND {s}.speaker_id = @speakerId");
            parameters.Add("speakerId", filter.SpeakerId);
        }

        if (filter.EventId is not null)
        {
            sql.Append($" AND {s}.event_id = @eventId");
            parameters.Add("eventId", filter.EventId);
        }

        if (filter.SourceId is not null)
        {
            sql.Append($" AND {s}.source_id = @sourceId");
            parameters.Add("sourceId", filter.SourceId);
        }

        if (filter.UpdatedSince is not null)
        {
            sql.Append($" AND {s}.updated_at >= @updatedSince");
            parameters.Add("updatedSince", filter.UpdatedSince);
        }

        if (filter.Search is not null)
        {
            sql.Append($" AND {s}.rowid IN ({FullTextIndex.Statements.RowIds(d)})");
            parameters.Add("search", filter.Search.For(d));
        }
    }
}
