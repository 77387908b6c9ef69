using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Changes;

/// <summary>
/// <c>GET /v1/changes/stream</c> over a real server, read as an <c>EventSource</c> reads it: the same records as
/// <c>/v1/changes</c>, each with its sequence number as id; a reconnection with <c>Last-Event-ID</c> resumes right
/// after it with nothing lost or repeated; a write shows within a second; heartbeats keep a quiet stream open.
/// </summary>
public sealed class ChangeStreamTests : IAsyncLifetime
{
    private readonly StreamingServer _running = new(("Http:StreamHeartbeatSeconds", "0.5"));
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _server = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        (_server, _client) = (_running.Server, _running.Client);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _running.DisposeAsync();

    [Fact]
    public async Task FromTheStart_StreamsTheRecordsOfTheFeed_WithTheirSequenceNumbersAsIds()
    {
        var feed = JsonDocument.Parse(await _client.GetStringAsync("/v1/changes?limit=20")).RootElement.GetProperty("items").EnumerateArray().ToList();
        await using var stream = await OpenAsync("/v1/changes/stream?since=0");
        Assert.Equal("text/event-stream", stream.ContentType);
        var events = await stream.ReadEventsAsync(feed.Count);
        Assert.Equal(feed.Select(c => c.GetProperty("seq").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)), events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal("change", e.Name));
        Assert.Equal(feed.Select(c => c.GetRawText()), events.Select(e => e.Data));
    }

    [Fact]
    public async Task AReconnectionWithLastEventId_ResumesRightAfterIt()
    {
        List<ServerSentEvent> first;
        await using (var stream = await OpenAsync("/v1/changes/stream?since=0"))
        {
            first = await stream.ReadEventsAsync(10);
        }

        await using var resumed = await OpenAsync("/v1/changes/stream", lastEventId: first[^1].Id);
        var next = await resumed.ReadEventsAsync(5);
        Assert.Equal(long.Parse(first[^1].Id!, System.Globalization.CultureInfo.InvariantCulture) + 1, long.Parse(next[0].Id!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(next.Select(e => e.Id).Distinct().Count(), next.Count);
    }

    [Fact]
    public async Task AWrite_IsStreamedWithinASecond_AndAQuietStreamSendsHeartbeats()
    {
        await using var stream = await OpenAsync("/v1/changes/stream");
        var key = await _server.CreateKeyAsync("streamer");
        var heartbeat = await stream.ReadUntilAsync(line => line.StartsWith(": heartbeat", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.NotNull(heartbeat);

        var written = DateTime.UtcNow;
        using (var patched = await _client.SendJsonAsync(HttpMethod.Patch, "/v1/events/2022-01-12-nato-russia-session", """{"title": "Streamed title"}""", key, "*", "application/merge-patch+json"))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        var change = Assert.Single(await stream.ReadEventsAsync(1));
        Assert.True(DateTime.UtcNow - written < TimeSpan.FromSeconds(1.5), $"The change came after {(DateTime.UtcNow - written).TotalMilliseconds:F0} ms.");
        var data = JsonDocument.Parse(change.Data!).RootElement;
        Assert.Equal(("event", "2022-01-12-nato-russia-session", "updated", "streamer"),
            (data.GetProperty("resource").GetString(), data.GetProperty("id").GetString(), data.GetProperty("kind").GetString(), data.GetProperty("key").GetString()));
        Assert.Equal("Streamed title", data.GetProperty("data").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/v1/changes/stream?since=-1", null, "since")]
    [InlineData("/v1/changes/stream", "seven", "Last-Event-ID")]
    [InlineData("/v1/changes/stream?resource=meeting", null, "resource")]
    public async Task BadPositions_Answer400NamingThem(string url, string? lastEventId, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await _client.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.GetRawText());
    }

    [Fact]
    public async Task ARequestThatDoesNotAcceptAStream_Gets406_NotAnEndlessAnswer()
    {
        using var response = await _client.GetAsync("/v1/changes/stream?since=0");
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotAcceptable);
        Assert.Contains("text/event-stream", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<EventStreamReader> OpenAsync(string url, string? lastEventId = null)
    {
        var response = await StartAsync(_client, url, lastEventId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new EventStreamReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Starts a stream as EventSource does, with the key of a client when given, answering at its headers.</summary>
    internal static Task<HttpResponseMessage> StartAsync(HttpClient client, string url, string? lastEventId = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}

/// <summary>Change streams are counted per client and in all, and a replay from far back is refused as an export too large is.</summary>
public sealed class ChangeStreamLimitsTests : IAsyncLifetime
{
    private readonly StreamingServer _running = new(("Limits:StreamsPerClient", "2"), ("Limits:MaxStreams", "3"), ("Limits:MaxExportItems", "5"));
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _server = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        (_server, _client) = (_running.Server, _running.Client);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _running.DisposeAsync();

    [Fact]
    public async Task AClientsStreams_AndAllStreams_AreCounted_AndAClosedOneFreesItsPlace()
    {
        var (a, b, c) = (await _server.CreateKeyAsync("a", "read"), await _server.CreateKeyAsync("b", "read"), await _server.CreateKeyAsync("c", "read"));
        var open = new List<HttpResponseMessage>();
        try
        {
            open.Add(await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", key: a));
            open.Add(await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", key: a));
            Assert.All(open, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            using (var third = await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", key: a))
            {
                await third.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.NotNull(third.Headers.RetryAfter);
            }

            open.Add(await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", key: b));
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
            using (var beyond = await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", key: c))
            {
                await beyond.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.NotNull(beyond.Headers.RetryAfter);
            }

            open[0].Dispose(); // a's first stream closes: its place is free again, for anyone
            for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(100))
            {
                var again = await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", key: c);
                open.Add(again);
                if (again.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline)
                {
                    Assert.Equal(HttpStatusCode.OK, again.StatusCode);
                    break;
                }
            }
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task AReplayFromFarBack_IsRefusedAsAnExportTooLargeIs_AndARecentOneStreams()
    {
        using var far = await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream?since=0");
        var problem = await far.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("/v1/changes?since=0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var changes = await _client.GetAllPagesAsync<JsonElement>("/v1/changes?limit=500");
        var recent = changes[^3].GetProperty("seq").GetInt64();
        using var near = await ChangeStreamTests.StartAsync(_client, $"/v1/changes/stream?since={recent}");
        Assert.Equal(HttpStatusCode.OK, near.StatusCode);
        using var resumed = await ChangeStreamTests.StartAsync(_client, "/v1/changes/stream", lastEventId: "0");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, resumed.StatusCode);
    }
}

/// <summary>An app with the settings given, served by a real Kestrel server (streams need one), and a client of it.</summary>
internal sealed class StreamingServer : IAsyncDisposable
{
    private readonly TimelineApiFactory _app = new();

    public StreamingServer(params (string Key, string Value)[] settings)
    {
        Server = _app.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
        Client = new HttpClient { BaseAddress = new Uri(Server.StartKestrel()), Timeout = TimeSpan.FromSeconds(30) };
    }

    public Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Server { get; }

    public HttpClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ServerSentEvent(string? Id, string? Name, string? Data);

/// <summary>Reads a <c>text/event-stream</c> as the HTML standard says an EventSource does (fields, comments, blank line ends an event).</summary>
internal sealed class EventStreamReader(HttpResponseMessage response, Stream body) : IAsyncDisposable
{
    private readonly StreamReader _reader = new(body, Encoding.UTF8);

    public string? ContentType => response.Content.Headers.ContentType?.MediaType;

    public async Task<List<ServerSentEvent>> ReadEventsAsync(int count, int timeoutSeconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var events = new List<ServerSentEvent>();
        string? id = null, name = null;
        var data = new List<string>();
        while (events.Count < count)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    events.Add(new ServerSentEvent(id, name, string.Join('\n', data)));
                }

                name = null;
                data.Clear();
                continue;
            }

            var (field, value) = line.IndexOf(':') is var colon and >= 0 ? (line[..colon], line[(colon + 1)..].TrimStart(' ')) : (line, "");
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }

        return events;
    }

    public async Task<string?> ReadUntilAsync(Func<string, bool> match, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (match(line))
            {
                return line;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await body.DisposeAsync();
        response.Dispose();
    }
}
