using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Seed;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Events;

/// <summary>
/// The stored document of every event (the read model a list page is copied from) is, byte for byte, what the API
/// builds from the rows (<c>GET /v1/events/{id}</c>), after every kind of write: the seed, creates, replaces, merge
/// patches, meeting status changes, deletions, a participant's rename, an import and the seed applied again; and each
/// participant's events in start order (<c>participant_events</c>) are what the events' participants make them; and
/// the meetings written from the stored documents, now and as known on past days, are the meetings built from the rows.
/// </summary>
public sealed class EventDocumentTests() : WriterTestBase("documents")
{
    [Fact]
    public async Task EveryStoredDocument_IsWhatTheApiBuildsFromTheRows_AfterEveryKindOfWrite()
    {
        await AssertDocumentsMatchAsync("the seed");

        await SendAsync(HttpMethod.Post, "/v1/events", """
            {"id": "doc-talks", "title": "Talks for the documents", "kind": "talks", "status": "scheduled", "start": "2022-02-01",
             "participants": [{"id": "vladimir-putin", "roles": [{"role": "participant", "source": null}]}], "topics": ["arms-control"]}
            """);
        await SendAsync(HttpMethod.Put, "/v1/events/doc-talks", """
            {"title": "Talks, replaced", "kind": "talks", "status": "held", "start": "2022-02-02", "format": "video",
             "participants": [{"id": "joe-biden", "roles": [{"role": "host", "source": null}]}], "sources": ["2021-12-30-biden-putin-50-minute-phone-call"]}
            """, ifMatch: "*");
        await SendAsync(HttpMethod.Patch, "/v1/meetings/2022-01-12-nato-russia-session", """{"status": "held", "report": {"note": "Held."}}""", ifMatch: "*");

        // A report dated in the past changes a meeting's duration from its day on; as known before that day, it has none.
        await SendAsync(HttpMethod.Patch, "/v1/meetings/2022-01-12-nato-russia-session", """{"durationMinutes": 240, "report": {"reportedOn": "2022-01-13", "note": "Four hours."}}""", ifMatch: "*");
        Assert.Contains("\"durationMinutes\":240", await Client.GetStringAsync("/v1/meetings?from=2022-01-12&to=2022-01-12&asOf=2022-01-14"), StringComparison.Ordinal);
        Assert.DoesNotContain("\"durationMinutes\":240", await Client.GetStringAsync("/v1/meetings?from=2022-01-12&to=2022-01-12&asOf=2022-01-12"), StringComparison.Ordinal);
        await SendAsync(HttpMethod.Patch, "/v1/events/2021-12-07-biden-putin-video-call", """{"summary": null, "topics": ["ukraine"]}""", ifMatch: "*");
        await SendAsync(HttpMethod.Delete, "/v1/events/2021-12-07-white-house-statement-on-video-call", null, ifMatch: "*");
        await AssertDocumentsMatchAsync("event writes");

        // A participant's name and kind show in the documents of its events and in the timeline items of its statements.
        await SendAsync(HttpMethod.Patch, "/v1/participants/vladimir-putin", """{"name": "Vladimir V. Putin"}""", ifMatch: "*");
        await SendAsync(HttpMethod.Patch, "/v1/participants/dmitry-peskov", """{"name": "Dmitry S. Peskov"}""", ifMatch: "*");
        await AssertDocumentsMatchAsync("a participant's rename");
        Assert.Contains("Dmitry S. Peskov", await Client.GetStringAsync("/v1/timeline?type=statement&participant=dmitry-peskov&limit=1"), StringComparison.Ordinal);

        var text = await Client.GetStringAsync("/v1/sources/2021-12-06-kremlin-ties-lamentable-ahead-of-video-call/text");
        var start = text.IndexOf("lamentable", StringComparison.Ordinal);
        await SendAsync(HttpMethod.Post, "/v1/statements", System.Text.Json.JsonSerializer.Serialize(new
        {
            id = "doc-quote",
            speaker = "dmitry-peskov",
            text = "lamentable",
            date = "2021-12-06",
            source = "2021-12-06-kremlin-ties-lamentable-ahead-of-video-call",
            span = new { start, end = start + 10 },
        }));
        await SendAsync(HttpMethod.Patch, "/v1/statements/doc-quote", """{"date": "2021-12-05"}""", ifMatch: "*");
        await AssertDocumentsMatchAsync("statement writes");
        Assert.Contains("Vladimir V. Putin", await Client.GetStringAsync("/v1/events?participant=vladimir-putin&limit=1"), StringComparison.Ordinal);

        await SendAsync(HttpMethod.Post, "/v1/import", """
            {"id": "doc-imported", "title": "Imported", "kind": "meeting", "status": "held", "start": "2022-03-01", "participants": [{"id": "joe-biden", "roles": [{"role": "participant", "source": null}]}]}
            """, contentType: "application/x-ndjson");
        await AssertDocumentsMatchAsync("an import");

        await App.Services.GetRequiredService<Seeder>().ApplyAsync(
            SeedSet.LoadEmbedded() is var seed ? new SeedSet { Sources = seed.Sources, Participants = seed.Participants, Events = seed.Events, Statements = seed.Statements, ContentHash = "changed" } : null!,
            CancellationToken.None);
        await AssertDocumentsMatchAsync("the seed applied again");
    }

