using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TimelineApi.Events;
using TimelineApi.Meetings;
using TimelineApi.Participants;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

public sealed class WriteApiTests : WriterTestBase
{

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json, string? ifMatch = null, string contentType = "application/json")
        => Client.SendJsonAsync(method, url, json, Key, ifMatch, contentType);

    private const string NewSource = """
        {"id": "2022-01-10-geneva-talks-report", "title": "Geneva talks end", "publisher": "Example Wire", "author": null,
         "publishedAt": "2022-01-10T18:00:00+01:00", "publishedAtInferred": false,
         "text": "The talks ended on Monday. \"We had a difficult conversation,\" Deputy Foreign Minister Sergei Ryabkov said."}
        """;

    [Fact]
    public async Task CreateSource_ThenStatementQuotingIt_AreServedAsWritten()
    {
        using var created = await SendAsync(HttpMethod.Post, "/v1/sources", NewSource);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/sources/2022-01-10-geneva-talks-report", created.Headers.Location!.OriginalString);
        var source = (await created.Content.ReadFromJsonAsync<SourceResponse>(Api.Json))!;
        Assert.Equal(("Geneva talks end", "2022-01-10-geneva-talks-report.txt"), (source.Title, source.FileName));
        Assert.Equal(created.Headers.ETag!.Tag, await Client.ETagOfAsync("/v1/sources/2022-01-10-geneva-talks-report"));

        using var person = await SendAsync(HttpMethod.Post, "/v1/participants",
            """{"name": "Sergei Ryabkov", "kind": "person", "country": "russia", "aliases": [], "roles": [{"title": "Deputy Foreign Minister", "source": "2022-01-10-geneva-talks-report"}]}""");
        Assert.Equal(HttpStatusCode.Created, person.StatusCode);
        Assert.Equal("sergei-ryabkov", (await person.Content.ReadFromJsonAsync<ParticipantResponse>(Api.Json))!.Id);

        var text = "We had a difficult conversation,";
        var start = source.Text.IndexOf(text, StringComparison.Ordinal);
        using var statement = await SendAsync(HttpMethod.Post, "/v1/statements", JsonSerializer.Serialize(new
        {
            speaker = "sergei-ryabkov",
            text,
            date = "2022-01-10",
            source = source.Id,
            span = new { start, end = start + text.Length },
            attribution = "Deputy Foreign Minister Sergei Ryabkov said",
        }));
        Assert.Equal(HttpStatusCode.Created, statement.StatusCode);
        var quote = (await statement.Content.ReadFromJsonAsync<StatementResponse>(Api.Json))!;
        Assert.Equal(("sergei-ryabkov-we-had-a-difficult-conversation", "Sergei Ryabkov"), (quote.Id, quote.Speaker.Name));
        Assert.Contains(await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?participant=Sergei%20Ryabkov"), s => s.Id == quote.Id);
    }

    [Fact]
    public async Task ReplaceEvent_WithItsETag_ChangesItAndItsETag()
    {
        var url = "/v1/events/2021-12-12-peskov-remarks-on-state-tv";
        var etag = await Client.ETagOfAsync(url);
        var current = await Client.GetAsync<EventResponse>(url);
        var body = JsonSerializer.Serialize(new
        {
            title = "Peskov on the video call, on Rossiya 1",
            current.Kind,
            current.Format,
            current.Status,
            current.Start,
            current.End,
            current.DateInferred,
            current.DateNote,
            current.DurationMinutes,
            current.Location,
            current.Summary,
            participants = current.Participants.Select(p => new { p.Id, p.Roles }),
            current.Topics,
            current.Sources,
        }, Api.Json);

        using var replaced = await SendAsync(HttpMethod.Put, url, body, etag);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.NotEqual(etag, replaced.Headers.ETag!.Tag);
        Assert.Equal("Peskov on the video call, on Rossiya 1", (await Client.GetAsync<EventResponse>(url)).Title);

        using var stale = await SendAsync(HttpMethod.Put, url, body, etag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task PatchEvent_ChangesOnlyTheGivenMembers_AndNullRemovesOne()
    {
        var url = "/v1/events/2021-06-16-biden-putin-geneva-summit";
        var before = await Client.GetAsync<EventResponse>(url);
        using var patched = await SendAsync(HttpMethod.Patch, url, """{"location": null, "durationMinutes": 240}""", await Client.ETagOfAsync(url), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await Client.GetAsync<EventResponse>(url);
        Assert.Equal((null, 240), (after.Location, after.DurationMinutes));
        Assert.Equal(before with { Location = null, DurationMinutes = 240 }, after with { Participants = before.Participants, Topics = before.Topics, Sources = before.Sources, UpdatedAt = before.UpdatedAt });
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(before.Participants), System.Text.Json.JsonSerializer.Serialize(after.Participants));
    }

    [Fact]
    public async Task Delete_RemovesTheRecord_OrAnswers409WhileOthersReferToIt()
    {
        var url = "/v1/statements/russia-red-lines";
        using var deleted = await SendAsync(HttpMethod.Delete, url, null, await Client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Client.GetAsync(url);
        await gone.AssertProblemAsync(HttpStatusCode.NotFound);

        var putin = "/v1/participants/vladimir-putin";
        using var inUse = await SendAsync(HttpMethod.Delete, putin, null, await Client.ETagOfAsync(putin));
        var problem = await inUse.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("vladimir-putin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAnEvent_LeavesItsStatements_WithNoEvent_AndNewETags()
    {
        const string Event = "/v1/events/2021-12-07-ushakov-briefing-after-video-call";
        var quote = (await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?event=2021-12-07-ushakov-briefing-after-video-call&limit=500"))[0];
        var url = $"/v1/statements/{quote.Id}";
        var before = await Client.ETagOfAsync(url);

        using var deleted = await SendAsync(HttpMethod.Delete, Event, null, await Client.ETagOfAsync(Event));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var after = await Client.GetAsync(url);
        Assert.NotEqual(before, after.Headers.ETag!.Tag);
        Assert.Null((await after.Content.ReadFromJsonAsync<StatementResponse>(Api.Json))!.Event);
    }

    [Fact]
    public async Task MeetingStatusChange_UpdatesTheMeeting_AndAppendsOneHistoryEntry()
    {
        var url = "/v1/meetings/2022-01-12-nato-russia-session";
        var before = await Client.GetAsync<MeetingResponse>(url);
        using var held = await SendAsync(HttpMethod.Patch, url,
            """{"status": "held", "report": {"source": "2021-12-30-biden-putin-50-minute-phone-call", "note": "Held as planned"}}""",
            await Client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var after = (await held.Content.ReadFromJsonAsync<MeetingResponse>(Api.Json))!;
        Assert.Equal("held", after.Status);
        Assert.Equal(before.History.Count + 1, after.History.Count);
        Assert.Equal(("held", "2021-12-30-biden-putin-50-minute-phone-call", "2021-12-30", "editor", "Held as planned"),
            (after.History[^1].Status, after.History[^1].Source, after.History[^1].ReportedOn, after.History[^1].RecordedBy, after.History[^1].Note));

        // A write that leaves status, dates, format and place alone adds no history entry.
        using var retitled = await SendAsync(HttpMethod.Patch, url, """{"title": "NATO–Russia Council"}""", held.Headers.ETag!.Tag);
        Assert.Equal(after.History.Count, (await retitled.Content.ReadFromJsonAsync<MeetingResponse>(Api.Json))!.History.Count);

        // A new date is a change too.
        using var moved = await SendAsync(HttpMethod.Patch, url, """{"status": "postponed", "start": "2022-01-19"}""", retitled.Headers.ETag!.Tag);
        var postponed = (await moved.Content.ReadFromJsonAsync<MeetingResponse>(Api.Json))!;
        Assert.Equal(("postponed", "2022-01-19"), (postponed.History[^1].Status, postponed.History[^1].Start));
        Assert.Equal(after.History.Count + 1, postponed.History.Count);
    }

    [Fact]
    public async Task MeetingRoutes_OnlyTakeMeetings()
    {
        using var notAMeeting = await SendAsync(HttpMethod.Post, "/v1/meetings", """{"title": "A statement", "kind": "statement", "status": "held"}""");
        var problem = await notAMeeting.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));

        // A statement is no meeting: DELETE under /v1/meetings does not find it (and leaves it be), even with its ETag.
        var statement = "/v1/events/2021-12-07-white-house-statement-on-video-call";
        using var deleted = await SendAsync(HttpMethod.Delete, "/v1/meetings/2021-12-07-white-house-statement-on-video-call", null, await Client.ETagOfAsync(statement));
        await deleted.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(statement)).StatusCode);
    }

    [Fact]
    public async Task SingleResource_AnswersItsETag_And304()
    {
        var url = "/v1/participants/jen-psaki";
        var etag = await Client.ETagOfAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Writes_ChangeListETags_AndShowInUpdatedSince()
    {
        var before = DateTime.UtcNow.AddMilliseconds(-5).ToString("O");
        var listTag = await Client.ETagOfAsync("/v1/statements");
        Assert.Empty(await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?updatedSince=" + Uri.EscapeDataString(before)));

        var url = "/v1/statements/russia-alarmist";
        using var patched = await SendAsync(HttpMethod.Patch, url, """{"date": "2021-12-07", "dateInferred": true}""", await Client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        Assert.NotEqual(listTag, await Client.ETagOfAsync("/v1/statements"));
        var changed = await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?updatedSince=" + Uri.EscapeDataString(before));
        Assert.Equal("russia-alarmist", Assert.Single(changed).Id);
    }

    [Fact]
    public async Task RenamingAParticipant_ChangesTheETagOfEventsThatShowItsName()
    {
        var eventUrl = "/v1/events/2021-12-06-putin-modi-meeting";
        var eventTag = await Client.ETagOfAsync(eventUrl);
        var url = "/v1/participants/narendra-modi";
        using var renamed = await SendAsync(HttpMethod.Patch, url, """{"name": "Narendra Damodardas Modi"}""", await Client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.NotEqual(eventTag, await Client.ETagOfAsync(eventUrl));
        Assert.Contains((await Client.GetAsync<EventResponse>(eventUrl)).Participants, p => p.Name == "Narendra Damodardas Modi");
    }

    [Fact]
    public async Task ALongEvent_IsFoundByARangeNearItsEnd()
    {
        using var created = await SendAsync(HttpMethod.Post, "/v1/events",
            """{"id": "year-long-talks", "title": "Year-long talks", "kind": "talks", "status": "held", "start": "2019-01-01", "end": "2019-12-31"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        Assert.Contains(await Client.GetAllPagesAsync<EventResponse>("/v1/events?from=2019-12-15&to=2019-12-20"), e => e.Id == "year-long-talks");
        Assert.Contains(await Client.GetAllPagesAsync<TimelineApi.Timeline.TimelineItem>("/v1/timeline?from=2019-12-15&to=2019-12-20"), i => i.Id == "year-long-talks");
        Assert.Contains(await Client.GetAllPagesAsync<MeetingResponse>("/v1/meetings?from=2019-12-15&asOf=2099-01-01"), m => m.Id == "year-long-talks");
    }
}
