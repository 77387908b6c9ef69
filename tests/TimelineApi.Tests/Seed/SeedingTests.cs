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
