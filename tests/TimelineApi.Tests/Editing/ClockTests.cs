using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>Every time the API writes comes from its <see cref="TimeProvider"/>, so a test can set the clock.</summary>
public sealed class ClockTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task Writes_AreStampedByTheAppsClock()
    {
        var now = new DateTimeOffset(2030, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);
        await using var root = new TimelineApiFactory();
        await using var app = root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new FixedTime(now))));
        var client = app.CreateClient();
        var key = await app.CreateKeyAsync("clock");

        using var created = await client.SendJsonAsync(HttpMethod.Post, "/v1/meetings",
            """{"id": "clocked-talks", "title": "Clocked talks", "kind": "talks", "status": "scheduled", "start": "2030-06-01"}""", key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meeting = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2030-05-06T07:08:09.123Z", meeting.GetProperty("updatedAt").GetString());
        Assert.Equal("2030-05-06", meeting.GetProperty("history")[0].GetProperty("reportedOn").GetString());

        var change = JsonDocument.Parse(await client.GetStringAsync("/v1/changes?resource=event&since=0&limit=500")).RootElement
            .GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "clocked-talks");
        Assert.Equal("2030-05-06T07:08:09.123Z", change.GetProperty("at").GetString());
    }
}