    private async Task SendAsync(HttpMethod method, string url, string? json, string? ifMatch = null, string contentType = "application/json")
    {
        using var response = await Client.SendJsonAsync(method, url, json, Key, ifMatch, contentType);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task AssertDocumentsMatchAsync(string after)
    {
        await using var connection = await App.OpenDatabaseAsync();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, document FROM events ORDER BY id;";
        var stored = new List<(string Id, string? Document)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        var count = 0;
        foreach (var (id, document) in stored)
        {
            Assert.False(document is null, $"After {after}: event '{id}' has no stored document.");
            using var built = await Client.GetAsync($"/v1/events/{id}");
            Assert.Equal(HttpStatusCode.OK, built.StatusCode);
            var expected = await built.Content.ReadAsStringAsync();
            Assert.True(expected == document, $"After {after}: the stored document of '{id}' is not what the API builds:\n{document}\n{expected}");
            count++;
        }

        Assert.True(count > 10, $"After {after}: only {count} events.");

        // Each participant's events in start order (what a participant's list walks) are the events' participants, sort keys, kinds and statuses.
        using var index = connection.CreateCommand();
        index.CommandText = """
            WITH expected AS (SELECT DISTINCT ep.participant_id, e.sort_key, ep.event_id, e.kind, e.status FROM event_participants ep JOIN events e ON e.id = ep.event_id),
                 stored AS (SELECT participant_id, sort_key, event_id, kind, status FROM participant_events)
            SELECT (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM expected) AS extra)
                 + (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM stored) AS missing),
                   (SELECT count(*) FROM participant_events);
            """;
        await using var differences = await index.ExecuteReaderAsync();
        Assert.True(await differences.ReadAsync());
        Assert.True(differences.GetInt64(0) == 0 && differences.GetInt64(1) > 10,
            $"After {after}: participant_events has {differences.GetInt64(0)} rows not as the events' participants make them (of {differences.GetInt64(1)}).");

        // The timeline's JSON page (stored items) is, item for item, what its NDJSON export builds from the rows.
        var page = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync("/v1/timeline?limit=500")).RootElement.GetProperty("items")
            .EnumerateArray().Select(i => i.GetRawText()).ToList();
        var fromRows = (await Client.GetStringAsync("/v1/timeline?format=ndjson")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var differ = fromRows.Zip(page).FirstOrDefault(p => p.First != p.Second);
        Assert.True(differ == default && fromRows.Length == page.Count, $"After {after}: the timeline's stored item differs from the one built from rows:\n{differ.Second}\n{differ.First}");

        // The meetings' JSON page (written from the events' stored documents) is, item for item, what the NDJSON export
        // builds from the rows: as they are now and as known on every third day around the seed's talks.
        var days = Enumerable.Range(0, 30).Select(i => new DateOnly(2021, 11, 20).AddDays(3 * i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var asOf in days.Prepend(null))
        {
            var query = asOf is null ? string.Empty : $"&asOf={asOf}";
            var meetings = System.Text.Json.JsonDocument.Parse(await Client.GetStringAsync($"/v1/meetings?limit=500{query}")).RootElement.GetProperty("items")
                .EnumerateArray().Select(i => i.GetRawText()).ToList();
            var built = (await Client.GetStringAsync($"/v1/meetings?format=ndjson{query}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var first = built.Zip(meetings).FirstOrDefault(p => p.First != p.Second);
            Assert.True(first == default && built.Length == meetings.Count,
                $"After {after}, as of {asOf ?? "now"}: a meeting of the JSON page differs from the one built from rows:\n{first.Second}\n{first.First}");
        }
    }
}
