using System.Text;
using Dapper;
using TimelineApi.Data;

namespace TimelineApi.Participants;

public sealed class ParticipantStore(DbSession session)
{
    private const string SelectById = "SELECT id, name, kind, country_id, version FROM participants WHERE id = @id;";

    private static readonly DialectSql SelectAliases = new(d => $"""
        SELECT participant_id, alias, source_id FROM participant_aliases
        WHERE participant_id {d.In("@ids")} ORDER BY participant_id, alias;
        """);

    private static readonly DialectSql SelectRoles = new(d => $"""
        SELECT r.participant_id, r.title, r.source_id FROM participant_roles r
        JOIN sources s ON s.id = r.source_id
        WHERE r.participant_id {d.In("@ids")} ORDER BY r.participant_id, s.reported_on NULLS FIRST, r.source_id, r.title;
        """);

    private const string SelectCounterparts = """
        SELECT p.id, p.name, p.kind, e.id AS event_id, e.status
        FROM event_participants me
        JOIN events e ON e.id = me.event_id
        JOIN event_participants other ON other.event_id = me.event_id AND other.participant_id <> me.participant_id
        JOIN participants p ON p.id = other.participant_id
        WHERE me.participant_id = @participantId
        """;

    /// <summary>
    /// The participants who shared an event matching <paramref name="filter"/> of one of <paramref name="counted"/>
    /// statuses with <paramref name="id"/>, most frequent first, each with its shared events of every status by status.
    /// </summary>
    internal async Task<List<CounterpartResponse>> CounterpartsAsync(string id, Events.EventFilter filter, IReadOnlyList<string> counted, CancellationToken ct)
    {
        var parameters = new DynamicParameters(new { participantId = id });
        var sql = new StringBuilder(SelectCounterparts);
        Events.EventStore.AppendFilter(session.Dialect, sql, parameters, filter with { Statuses = [] }, "e");
        sql.Append(" GROUP BY p.id, p.name, p.kind, e.id, e.status ORDER BY e.sort_key, e.id;");

        await using var connection = await session.OpenAsync(ct);
        var pairs = await connection.QueryAsync<(string Id, string Name, string Kind, string EventId, string Status)>(
            new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
        return [.. pairs
            .GroupBy(p => (p.Id, p.Name, p.Kind))
            .Select(g => (g.Key, Counted: g.Where(p => counted.Contains(p.Status)).ToList(), All: g.ToList()))
            .Where(c => c.Counted.Count > 0)
            .Select(c => new CounterpartResponse(c.Key.Id, c.Key.Name, c.Key.Kind, c.Counted.Count, [.. c.Counted.Select(p => p.EventId)],
                Events.EventVocabulary.Statuses.Select(s => (Status: s, Count: c.All.Count(p => p.Status == s))).Where(s => s.Count > 0).ToDictionary(s => s.Status, s => s.Count)))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Id, StringComparer.Ordinal)];
    }

    internal async Task<ParticipantRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(SelectById, new { id }, cancellationToken: ct));
    }

    internal async Task<bool> ExistsAsync(string id, CancellationToken ct) => await FindAsync(id, ct) is not null;

    /// <summary>Participants in id order, optionally by kind and by a fragment of a name or alias (normalised).</summary>
    internal async Task<List<ParticipantRow>> ListAsync(
        IReadOnlyList<string> kinds, string? nameKey, string? updatedSince, int limit, string? afterId, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var sql = new StringBuilder("SELECT p.id, p.name, p.kind, p.country_id, p.version FROM participants p WHERE 1 = 1");
        if (kinds.Count > 0)
        {
            sql.Append($" AND p.kind {session.Dialect.In("@kinds")}");
            parameters.Add("kinds", kinds.ToArray());
        }

        if (nameKey is not null)
        {
            sql.Append($" AND EXISTS (SELECT 1 FROM participant_lookup l WHERE l.participant_id = p.id AND {(session.Dialect.IsPostgres ? "strpos" : "instr")}(l.key, @nameKey) > 0)");
            parameters.Add("nameKey", nameKey);
        }

        if (updatedSince is not null)
        {
            sql.Append(" AND p.updated_at >= @updatedSince");
            parameters.Add("updatedSince", updatedSince);
        }

        if (afterId is not null)
        {
            sql.Append(" AND p.id > @afterId");
            parameters.Add("afterId", afterId);
        }

        sql.Append(" ORDER BY p.id LIMIT @take;");
        parameters.Add("take", limit + 1);
        await using var connection = await session.OpenAsync(ct);
        return (await connection.QueryAsync<ParticipantRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).AsList();
    }

    internal async Task<Func<ParticipantRow, ParticipantResponse>> LoadDetailsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        var aliases = (await connection.QueryAsync<(string ParticipantId, string Alias, string? SourceId)>(
            new CommandDefinition(SelectAliases.For(session.Dialect), new { ids = ids.ToArray() }, cancellationToken: ct))).ToLookup(a => a.ParticipantId);
        var roles = (await connection.QueryAsync<(string ParticipantId, string Title, string SourceId)>(
            new CommandDefinition(SelectRoles.For(session.Dialect), new { ids = ids.ToArray() }, cancellationToken: ct))).ToLookup(r => r.ParticipantId);
        return row => new ParticipantResponse(
            row.Id, row.Name, row.Kind, row.CountryId,
            [.. aliases[row.Id].Select(a => new AliasResponse(a.Alias, a.SourceId))],
            [.. roles[row.Id].Select(r => new RoleResponse(r.Title, r.SourceId))]);
    }
}
