using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Changes;

/// <summary>
/// One write: its sequence number, when, by which key, to what, and the record as written
/// (<c>data</c>, in the shape the write API takes; null for a deletion).
/// </summary>
public sealed record ChangeResponse(long Seq, string At, string Key, string Resource, string Id, string Kind, JsonElement? Data);

public static class ChangesEndpoints
{
    private static readonly string[] ResourceParameters = [RecordWriter.Source, RecordWriter.Participant, RecordWriter.Event, RecordWriter.Statement];

    private static readonly QueryParameter s_since = new(
        "since", "Only changes after this sequence number: the `seq` of the last change already applied (0, or left out, for all).", "0", QueryParameterType.WholeNumber,
        Minimum: 0, Maximum: long.MaxValue);

    internal static readonly QueryParameter ResourceParameter = new(
        "resource", "Only changes to these kinds of resource.", "event", AllowedValues: ResourceParameters, IsList: true);

    private static readonly QueryParameter[] s_parameters = [s_since, ResourceParameter, .. CommonParameters.Paging];

    internal static readonly DialectSql SelectChanges = new(d => $"""
        SELECT seq, at, key_name AS key, resource, resource_id AS id, kind, data
        FROM changes
        WHERE seq > @after AND (@all OR resource {d.In("@resources")})
        ORDER BY seq
        LIMIT @take;
        """);

    public static RouteHandlerBuilder MapChanges(this IEndpointRouteBuilder routes)
        => routes.MapGet("/v1/changes", ListChanges)
            .WithTags("Changes")
            .WithName("ListChanges")
            .WithSummary("The change feed: every write, in order")
            .WithDescription("""
                Every write to sources, participants, events (meetings included) and statements — the seed's too — in the order
                it was made, each with a sequence number, its time, the key that made it, and the record as written (`data`;
                null for a deletion, which stays as a tombstone). A dashboard keeps the `seq` of the last change it applied
                and asks for `since` that number to stay in step; replaying the feed from 0 rebuilds the data. A `conflict`
                entry (key `seed`) tells of a seed change that was not applied, because an editor wrote the record last or
                other records still cite one the seed dropped: it changes nothing, and a replay skips it.
                """)
            .WithQueryParameters(s_parameters);

    private static Results<ListResult<ChangeResponse>, ValidationProblem> ListChanges(HttpRequest request, Database db)
    {
        var query = new QueryReader(request, s_parameters);
        var since = 0L;
        if (query.ExactText(s_since) is { } text && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out since))
        {
            query.AddError(s_since.Name, $"'{text}' is not a sequence number: use a whole number, 0 or more.");
        }

        var resources = query.List(ResourceParameter);
        var start = query.SequenceCursor();
        var list = query.ListRequest(request, start == 0 ? null : [start.ToString(CultureInfo.InvariantCulture)]);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        return ListResult.Create<ChangeResponse>(async (limit, after, ct) =>
        {
            var from = after is null ? since : Math.Max(since, long.Parse(after[0], CultureInfo.InvariantCulture));
            await using var connection = await db.OpenAsync(ct);
            var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
                SelectChanges.For(connection), new { after = from, all = resources.Count == 0, resources = resources.ToArray(), take = limit + 1 }, cancellationToken: ct));
            return [.. rows.Select(r => (r.ToResponse(), new[] { r.Seq.ToString(CultureInfo.InvariantCulture) }))];
        }, list);
    }

    internal sealed class ChangeRow
    {
        public long Seq { get; init; }
        public string At { get; init; } = "";
        public string Key { get; init; } = "";
        public string Resource { get; init; } = "";
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Data { get; init; }

        public ChangeResponse ToResponse()
            => new(Seq, At, Key, Resource, Id, Kind, Data is null ? null : JsonDocument.Parse(Data).RootElement.Clone());
    }
}
