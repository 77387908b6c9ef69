using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Changes;

/// <summary>
/// One write: its sequence number, when, by which key, to what, the record as written (<c>data</c>, in the shape the
/// write API takes; null for a deletion), and each member it changed with its value before and after.
/// </summary>
public sealed record ChangeResponse(long Seq, string At, string Key, string Resource, string Id, string Kind, JsonElement? Data, IReadOnlyList<MemberChange> Changed);

/// <summary>A member a write changed: its value before (left out when the record was new) and after (left out when it was deleted).</summary>
public sealed record MemberChange(
    string Member,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] JsonElement? Old,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] JsonElement? New);

public static class ChangesEndpoints
{
    private static readonly string[] ResourceParameters = [RecordWriter.Source, RecordWriter.Participant, RecordWriter.Event, RecordWriter.Statement];

    private static readonly QueryParameter s_since = new(
        "since", "Only changes after this sequence number: the `seq` of the last change already applied (0, or left out, for all).", "0", QueryParameterType.WholeNumber,
        Minimum: 0, Maximum: long.MaxValue);

    internal static readonly QueryParameter ResourceParameter = new(
        "resource", "Only changes to these kinds of resource.", "event", AllowedValues: ResourceParameters, IsList: true);

    private static readonly QueryParameter s_sinceTime = CommonParameters.UpdatedSince with
    {
        Description = "Only changes made at or after this instant or day (UTC when a day): \"what changed since yesterday\". With `since`, both apply.",
    };

    private static readonly QueryParameter[] s_parameters = [s_since, s_sinceTime, ResourceParameter, .. CommonParameters.Paging];

    // Each change with the record as the change before it (of the same record, a conflict aside) left it.
    internal static readonly DialectSql SelectChanges = new(d => $"""
        SELECT c.seq, c.at, c.key_name AS key, c.resource, c.resource_id AS id, c.kind, c.data,
               (SELECT p.data FROM changes p
                WHERE p.resource_id = c.resource_id AND p.resource = c.resource AND p.seq < c.seq AND p.kind <> 'conflict'
                ORDER BY p.seq DESC LIMIT 1) AS before
        FROM changes c
        WHERE c.seq > @after AND (@all OR c.resource {d.In("@resources")})
          AND (@sinceTime IS NULL OR (c.at >= @sinceTime AND c.seq >= (SELECT COALESCE(MIN(t.seq), 9223372036854775807) FROM changes t WHERE t.at >= @sinceTime)))
        ORDER BY c.seq
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
                other records still cite one the seed dropped: it changes nothing, and a replay skips it. Each change lists
                the members it `changed` with their `old` and `new` values (every member of a new record, without `old`;
                of a deleted one, without `new`). `updatedSince` asks by time: what changed since yesterday.
                """)
            .WithQueryParameters(s_parameters);

    private static Results<ListResult<ChangeResponse>, ValidationProblem> ListChanges(HttpRequest request, DbSession session)
    {
        var query = new QueryReader(request, s_parameters);
        var since = 0L;
        if (query.ExactText(s_since) is { } text && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out since))
        {
            query.AddError(s_since.Name, $"'{text}' is not a sequence number: use a whole number, 0 or more.");
        }

        var sinceTime = query.UpdatedSince();
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
            await using var connection = await session.OpenAsync(ct);
            var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
                SelectChanges.For(connection), new { after = from, sinceTime, all = resources.Count == 0, resources = resources.ToArray(), take = limit + 1 }, cancellationToken: ct));
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
        public string? Before { get; init; }

        public ChangeResponse ToResponse()
        {
            var data = Parse(Data);
            return new(Seq, At, Key, Resource, Id, Kind, data, Kind == "conflict" ? [] : Differences(Parse(Before), data));
        }

        private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

        /// <summary>The top-level members whose values differ between two records (either may be none), in the order they are written.</summary>
        private static List<MemberChange> Differences(JsonElement? before, JsonElement? after)
        {
            static Dictionary<string, JsonElement> Members(JsonElement? record)
                => record is { ValueKind: JsonValueKind.Object } r ? r.EnumerateObject().ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal) : [];

            var old = Members(before);
            var now = Members(after);
            if (after is not null && !now.ContainsKey(SeedSchedule) || now.TryGetValue(SeedSchedule, out var schedule) && schedule.ValueKind == JsonValueKind.Null)
            {
                old.Remove(SeedSchedule);
            }

            return [.. now.Keys.Concat(old.Keys.Where(k => !now.ContainsKey(k)))
                .Select(member => (member, Old: Value(old, member), New: Value(now, member)))
                .Where(m => m.Old is null ? m.New is not null : m.New is null || !SameValue(m.Old.Value, m.New.Value))
                .Select(m => new MemberChange(m.member, m.Old, m.New))];
        }

        /// <summary>
        /// An event's <c>schedule</c> is the seed's reports of it, written by the seed alone: a write of the event that
        /// gives none leaves the history as it was, so it is no change.
        /// </summary>
        private const string SeedSchedule = "schedule";

        /// <summary>Equal JSON values, a list's items in any order (participants, topics and sources are sets).</summary>
        private static bool SameValue(JsonElement a, JsonElement b)
            => a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array
                ? a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().All(x => b.EnumerateArray().Count(y => JsonElement.DeepEquals(x, y)) == a.EnumerateArray().Count(y => JsonElement.DeepEquals(x, y)))
                : JsonElement.DeepEquals(a, b);

        /// <summary>A member's value, null when it is missing or JSON null.</summary>
        private static JsonElement? Value(Dictionary<string, JsonElement> members, string member)
            => members.TryGetValue(member, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }
}
