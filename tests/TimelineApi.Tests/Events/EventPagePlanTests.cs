using Dapper;
using Microsoft.Data.Sqlite;
using TimelineApi.Events;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Events;

/// <summary>
/// A page after a cursor is a seek, not a walk: for every filter of the event list, in both date orders, SQLite's
/// plan reads events through an index from the cursor's (sort key, id) on, never scanning the table; a single kind
/// or status seeks its composite index past the equality column, so a deep page costs what the first one costs.
/// </summary>
public sealed class EventPagePlanTests
{
    public static TheoryData<string, string, bool> Filters()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var order in new[] { "start", "-start" })
        {
            data.Add("none", order, false);
            data.Add("kind", order, true);
            data.Add("status", order, true);
            data.Add("kind+status", order, false);
            data.Add("kinds", order, false);
            data.Add("from+to", order, false);
            data.Add("participant", order, false);
            data.Add("participant-name", order, false);
            data.Add("topic", order, false);
            data.Add("updatedSince", order, false);
            data.Add("everything", order, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task APageAfterACursor_SeeksAnIndex_NeverScansTheEvents(string filterName, string order, bool composite)
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

        await using var app = new TimelineApiFactory();
        _ = app.Server; // applies the migrations and the seed
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        var plan = string.Join("\n", (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)).Select(r => r.Detail));

        Assert.DoesNotContain("SCAN e", plan, StringComparison.Ordinal);
        Assert.Matches(@"SEARCH e USING (COVERING )?INDEX ix_events_\w+ \(.*(sort_key|\(sort_key,id\))[<>]", plan);
        if (composite)
        {
            Assert.Matches(@"\((kind|status)=\? AND \(sort_key,id\)[<>]\(\?,\?\)\)", plan);
        }
    }
}
