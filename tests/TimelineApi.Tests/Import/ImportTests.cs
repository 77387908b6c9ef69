using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Events;
using TimelineApi.Import;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Import;

public sealed class ImportTests() : WriterTestBase("importer")
{

    private static async Task<string> GenerateAsync(int events, int seed = 7)
    {
        using var writer = new StringWriter();
        await SyntheticData.WriteAsync(writer, events, seed, CancellationToken.None);
        return writer.ToString();
    }

    [Fact]
    public async Task Generator_IsDeterministic_AndWritesEventsSourcesAndStatements()
    {
        var first = await GenerateAsync(100);
        Assert.Equal(first, await GenerateAsync(100));
        Assert.NotEqual(first, await GenerateAsync(100, seed: 8));
        var lines = first.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100 + 5 + 20, lines.Length);
        Assert.Contains(lines, l => l.Contains("\"end\":\"", StringComparison.Ordinal)); // multi-day meetings
    }

    [Fact]
    public async Task PostImport_LoadsEverything_InTheShapeTheApiServes()
    {
        var file = await GenerateAsync(1000);
        using var content = new StringContent(file, Encoding.UTF8, "application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import") { Content = content };
        request.Headers.Authorization = new("Bearer", Key);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<ImportSummary>(Api.Json))!;
        Assert.Equal((1000, 50, 200, 0), (summary.Events, summary.Sources, summary.Statements, summary.Errors.Count));

        var imported = await Client.GetAllPagesAsync<EventResponse>("/v1/events?q=synthetic&limit=500");
        Assert.Equal(1000, imported.Count);
        var first = file.Split('\n')[1];
        var served = await Client.GetStringAsync("/v1/events/syn-event-0000000");
        Assert.Equal(System.Text.Json.JsonDocument.Parse(first).RootElement.GetProperty("title").GetString(),
            System.Text.Json.JsonDocument.Parse(served).RootElement.GetProperty("title").GetString());

        // Statements quote their sources at their spans, like the seed's.
        foreach (var statement in await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?q=said&limit=500"))
        {
            var text = await Client.GetStringAsync($"/v1/sources/{statement.Source}/text");
            Assert.Equal(statement.Text, text[statement.Span.Start..statement.Span.End]);
        }

        // Imports are writes like any other: in the change feed, under the key's name.
        Assert.Contains(await Client.GetAllPagesAsync<TimelineApi.Changes.ChangeResponse>("/v1/changes?since=61&limit=500"), c => c.Key == "importer");
    }

    [Fact]
    public async Task BadLines_AreReportedByNumber_AndTheRestOfTheirBatchIsWritten()
    {
        var lines = new[]
        {
            """{"id": "imp-ok-1", "title": "Fine", "kind": "call", "status": "held", "start": "2022-02-01", "participants": [{"id": "joe-biden", "name": "Joe Biden", "kind": "person", "roles": [{"role": "participant"}]}]}""",
            """{"id": "imp-bad-date", "title": "Bad date", "kind": "call", "status": "held", "start": "1 Feb 2022"}""",
            "not json at all",
            """{"id": "imp-bad-source", "title": "Cites nothing real", "kind": "call", "status": "held", "sources": ["no-such-source"]}""",
            """{"id": "imp-bad-span", "speaker": {"id": "joe-biden", "name": "Joe Biden"}, "text": "Not there", "source": "2021-12-12-putin-biden-agreed-to-hold-more-talks", "span": {"start": 0, "end": 9}}""",
            "",
            """{"id": "imp-ok-2", "title": "Fine too", "kind": "meeting", "status": "scheduled", "start": "2022-03-01", "participants": [{"id": "new-person", "name": "A New Person", "kind": "person", "roles": [{"role": "participant"}]}]}""",
        };
        var summary = await App.Services.GetRequiredService<Importer>().ImportAsync(new StringReader(string.Join('\n', lines)), "importer", null, CancellationToken.None);

        Assert.Equal([2, 3, 4, 5], summary.Errors.Select(e => e.Line));
        Assert.Contains("start", summary.Errors[0].Error, StringComparison.Ordinal);
        Assert.Contains("no-such-source", summary.Errors[2].Error, StringComparison.Ordinal);
        Assert.Equal((2, 1), (summary.Events, summary.ParticipantsCreated));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/events/imp-ok-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/v1/participants/new-person")).StatusCode);
        Assert.Equal("scheduled", (await Client.GetAsync<TimelineApi.Meetings.MeetingResponse>("/v1/meetings/imp-ok-2")).History.Single().Status);
    }

    [Fact]
    public async Task LinesI_JsonRefuses_OrOfTheWrongTypes_AreReportedByMember_InTheApisWords()
    {
        var lines = new[]
        {
            """{"id": "imp-twice", "id": "imp-twice-2", "title": "x", "kind": "call", "status": "held", "start": "2022-02-01"}""",
            """{"id": "imp-nul", "title": "a\u0000b", "kind": "call", "status": "held", "start": "2022-02-01"}""",
            """{"id": "imp-big", "title": "x", "kind": "call", "status": "held", "start": "2022-02-01", "durationMinutes": 1e400}""",
            """{"id": "imp-type", "title": 1, "kind": "call", "status": "held", "start": "2022-02-01"}""",
            """{"id": "imp-speaker", "speaker": {"id": 3}, "text": "x"}""",
        };
        var summary = await App.Services.GetRequiredService<Importer>().ImportAsync(new StringReader(string.Join('\n', lines)), "importer", null, CancellationToken.None);

        Assert.Equal([1, 2, 3, 4, 5], summary.Errors.Select(e => e.Line));
        Assert.Equal(["id", "title", "durationMinutes", "title", "speaker.id"], summary.Errors.Select(e => e.Error.Split('\'')[1]));
        Assert.All(summary.Errors, e => Assert.DoesNotContain("TimelineApi.", e.Error, StringComparison.Ordinal));
        Assert.Equal(0, summary.Imported);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyPastMaxImportBytes_Answers413_WithOrWithoutItsLength(bool withLength)
    {
        await using var server = new TimelineApiFactory();
        var origin = server.WithWebHostBuilder(b => b.UseSetting("Limits:MaxImportBytes", "65536")).StartKestrel();
        using var client = new HttpClient { BaseAddress = new Uri(origin) };
        var key = await server.CreateKeyAsync("importer");
        var ndjson = Encoding.UTF8.GetBytes(await GenerateAsync(2000));
        Assert.True(ndjson.Length > 4 * 65536);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/import")
        {
            Content = withLength ? new ByteArrayContent(ndjson) : new StreamContent(new MemoryStream(ndjson)),
        };
        request.Content.Headers.ContentType = new("application/x-ndjson");
        request.Headers.Authorization = new("Bearer", key);
        request.Headers.TransferEncodingChunked = !withLength;
        using var response = await client.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("larger", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NeedsAWriteKey()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/x-ndjson");
        using var response = await Client.PostAsync("/v1/import", content);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

#if !POSTGRES_STORE
    // SQLite's page cache of a pooled connection: a setting of SQLite's.
    [Fact]
    public async Task Import_LeavesPooledConnectionsWithTheUsualPageCache()
    {
        var db = new TimelineApi.Data.SqliteDatabase($"Data Source={App.DatabasePath};Pooling=True", Path.GetTempPath());
        long usual;
        await using (var before = await db.OpenAsync(CancellationToken.None))
        {
            usual = await Dapper.SqlMapper.ExecuteScalarAsync<long>(before, "PRAGMA cache_size;");
        }

        var importer = new Importer(db, TimeProvider.System, App.Services.GetServices<TimelineApi.Data.ReadModel>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Importer>.Instance);
        var summary = await importer.ImportAsync(new StringReader(await GenerateAsync(20)), "importer", null, CancellationToken.None);
        Assert.True(summary.Imported > 0);

        await using var after = await db.OpenAsync(CancellationToken.None);
        Assert.Equal(usual, await Dapper.SqlMapper.ExecuteScalarAsync<long>(after, "PRAGMA cache_size;"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
#endif
}
