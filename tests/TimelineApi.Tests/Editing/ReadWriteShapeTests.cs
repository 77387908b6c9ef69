using System.Net;
using System.Text.Json.Nodes;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>A client sends back what it read: the read shape is a valid write body, and errors speak the API's terms.</summary>
public sealed class ReadWriteShapeTests : WriterTestBase
{
    public static TheoryData<string> Resources => new()
    {
        "/v1/events/2021-12-07-biden-putin-video-call",
        "/v1/meetings/2022-01-09-us-russia-geneva-security-talks",
        "/v1/participants/yuri-ushakov",
        "/v1/statements/peskov-the-current-tensions",
        "/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks",
    };

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task PutOfWhatWasRead_IsAccepted_AndChangesNothing(string url)
    {
        using var read = await Client.GetAsync(url);
        var body = await read.Content.ReadAsStringAsync();
        using var put = await Client.SendJsonAsync(HttpMethod.Put, url, body, Key, read.Headers.ETag!.Tag);
        Assert.True(put.StatusCode == HttpStatusCode.OK, $"PUT {url}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");

        var again = JsonNode.Parse(await Client.GetStringAsync(url))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body), again), $"PUT of the read body changed {url}:\n{body}\n{again}");
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task PatchWithReadOnlyMembers_IsAccepted(string url)
    {
        using var read = await Client.GetAsync(url);
        var body = JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        using var patch = await Client.SendJsonAsync(HttpMethod.Patch, url, body.ToJsonString(), Key, read.Headers.ETag!.Tag, "application/merge-patch+json");
        Assert.True(patch.StatusCode == HttpStatusCode.OK, $"PATCH {url}: {(int)patch.StatusCode} {await patch.Content.ReadAsStringAsync()}");
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "/v1/participants", """{"name": "X", "kind": "person", "aliases": [{"alias": "Y"}]}""", "aliases[0].alias" },
        { "/v1/participants", """{"name": 5, "kind": "person"}""", "name" },
        { "/v1/events", """{"title": "T", "kind": "call", "status": "held", "durationMinutes": "long"}""", "durationMinutes" },
        { "/v1/events", """{"title": "T", "kind": "call", "status": "held", "participants": [{"id": "russia", "role": "host"}]}""", "participants[0].role" },
        { "/v1/events", """{"title": "T", "kind": "call", "status": "held", "participants": {"id": "russia"}}""", "participants" },
        { "/v1/events", """{"title": "T", "kind": "call", "status": "held", "dateInferred": "yes"}""", "dateInferred" },
        { "/v1/statements", """{"speaker": "vladimir-putin", "text": "x", "source": "s", "span": [1, 2]}""", "span" },
        { "/v1/sources", """{"text": "x", "colour": "red"}""", "colour" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABodyThatIsNotTheRecord_NamesTheMember_WithoutImplementationTypes(string url, string json, string member)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, url, json, Key);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var text = problem.ToString();
        Assert.True(problem.GetProperty("errors").TryGetProperty(member, out var messages), $"{url} {json}: errors do not name '{member}': {text}");
        foreach (var word in new[] { "System.", "TimelineApi.", ".NET", "Record", "Int32", "JsonElement" })
        {
            Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }
}
