using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

public sealed class ValidationTests : WriterTestBase
{

    private static readonly string LongTitle = new('x', 301);

    public static TheoryData<string, string, string[]> Unprocessable => new()
    {
        { "/v1/events", """{"title": "t", "kind": "call", "status": "held", "start": "7 Dec 2021"}""", ["start"] },
        { "/v1/events", """{"title": "t", "kind": "call", "status": "held", "start": "2022-01-10", "end": "2022-01-09"}""", ["end"] },
        { "/v1/events", """{"title": "t", "kind": "call", "status": "held", "end": "2022-01-09"}""", ["end"] },
        { "/v1/events", """{"title": "t", "kind": "picnic", "status": "rumoured", "format": "carrier pigeon"}""", ["kind", "status", "format"] },
        { "/v1/events", """{"title": "t", "kind": "call", "status": "held", "participants": [{"id": "nobody", "roles": [{"role": "participant"}]}], "sources": ["no-such-source"]}""", ["participants[0].id", "sources[0]"] },
        { "/v1/events", $$"""{"title": "{{LongTitle}}", "kind": "call", "status": "held"}""", ["title"] },
        { "/v1/events", """{"kind": "call", "status": "held"}""", ["title"] },
        { "/v1/events", """{"title": "t\u0007", "kind": "call", "status": "held", "durationMinutes": 0}""", ["title", "durationMinutes"] },
        { "/v1/events", """{"id": "Not A Slug!", "title": "t", "kind": "call", "status": "held"}""", ["id"] },
        { "/v1/meetings", """{"id": "nlm\n", "title": "t", "kind": "talks", "status": "scheduled"}""", ["id"] }, // .NET's `$` takes a final line break
        { "/v1/participants", """{"id": "vladimir-putin\n", "name": "Look-alike", "kind": "person"}""", ["id"] },
        { "/v1/participants", """{"name": "X", "kind": "robot", "country": "ukraine-2", "aliases": [{"name": "A", "source": "nope"}], "roles": []}""", ["kind", "country", "aliases[0].source"] },
        { "/v1/participants", """{"name": "X", "kind": "person", "country": "joe-biden", "aliases": [], "roles": []}""", ["country"] },
        { "/v1/statements", """{"speaker": "nobody", "text": "lamentable", "source": "2021-12-06-kremlin-ties-lamentable-ahead-of-video-call", "span": {"start": 0, "end": 10}}""", ["speaker", "span"] },
        { "/v1/statements", """{"speaker": "the-kremlin", "text": "not in the source at all", "source": "2021-12-06-kremlin-ties-lamentable-ahead-of-video-call", "span": {"start": 0, "end": 24}}""", ["span"] },
        { "/v1/statements", """{"speaker": "the-kremlin", "text": "lamentable", "source": "no-such-source", "span": {"start": 0, "end": 10}, "event": "no-such-event", "date": "yesterday"}""", ["source", "event", "date"] },
        { "/v1/sources", """{"title": "Empty", "text": ""}""", ["text"] },
    };

    [Theory]
    [MemberData(nameof(Unprocessable))]
    public async Task Create_WithInvalidFields_Answers422NamingEveryOne(string url, string body, string[] fields)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, url, body, Key);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        foreach (var field in fields)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors do not name '{field}': {errors}");
        }
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "{\"title\": ", "body" },
        { "[1, 2]", "body" },
        { "\"just a string\"", "body" },
        { """{"title": "t", "kind": "call", "status": "held", "durationMinutes": "two hours"}""", "durationMinutes" },
        { """{"title": "t", "kind": "call", "status": "held", "participants": "joe-biden"}""", "participants" },
        { """{"title": "t", "kind": "call", "status": "held", "colour": "red"}""", "colour" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_WithABodyThatIsNotTheRecord_Answers400NamingTheMember(string body, string member)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, "/v1/events", body, Key);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out _), problem.ToString());
    }

    [Fact]
    public async Task Create_WithAnExistingId_Answers409()
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, "/v1/participants",
            """{"id": "joe-biden", "name": "Joe Biden", "kind": "person", "aliases": [], "roles": []}""", Key);
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Replace_WithADifferentIdInTheBody_Answers422()
    {
        var url = "/v1/participants/jen-psaki";
        using var response = await Client.SendJsonAsync(HttpMethod.Put, url,
            """{"id": "someone-else", "name": "Jen Psaki", "kind": "person", "aliases": [], "roles": []}""", Key, await Client.ETagOfAsync(url));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task ChangingASourcesText_UnderItsStatements_Answers422NamingThem()
    {
        var url = "/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks";
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, url, """{"text": "Shorter."}""", Key, await Client.ETagOfAsync(url));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("peskov-the-current-tensions", problem.GetProperty("errors").GetProperty("text").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task ChangeWithoutIfMatch_Answers428_AndWithAStaleOne412(string method)
    {
        var url = "/v1/statements/kremlin-binding-guarantees";
        var body = method == "DELETE" ? null : """{"speaker": "the-kremlin", "text": "binding guarantees", "source": "2021-12-08-ushakov-no-breakthroughs-online-summit", "span": {"start": 3548, "end": 3566}}""";
        using var without = await Client.SendJsonAsync(new HttpMethod(method), url, body, Key);
        await without.AssertProblemAsync(HttpStatusCode.PreconditionRequired);

        using var stale = await Client.SendJsonAsync(new HttpMethod(method), url, body, Key, "\"s1-0000000000000000\"");
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Change_ToAnUnknownId_Answers404()
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, "/v1/events/no-such-event", "{}", Key, "*");
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
