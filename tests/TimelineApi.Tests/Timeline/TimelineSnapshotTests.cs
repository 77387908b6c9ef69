using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Timeline;

/// <summary>A page of the timeline is one snapshot: items deleted while it is read never make it fail.</summary>
public sealed class TimelineSnapshotTests() : WriterTestBase("snapshot")
{
    [Fact]
    public async Task ReadsWhileEventsAreCreatedAndDeleted_AlwaysAnswerAWholePage()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 150 && !stop.IsCancellationRequested; i++)
            {
                var id = $"churn-{i}";
                using var created = await Client.SendJsonAsync(HttpMethod.Post, "/v1/events",
                    $$"""{"id": "{{id}}", "title": "Churn {{i}}", "kind": "meeting", "status": "scheduled", "start": "2021-12-07"}""", Key);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                using var deleted = await Client.SendJsonAsync(HttpMethod.Delete, $"/v1/events/{id}", null, Key, "*");
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }
        });

        var reads = 0;
        while (!writer.IsCompleted)
        {
            using var page = await Client.GetAsync("/v1/timeline?from=2021-12-07&to=2021-12-07&limit=500");
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"read {reads}: {(int)page.StatusCode} {await page.Content.ReadAsStringAsync()}");
            reads++;
        }

        await writer;
        Assert.True(reads > 10, $"only {reads} reads overlapped the writes");
    }
}

/// <summary>A single resource's ETag and body come from one snapshot: one ETag never names two bodies.</summary>
public sealed class ResourceSnapshotTests() : WriterTestBase("renamer")
{
    [Fact]
    public async Task AnEventsETag_NamesOneBody_WhileAParticipantItShowsIsRenamed()
    {
        const string EventUrl = "/v1/events/jen-psaki-confirms-ukraine-on-video-call-agenda";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 150 && !stop.IsCancellationRequested; i++)
            {
                using var renamed = await Client.SendJsonAsync(HttpMethod.Patch, "/v1/participants/jen-psaki",
                    $$"""{"name": "Jen Psaki {{i}}"}""", Key, "*", "application/merge-patch+json");
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }
        });

        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!writer.IsCompleted)
        {
            using var response = await Client.GetAsync(EventUrl);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var etag = response.Headers.ETag!.Tag;
            var name = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
                .GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "jen-psaki").GetProperty("name").GetString()!;
            if (bodies.TryGetValue(etag, out var seen))
            {
                Assert.True(seen == name, $"ETag {etag} named a body with '{seen}' and one with '{name}'");
            }

            bodies[etag] = name;
        }

        await writer;
        Assert.True(bodies.Count > 5, $"only {bodies.Count} versions seen");
    }
}
