using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Events;
using TimelineApi.Meetings;
using TimelineApi.Participants;
using TimelineApi.Seed;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;
using TimelineApi.Timeline;

namespace TimelineApi.Tests.Seed;

public sealed class SeedingTests
{
    [Fact]
    public async Task Seed_AppliedOnTwoStarts_LeavesTheSameRecords()
    {
        var path = Path.Combine(Path.GetTempPath(), $"timeline-{Guid.NewGuid():N}.db");
        try
        {
            Counts first, second;
            await using (var app = TimelineApiFactory.ForDatabase(path))
            {
                first = await Counts.ReadAsync(app.CreateClient());
            }

            await using (var app = TimelineApiFactory.ForDatabase(path))
            {
                second = await Counts.ReadAsync(app.CreateClient());
                // The same seed again is a no-op.
                Assert.False(await app.Services.GetRequiredService<Seeder>().ApplyAsync(SeedSet.LoadEmbedded(), CancellationToken.None));
            }

            Assert.Equal(first, second);
            Assert.Equal(new Counts(5, 14, 17, 25, 9, 42), first);
        }
        finally
        {
            TimelineApiFactory.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Seed_WhenChanged_IsAppliedAgainWithoutDuplicates()
    {
        await using var app = new TimelineApiFactory();
        var client = app.CreateClient();
        var before = await Counts.ReadAsync(client);

        var seed = SeedSet.LoadEmbedded();
        var renamed = seed.Events.Single(e => e.Id == "2022-01-12-nato-russia-session");
        var changed = new SeedSet
        {
            Sources = seed.Sources,
            Participants = seed.Participants,
            Events = [.. seed.Events.Select(e => e == renamed ? e with { Id = "2022-01-12-nato-russia-council", Title = "NATO–Russia Council" } : e)],
            Statements = seed.Statements,
            ContentHash = seed.ContentHash + "-changed",
        };

        Assert.True(await app.Services.GetRequiredService<Seeder>().ApplyAsync(changed, CancellationToken.None));

        Assert.Equal(before, await Counts.ReadAsync(client));
        var meeting = await client.GetAsync<MeetingResponse>("/v1/meetings/2022-01-12-nato-russia-council");
        Assert.Equal("NATO–Russia Council", meeting.Title);
        Assert.Single(meeting.History);
        using var gone = await client.GetAsync("/v1/events/2022-01-12-nato-russia-session");
        await gone.AssertProblemAsync(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AChangedSeed_KeepsAnEditorsEdit_AndARecordAnEditorsStatementCites()
    {
        await using var app = new TimelineApiFactory();
        var client = app.CreateClient();
        var key = await app.CreateKeyAsync("editor");
        const string Url = "/v1/events/2022-01-12-nato-russia-session";
        using (var edited = await client.SendJsonAsync(HttpMethod.Patch, Url, """{"title": "NATO–Russia Council (edited)"}""", key, "*", "application/merge-patch+json"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, edited.StatusCode);
        }

        // An editor's statement cites a seeded source that the next seed no longer holds.
        const string Dropped = "2021-12-06-kremlin-ties-lamentable-ahead-of-video-call";
        var text = await client.GetStringAsync($"/v1/sources/{Dropped}/text");
        var start = text.IndexOf("lamentable", StringComparison.Ordinal);
        using (var cited = await client.SendJsonAsync(HttpMethod.Post, "/v1/statements",
            System.Text.Json.JsonSerializer.Serialize(new { id = "editor-quote", speaker = "dmitry-peskov", text = "lamentable", source = Dropped, span = new { start, end = start + 10 } }), key))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, cited.StatusCode);
        }

        var seed = SeedSet.LoadEmbedded();
        var changed = new SeedSet
        {
            Sources = [.. seed.Sources.Where(s => s.Id != Dropped)],
            Participants = seed.Participants,
            Events = [.. seed.Events.Select(e => e.Id == "2022-01-12-nato-russia-session" ? e with { Title = "Seed title" } : e)
                .Select(e => e with { Sources = [.. e.Sources.Where(s => s != Dropped)], Participants = [.. e.Participants.Select(p => p with { Roles = [.. p.Roles.Where(r => r.Source != Dropped)] }).Where(p => p.Roles.Count > 0)], Schedule = e.Schedule?.Where(h => h.Source != Dropped).ToList() })],
            Statements = [.. seed.Statements.Where(s => s.Source != Dropped)],
            ContentHash = seed.ContentHash + "-layered",
        };

        Assert.True(await app.Services.GetRequiredService<Seeder>().ApplyAsync(changed, CancellationToken.None));
        Assert.Equal("NATO–Russia Council (edited)", (await client.GetAsync<MeetingResponse>("/v1/meetings/2022-01-12-nato-russia-session")).Title);
        using var source = await client.GetAsync($"/v1/sources/{Dropped}");
        Assert.Equal(System.Net.HttpStatusCode.OK, source.StatusCode); // kept: the editor's statement cites it
        using var quote = await client.GetAsync("/v1/statements/editor-quote");
        Assert.Equal(System.Net.HttpStatusCode.OK, quote.StatusCode);

        // Both are in the change feed as conflicts under the seed's name: the seed's version not applied, the removal not made.
        var conflicts = await ConflictsAsync(client);
        var title = Assert.Single(conflicts, c => c.Id == "2022-01-12-nato-russia-session");
        Assert.Equal(("seed", "event", "Seed title"), (title.Key, title.Resource, title.Data!.Value.GetProperty("title").GetString()));
        var kept = Assert.Single(conflicts, c => c.Id == Dropped);
        Assert.Equal(("source", null), (kept.Resource, kept.Data));
        Assert.DoesNotContain(conflicts, c => c.Id is "editor-quote");

        // A later seed that leaves the edited record's seed version as it was adds no conflict for it; one that changes it again does.
        Assert.True(await app.Services.GetRequiredService<Seeder>().ApplyAsync(
            new SeedSet { Sources = changed.Sources, Participants = changed.Participants, Events = changed.Events, Statements = changed.Statements, ContentHash = seed.ContentHash + "-again" },
            CancellationToken.None));
        Assert.Single(await ConflictsAsync(client), c => c.Id == "2022-01-12-nato-russia-session");
        var retitled = new SeedSet
        {
            Sources = changed.Sources,
            Participants = changed.Participants,
            Events = [.. changed.Events.Select(e => e.Id == "2022-01-12-nato-russia-session" ? e with { Title = "Another seed title" } : e)],
            Statements = changed.Statements,
            ContentHash = seed.ContentHash + "-retitled",
        };
        Assert.True(await app.Services.GetRequiredService<Seeder>().ApplyAsync(retitled, CancellationToken.None));
        Assert.Equal(2, (await ConflictsAsync(client)).Count(c => c.Id == "2022-01-12-nato-russia-session"));
        Assert.Equal("NATO–Russia Council (edited)", (await client.GetAsync<MeetingResponse>("/v1/meetings/2022-01-12-nato-russia-session")).Title);
    }

    private static async Task<List<TimelineApi.Changes.ChangeResponse>> ConflictsAsync(HttpClient client)
        => [.. (await client.GetAllPagesAsync<TimelineApi.Changes.ChangeResponse>("/v1/changes?limit=500")).Where(c => c.Kind == "conflict")];

    [Fact]
    public void EmbeddedSeed_IsConsistent()
        => Assert.Empty(SeedSet.LoadEmbedded().Validate());

    private sealed record Counts(int Sources, int Participants, int Events, int Statements, int Meetings, int TimelineItems)
    {
        public static async Task<Counts> ReadAsync(HttpClient client) => new(
            (await client.GetAllPagesAsync<SourceResponse>("/v1/sources?limit=500")).Count,
            (await client.GetAllPagesAsync<ParticipantResponse>("/v1/participants?limit=500")).Count,
            (await client.GetAllPagesAsync<EventResponse>("/v1/events?limit=500")).Count,
            (await client.GetAllPagesAsync<StatementResponse>("/v1/statements?limit=500")).Count,
            (await client.GetAllPagesAsync<MeetingResponse>("/v1/meetings?limit=500")).Count,
            (await client.GetAllPagesAsync<TimelineItem>("/v1/timeline?limit=500")).Count);
    }
}
