using System.Net;
using System.Text.Json;
using TimelineApi.Changes;
using TimelineApi.Events;
using TimelineApi.Participants;
using TimelineApi.Sources;
using TimelineApi.Statements;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

public sealed class ChangeFeedTests : WriterTestBase
{

    [Fact]
    public async Task Feed_AskedByTime_GivesWhatChangedSince_WithEachMembersOldAndNewValue()
    {
        var seeded = await Client.GetAllPagesAsync<ChangeResponse>("/v1/changes?limit=500");
        var seededAt = DateTimeOffset.Parse(seeded[^1].At, System.Globalization.CultureInfo.InvariantCulture);
        while (DateTimeOffset.UtcNow <= seededAt.AddMilliseconds(2))
        {
            await Task.Delay(2);
        }

        var since = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var url = "/v1/meetings/2022-01-13-us-russia-europe-meeting";
        using (await Client.SendJsonAsync(HttpMethod.Patch, url, """{"location": "Vienna", "title": "US, Russia and Europe in Vienna"}""", Key, await Client.ETagOfAsync(url), "application/merge-patch+json"))
        {
        }

        var changes = await Client.GetAllPagesAsync<ChangeResponse>($"/v1/changes?updatedSince={Uri.EscapeDataString(since)}");
        var change = Assert.Single(changes);
        Assert.Equal(("2022-01-13-us-russia-europe-meeting", "updated"), (change.Id, change.Kind));
        var changed = change.Changed.ToDictionary(c => c.Member);
        Assert.Equal(["title", "location"], change.Changed.Select(c => c.Member));
        Assert.Equal((JsonValueKind.Null, "Vienna"), (changed["location"].Old?.ValueKind ?? JsonValueKind.Null, changed["location"].New!.Value.GetString()));
        Assert.Equal("US, Russia and Europe in Vienna", changed["title"].New!.Value.GetString());
        Assert.NotEqual(changed["title"].New!.Value.GetString(), changed["title"].Old!.Value.GetString());

        // A day asks from its start (UTC); a new record's change gives every member with no old value.
        var today = await Client.GetAllPagesAsync<ChangeResponse>($"/v1/changes?updatedSince={since[..10]}&resource=source&limit=500");
        Assert.All(today.First().Changed, c => Assert.Null(c.Old));
        Assert.Contains(today.First().Changed, c => c.Member == "fileName");
    }

    [Fact]
    public async Task Feed_StartsWithTheSeed_AndRecordsEveryWriteInOrder()
    {
        var seeded = await Client.GetAllPagesAsync<ChangeResponse>("/v1/changes?limit=500");
        Assert.Equal(5 + 14 + 17 + 25, seeded.Count);
        Assert.All(seeded, c => Assert.Equal(("seed", "created"), (c.Key, c.Kind)));
        var last = seeded[^1].Seq;

        var url = "/v1/events/2022-01-13-us-russia-europe-meeting";
        using (await Client.SendJsonAsync(HttpMethod.Patch, url, """{"location": "Vienna"}""", Key, await Client.ETagOfAsync(url)))
        {
        }

        var statement = "/v1/statements/russia-alarmist";
        using (await Client.SendJsonAsync(HttpMethod.Delete, statement, null, Key, await Client.ETagOfAsync(statement)))
        {
        }

        var since = await Client.GetAllPagesAsync<ChangeResponse>($"/v1/changes?since={last}");
        Assert.Equal([("event", url.Split('/')[^1], "updated", "editor"), ("statement", "russia-alarmist", "deleted", "editor")],
            since.Select(c => (c.Resource, c.Id, c.Kind, c.Key)));
        Assert.Equal("Vienna", since[0].Data!.Value.GetProperty("location").GetString());
        Assert.Null(since[1].Data);
        Assert.True(since[0].Seq > last && since[1].Seq > since[0].Seq);

        Assert.Single(await Client.GetAllPagesAsync<ChangeResponse>($"/v1/changes?since={last}&resource=statement"));
        await Client.AssertBadParameterAsync("/v1/changes?since=-1", "since");
    }

