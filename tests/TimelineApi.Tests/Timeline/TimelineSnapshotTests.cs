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
