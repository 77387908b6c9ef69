using System.Text;
using Dapper;
using TimelineApi.Data;

namespace TimelineApi.Events;

/// <summary>One value of a facet and how many matching events have it.</summary>
public sealed record FacetValue(string? Value, string? Label, int Count);

/// <summary>Counts per value for charts: how many of the matching events fall under each value of each facet.</summary>
public sealed record FacetsResponse(int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets);

public sealed class EventFacets(DbSession session)
{
    /// <summary>The facets, each as the SQL that groups the filtered events <c>e</c> by it.</summary>
    private static readonly Dictionary<string, (string Value, string Label, string Join)> s_facets = new(StringComparer.Ordinal)
    {
        ["kind"] = ("e.kind", "NULL", ""),
        ["status"] = ("e.status", "NULL", ""),
        ["format"] = ("e.format", "NULL", ""),
        ["participant"] = ("ep.participant_id", "MIN(p.name)", "JOIN event_participants ep ON ep.event_id = e.id JOIN participants p ON p.id = ep.participant_id"),
        ["topic"] = ("t.topic", "NULL", "JOIN event_topics t ON t.event_id = e.id"),
        ["month"] = ("substr(e.range_start, 1, 7)", "NULL", ""),
        ["year"] = ("substr(e.range_start, 1, 4)", "NULL", ""),
    };

    public static IReadOnlyList<string> Names { get; } = [.. s_facets.Keys];

    internal async Task<FacetsResponse> CountAsync(EventFilter filter, IReadOnlyList<string> facets, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var where = new StringBuilder("WHERE 1 = 1");
        EventStore.AppendFilter(session.Dialect, where, parameters, filter, "e");

        await using var connection = await session.OpenAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM events e {where};", parameters, cancellationToken: ct));
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        foreach (var name in facets.Count > 0 ? facets : Names)
        {
            var (value, label, join) = s_facets[name];
            var sql = $"""
                SELECT {value} AS value, {label} AS label, COUNT(DISTINCT e.id) AS count
                FROM events e {join} {where}
                GROUP BY {value}
                ORDER BY count DESC, {value} IS NULL, {value};
                """;
            var rows = await connection.QueryAsync<FacetRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
            result[name] = [.. rows.Select(r => new FacetValue(r.Value, r.Label, (int)r.Count))];
        }

        return new FacetsResponse(total, result);
    }
}

internal sealed class FacetRow
{
    public string? Value { get; init; }
    public string? Label { get; init; }
    public long Count { get; init; }
}
