using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Data;
using TimelineApi.Common;
using TimelineApi.Events;
using TimelineApi.Import;
using TimelineApi.Meetings;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;
using TimelineApi.Timeline;

namespace TimelineApi.Tests.Performance;

/// <summary>A database holding a synthetic timeline, analysed, for query plans to be read against.</summary>
public sealed class PlannedDatabase : IAsyncLifetime
{
    public TimelineApiFactory App { get; } = new();

    public async Task InitializeAsync()
    {
        using var data = new StringWriter();
        await SyntheticData.WriteAsync(data, 3000, seed: 1, CancellationToken.None);
        await App.Services.GetRequiredService<Importer>().ImportAsync(new StringReader(data.ToString()), "plans", null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Every list query is driven by an index in the list's own order, so a page costs the same at any
/// depth: its plan reads no table whole (a SCAN with no index) and sorts nothing into a temporary
/// b-tree — except where sorting is the point and is bounded: merging the two page-sized branches of
/// the timeline, and ranking the matches of a full-text search.
/// </summary>
public sealed partial class QueryPlanTests(PlannedDatabase database) : IClassFixture<PlannedDatabase>
{
    private static readonly string[] s_after = ["2010-01-01", "syn-event-0000100"];

    public static TheoryData<string> EventFilters => new()
    {
        "none", "kind", "status", "from", "to", "participant", "participant-id", "participant-kind", "participant-status", "topic", "updated-since", "descending",
    };

    private static EventFilter FilterFor(string name) => name switch
    {
        "kind" => new EventFilter { Kinds = ["meeting"] },
        "status" => new EventFilter { Statuses = ["scheduled"] },
        "from" => new EventFilter { FromDay = "2020-01-01" },
        "to" => new EventFilter { ToDay = "2005-01-01" },
        "participant" => new EventFilter { ParticipantKey = "anna petrova 1" },
        "participant-id" => new EventFilter { ParticipantId = "syn-france" },
        "participant-kind" => new EventFilter { ParticipantKey = "anna petrova 1", Kinds = ["meeting"] },
        "participant-status" => new EventFilter { ParticipantId = "syn-france", Statuses = ["scheduled"] },
        "topic" => new EventFilter { Topics = ["trade"] },
        "updated-since" => new EventFilter { UpdatedSince = "2000-01-01T00:00:00.000Z" },
        _ => new EventFilter(),
    };

    [Theory]
    [MemberData(nameof(EventFilters))]
    public async Task EventList_IsIndexDriven(string filter)
    {
        var order = filter == "descending" ? EventStore.ByStartDescending : EventStore.ByStart;
        foreach (var after in new[] { null, s_after })
        {
            var parameters = new DynamicParameters();
            await AssertIndexDrivenAsync(EventStore.ListQuery(SqlDialect.Sqlite, FilterFor(filter), order, after, 51, parameters), parameters);
        }
    }

    [Theory]
    [MemberData(nameof(EventFilters))]
    public async Task MeetingList_IsIndexDriven(string filter)
    {
        var parameters = new DynamicParameters();
        await AssertIndexDrivenAsync(MeetingStore.ListQuery(SqlDialect.Sqlite, FilterFor(filter), null, EventStore.ByStart, s_after, 51, null, parameters), parameters);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("kind")]
    [InlineData("status")]
    [InlineData("to")]
    [InlineData("descending")]
    public async Task MeetingsAsOfADay_WithManyChangesKnown_WalkTheChangesInThePagesOrder(string filter)
    {
        var order = filter == "descending" ? EventStore.ByStartDescending : EventStore.ByStart;
        foreach (var after in new[] { null, s_after })
        {
            var parameters = new DynamicParameters();
            await AssertIndexDrivenAsync(MeetingStore.ListQuery(SqlDialect.Sqlite, FilterFor(filter), "2030-01-01", order, after, 51, null, parameters, manyKnown: true), parameters);
        }
    }

    /// <summary>Both forms of the meetings as known on a day give the same page, on every day the seed's reports span and in either order.</summary>
    [Fact]
    public async Task MeetingsAsOfADay_AreTheSame_WhicheverFormReadsThem()
    {
        await using var connection = TimelineApi.Data.SqliteDatabase.WithFunctions(new SqliteConnection($"Data Source={database.App.DatabasePath};Pooling=False"));
        await connection.OpenAsync();
        var compared = 0;
        for (var day = new DateOnly(2021, 6, 1); day <= new DateOnly(2022, 2, 28); day = day.AddDays(3))
        {
            foreach (var order in new[] { EventStore.ByStart, EventStore.ByStartDescending })
            {
                var asOf = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                var few = new DynamicParameters();
                var many = new DynamicParameters();
                var byRanking = (await connection.QueryAsync<EventRow>(MeetingStore.ListQuery(SqlDialect.Sqlite, new EventFilter(), asOf, order, null, 200, null, few), few))
                    .Select(r => (r.Id, r.Status, r.Start, r.End, r.Format, r.Location, r.DurationMinutes, r.DatePrecision, r.Version)).ToList();
                var byWalking = (await connection.QueryAsync<EventRow>(MeetingStore.ListQuery(SqlDialect.Sqlite, new EventFilter(), asOf, order, null, 200, null, many, manyKnown: true), many))
                    .Select(r => (r.Id, r.Status, r.Start, r.End, r.Format, r.Location, r.DurationMinutes, r.DatePrecision, r.Version)).ToList();
                Assert.Equal(byRanking, byWalking);
                compared += byRanking.Count;
            }
        }

        Assert.True(compared > 100, $"only {compared} meetings compared");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("speaker")]
    [InlineData("event")]
    [InlineData("source")]
    [InlineData("from")]
    [InlineData("descending")]
    public async Task StatementList_IsIndexDriven(string filter)
    {
        var statementFilter = filter switch
        {
            "speaker" => new StatementFilter { SpeakerId = "syn-anna-petrova-1" },
            "event" => new StatementFilter { EventId = "syn-event-0000020" },
            "source" => new StatementFilter { SourceId = "syn-source-000001" },
            "from" => new StatementFilter { FromDay = "2020-01-01" },
            _ => new StatementFilter(),
        };
        var parameters = new DynamicParameters();
        var order = filter == "descending" ? StatementStore.ByDateDescending : StatementStore.ByDate;
        await AssertIndexDrivenAsync(StatementStore.ListQuery(SqlDialect.Sqlite, statementFilter, order, ["2010-01-01", "syn-statement-000010-0"], 51, parameters), parameters);
    }

    [Fact]
    public async Task SourceList_IsIndexDriven()
    {
        var parameters = new DynamicParameters();
        await AssertIndexDrivenAsync(SourceStore.ListQuery(SqlDialect.Sqlite, "2005-01-01", null, null, null, SourceStore.ByPublished, ["2010-01-01", "syn-source-000010"], 51, parameters), parameters);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("from")]
    [InlineData("participant")]
    public async Task Timeline_ReadsEachBranchByIndex_AndSortsOnlyTwoPages(string filter)
    {
        var parameters = new DynamicParameters();
        var sql = TimelineQueries.KeysQuery(SqlDialect.Sqlite, FilterFor(filter), [], descending: false, ("2010-01-01", "event", "syn-event-0000100"), 51, parameters);
        await AssertIndexDrivenAsync(sql, parameters, boundedSorts: 2); // each branch's page, to merge them
    }

    [Fact]
    public async Task Search_ReadsOnlyTheMatches()
    {
        var parameters = new DynamicParameters();
        var sql = EventStore.ListQuery(SqlDialect.Sqlite, new EventFilter { Search = FullTextQuery.Parse("trade").Query }, EventStore.ByRelevance, null, 51, parameters);
        await AssertIndexDrivenAsync(sql, parameters, boundedSorts: 1); // ranking the matches
    }

    /// <summary>
    /// A database analysed before the indexes of migrations 12 to 14 existed (every import ends with ANALYZE) gets their
    /// statistics when it migrates. Without them the planner takes an index for a selective one: over a million events,
    /// it read every meeting through the kind-and-status index into a sort (50 ms a page, against 0.1 ms with them).
    /// </summary>
    [Fact]
    public async Task ADatabaseAnalysedBeforeTheNewIndexes_HasTheirStatistics_AfterMigrating()
    {
        await using var app = new TimelineApiFactory();
        using (var data = new StringWriter())
        {
            await SyntheticData.WriteAsync(data, 300, seed: 2, CancellationToken.None);
            await app.Services.GetRequiredService<Importer>().ImportAsync(new StringReader(data.ToString()), "plans", null, CancellationToken.None);
        }

        string[] added = ["ix_events_sort", "ix_events_kind_status_sort", "ix_participant_events_event_id"];
        await using var connection = TimelineApi.Data.SqliteDatabase.WithFunctions(new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False"));
        await connection.OpenAsync();
        const string Analysed = "SELECT idx FROM sqlite_stat1 WHERE idx IN @added ORDER BY idx;";
        Assert.Equal(added.Order(StringComparer.Ordinal), await connection.QueryAsync<string>(Analysed, new { added }));

        // The database as it was at schema version 14, analysed before those indexes were made.
        await connection.ExecuteAsync("""
            DELETE FROM sqlite_stat1 WHERE idx IN @added;
            ALTER TABLE participant_events DROP COLUMN kind;
            ALTER TABLE participant_events DROP COLUMN status;
            ALTER TABLE meeting_status_changes DROP COLUMN duration_minutes;
            ALTER TABLE meeting_status_changes DROP COLUMN stated;
            DROP TABLE document_shapes;
            PRAGMA user_version = 14;
            """, new { added });
        await app.Services.GetRequiredService<Data.SchemaMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Equal(added.Order(StringComparer.Ordinal), await connection.QueryAsync<string>(Analysed, new { added }));
    }

    private async Task AssertIndexDrivenAsync(string sql, DynamicParameters parameters, int boundedSorts = 0)
    {
        await using var connection = TimelineApi.Data.SqliteDatabase.WithFunctions(new SqliteConnection($"Data Source={database.App.DatabasePath};Pooling=False"));
        await connection.OpenAsync();
        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(p => p.Detail).ToList();
        var text = string.Join(Environment.NewLine, plan);

        // A named subquery's rows (a page already cut) are read by "SCAN <name>" too: only a table read whole counts.
        var subqueries = plan.Where(d => d.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || d.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.Ordinal);
        var fullScans = plan.Where(d => FullScan().Match(d) is { Success: true } scan && !subqueries.Contains(scan.Groups[1].Value)).ToList();
        Assert.True(fullScans.Count == 0, $"A table is read whole:{Environment.NewLine}{text}{Environment.NewLine}{sql}");
        var sorts = plan.Count(d => d.StartsWith("USE TEMP B-TREE FOR", StringComparison.Ordinal) && d.Contains("ORDER BY", StringComparison.Ordinal));
        Assert.True(sorts <= boundedSorts, $"The rows are sorted rather than read in order:{Environment.NewLine}{text}{Environment.NewLine}{sql}");
    }

    // "SCAN events" with no index after it; FTS5 virtual tables read through their own index ("VIRTUAL TABLE INDEX").
    [GeneratedRegex(@"^SCAN (\w+)( AS \w+)?$")]
    private static partial Regex FullScan();
}
