using Dapper;
using Microsoft.Data.Sqlite;
using TimelineApi.Events;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Events;

/// <summary>
/// A page after a cursor is a seek, not a walk: for every filter of the event list, in both date orders, SQLite's
/// plan reads events through an index from the cursor's (sort key, id) on (with a participant, that participant's
/// events in start order), never scanning the table; a single kind,
/// status, or kind and status, seeks its composite index past the equality columns, so a deep page costs what the
/// first one costs.
/// </summary>
public sealed class EventPagePlanTests
{
    public static TheoryData<string, string, string?> Filters()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var order in new[] { "start", "-start" })
        {
            data.Add("none", order, null);
            data.Add("kind", order, "kind=?");
            data.Add("status", order, "status=?");
            data.Add("kind+status", order, "kind=? AND status=?");
            data.Add("kinds", order, null);
            data.Add("from+to", order, null);
            data.Add("participant", order, null);
            data.Add("participant-name", order, null);
            data.Add("topic", order, null);
            data.Add("updatedSince", order, null);
            data.Add("everything", order, null);
        }

        return data;
    }

    /// <summary>
    /// The first page of one participant's events in a date range seeks that participant's events from the range on
    /// (a participant in tens of thousands of events would otherwise be walked from its first one).
    /// </summary>
    [Theory]
    [InlineData("start", "sort_key>? AND sort_key<?")]
    [InlineData("-start", "sort_key>? AND sort_key<?")]
    public async Task AParticipantsFirstPageInARange_SeeksTheRange(string order, string seek)
    {
        var filter = new EventFilter { FromDay = "2021-12-01", ToDay = "2022-01-31", ParticipantKey = "putin" };
        var keyset = order == "start" ? EventStore.ByStart : EventStore.ByStartDescending;
        var parameters = new DynamicParameters();
        var plan = await PlanAsync(EventStore.ListQuery(filter, keyset, null, 51, parameters), parameters);
        Assert.Contains($"SEARCH pe USING PRIMARY KEY (participant_id=? AND {seek})", plan, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task APageAfterACursor_SeeksAnIndex_NeverScansTheEvents(string filterName, string order, string? equalities)
    {
        var filter = filterName switch
        {
            "none" => new EventFilter(),
            "kind" => new EventFilter { Kinds = ["talks"] },
            "status" => new EventFilter { Statuses = ["held"] },
            "kind+status" => new EventFilter { Kinds = ["talks"], Statuses = ["held"] },
            "kinds" => new EventFilter { Kinds = ["talks", "meeting"] },
            "from+to" => new EventFilter { FromDay = "2021-12-01", ToDay = "2022-01-31" },
            "participant" => new EventFilter { ParticipantId = "vladimir-putin" },
            "participant-name" => new EventFilter { ParticipantKey = "putin" },
            "topic" => new EventFilter { Topics = ["ukraine"] },
            "updatedSince" => new EventFilter { UpdatedSince = "2021-01-01T00:00:00Z" },
            _ => new EventFilter { Kinds = ["talks", "meeting"], Statuses = ["held"], FromDay = "2021-12-01", ToDay = "2022-01-31", ParticipantId = "vladimir-putin", Topics = ["ukraine"] },
        };
        var keyset = order == "start" ? EventStore.ByStart : EventStore.ByStartDescending;
        var parameters = new DynamicParameters();
        var sql = EventStore.ListQuery(filter, keyset, ["2021-12-07", "2021-12-07-biden-putin-video-call"], 51, parameters);

        var plan = await PlanAsync(sql, parameters);

        Assert.DoesNotContain("SCAN e", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN pe", plan, StringComparison.Ordinal);
        Assert.Matches(filter.ParticipantId is null && filter.ParticipantKey is null
            ? @"SEARCH e USING (COVERING )?INDEX ix_events_\w+ \(.*(sort_key|\(sort_key,id\))[<>]"
            : @"SEARCH pe USING PRIMARY KEY \(participant_id=\? AND (sort_key>\? AND )?\(sort_key,event_id\)[<>]\(\?,\?\)", plan);
        if (equalities is not null)
        {
            Assert.Contains($"({equalities} AND (sort_key,id)", plan, StringComparison.Ordinal);
        }
    }

    private static async Task<string> PlanAsync(string sql, DynamicParameters parameters)
    {
        await using var app = new TimelineApiFactory();
        _ = app.Server; // applies the migrations and the seed
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return string.Join("\n", (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)).Select(r => r.Detail));
    }
}