    [Fact]
    public async Task Feed_ReplayedFromTheStart_RebuildsTheCurrentState()
    {
        // Some writes of every kind.
        using (await Client.SendJsonAsync(HttpMethod.Post, "/v1/sources", """{"id": "note", "title": "Editor's note", "text": "Talks resumed."}""", Key))
        {
        }

        using (await Client.SendJsonAsync(HttpMethod.Post, "/v1/participants", """{"name": "OSCE", "kind": "organization", "aliases": [{"name": "Organization for Security and Co-operation in Europe", "source": null}], "roles": []}""", Key))
        {
        }

        var meeting = "/v1/meetings/2022-01-13-us-russia-europe-meeting";
        using (await Client.SendJsonAsync(HttpMethod.Patch, meeting, """{"participants": [{"id": "osce", "roles": [{"role": "host", "source": null}]}], "location": "Vienna"}""", Key, await Client.ETagOfAsync(meeting)))
        {
        }

        var quote = "/v1/statements/kremlin-binding-guarantees";
        using (await Client.SendJsonAsync(HttpMethod.Delete, quote, null, Key, await Client.ETagOfAsync(quote)))
        {
        }

        var replayed = new Dictionary<(string, string), JsonElement>();
        foreach (var change in await Client.GetAllPagesAsync<ChangeResponse>("/v1/changes?limit=7"))
        {
            if (change.Data is { } data)
            {
                replayed[(change.Resource, change.Id)] = data;
            }
            else
            {
                Assert.True(replayed.Remove((change.Resource, change.Id)), $"A tombstone for {change.Id}, which was never written.");
            }
        }

        var events = await Client.GetAllPagesAsync<EventResponse>("/v1/events?limit=500");
        var participants = await Client.GetAllPagesAsync<ParticipantResponse>("/v1/participants?limit=500");
        var statements = await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?limit=500");
        var sources = await Client.GetAllPagesAsync<SourceResponse>("/v1/sources?limit=500");
        Assert.Equal(
            events.Select(e => ("event", e.Id)).Concat(participants.Select(p => ("participant", p.Id)))
                .Concat(statements.Select(s => ("statement", s.Id))).Concat(sources.Select(s => ("source", s.Id))).Order(),
            replayed.Keys.Order());

        foreach (var e in events)
        {
            var data = replayed[("event", e.Id)];
            Assert.Equal((e.Title, e.Status, e.Start, e.Location), (data.GetProperty("title").GetString(), data.GetProperty("status").GetString(),
                data.GetProperty("start").GetString(), data.GetProperty("location").GetString()));
            Assert.Equal(e.Participants.SelectMany(p => p.Roles.Select(r => p.Id + ":" + r.Role)).Order(),
                data.GetProperty("participants").EnumerateArray()
                    .SelectMany(p => p.GetProperty("roles").EnumerateArray().Select(r => p.GetProperty("id").GetString() + ":" + r.GetProperty("role").GetString())).Order());
        }

        foreach (var s in statements)
        {
            var data = replayed[("statement", s.Id)];
            Assert.Equal((s.Text, s.Speaker.Id, s.Span.Start), (data.GetProperty("text").GetString(), data.GetProperty("speaker").GetString(), data.GetProperty("span").GetProperty("start").GetInt32()));
        }

        foreach (var s in sources)
        {
            Assert.Equal(s.Text, replayed[("source", s.Id)].GetProperty("text").GetString());
        }

        foreach (var p in participants)
        {
            Assert.Equal((p.Name, p.Kind), (replayed[("participant", p.Id)].GetProperty("name").GetString(), replayed[("participant", p.Id)].GetProperty("kind").GetString()));
        }
    }
}

public sealed class ConcurrentWriteTests : IAsyncLifetime
{
    private readonly TimelineApiFactory _root = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _app = _root.WithWebHostBuilder(b => b.UseSetting("Limits:WritesPerMinute", "100000"));
        _key = (await _app.Services.GetRequiredService<TimelineApi.Auth.ApiKeyStore>().CreateAsync("load", "write", CancellationToken.None))!;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _root.DisposeAsync();
    }

    [Fact]
    public async Task EightWritersOfTwoHundred_LoseNothing_AndNeverFail()
    {
        const int writers = 8, writes = 200;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            using var client = _app.CreateClient();
            for (var i = 0; i < writes; i++)
            {
                using var response = await client.SendJsonAsync(HttpMethod.Post, "/v1/events",
                    $$"""{"id": "load-{{w}}-{{i}}", "title": "Load {{w}}.{{i}}", "kind": "meeting", "status": "scheduled", "start": "2023-01-{{1 + (i % 28):00}}", "participants": [{"id": "russia", "roles": [{"role": "participant"}]}], "topics": ["load"], "sources": []}""",
                    _key);
                statuses.Add(response.StatusCode);
            }
        })));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        using var client = _app.CreateClient();
        var loaded = await client.GetAllPagesAsync<EventResponse>("/v1/events?topic=load&limit=500");
        Assert.Equal(writers * writes, loaded.Count);
        Assert.Equal(writers * writes, loaded.Select(e => e.Id).Distinct().Count());
        var history = await client.GetAllPagesAsync<TimelineApi.Meetings.MeetingResponse>("/v1/meetings?topic=load&limit=500");
        Assert.All(history, m => Assert.Single(m.History));
    }

    [Fact]
    public async Task ConcurrentPatchesWithTheSameETag_OneWins_TheOthersGet412()
    {
        using var client = _app.CreateClient();
        var url = "/v1/events/2021-12-07-biden-putin-video-call";
        var etag = await client.ETagOfAsync(url);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var c = _app.CreateClient();
            using var response = await c.SendJsonAsync(HttpMethod.Patch, url, $$"""{"summary": "Edit {{i}}"}""", _key, etag);
            return response.StatusCode;
        }));
        Assert.Equal(1, results.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(7, results.Count(s => s == HttpStatusCode.PreconditionFailed));
    }
}
