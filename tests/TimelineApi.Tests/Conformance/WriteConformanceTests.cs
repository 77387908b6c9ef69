using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Xunit.Abstractions;

namespace TimelineApi.Tests.Conformance;

/// <summary>
/// The write routes against the contract: generated participants go through a whole life (create, read,
/// PUT of what was read, PATCH with the ETag, a stale ETag, delete, gone), every answer judged by the
/// document; and every write route gets bodies a lenient parser would let through, as bytes.
/// </summary>
public sealed class WriteConformanceTests(ConformanceFixture fixture, ITestOutputHelper output) : IClassFixture<ConformanceFixture>
{
    private const int Lives = 120;

    private static readonly Gen<string> s_names = Gen.OneOf(
        Gen.Char["abcdefghijklmnopqrstuvwxyz ABCÉÖ–'-"].Array[1, 30].Select(c => new string(c)),
        Gen.OneOf("Сергей Рябков", "王毅", "محمد", "\u202Eevil\u202C", "=HYPERLINK(\"x\")", "Zoë \uD83D\uDE00", "a\u0000b", "  padded  "));

    [Fact]
    public async Task AGeneratedParticipant_LivesAndDies_AsTheContractSays()
    {
        var sent = 0;
        var gen = Gen.Select(s_names, Gen.OneOf("person", "organization", "country", "group"), s_names.Array[0, 3], (name, kind, aliases) => (name, kind, aliases));
        await gen.SampleAsync(
            async life =>
            {
                sent += await LiveAsync(life.name, life.kind, life.aliases);
            },
            writeLine: output.WriteLine,
            seed: Environment.GetEnvironmentVariable("CONFORMANCE_SEED"),
            iter: Lives,
            threads: 1,
            print: life => JsonSerializer.Serialize(new { life.name, life.kind, life.aliases }));
        output.WriteLine($"{sent} requests sent.");
        Assert.True(sent >= Lives * 5);
    }

    private int _lives;

    private async Task<int> LiveAsync(string name, string kind, string[] aliases)
    {
        var body = new JsonObject
        {
            ["id"] = $"life-{Interlocked.Increment(ref _lives)}", // unique, whatever a shrink left behind
            ["name"] = name,
            ["kind"] = kind,
            ["aliases"] = new JsonArray([.. aliases.Distinct().Select(a => (JsonNode)new JsonObject { ["name"] = a, ["source"] = null })]),
        };
        var (created, createdBody) = await SendAsync("POST", "/v1/participants", body.ToJsonString());
        if (created.StatusCode == HttpStatusCode.UnprocessableEntity)
        {
            return 1; // a name the rules refuse (blank, control characters): refused as the contract says
        }

        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST {body.ToJsonString()}: {(int)created.StatusCode} {createdBody}");
        var url = created.Headers.Location!.OriginalString;
        var item = url[(url.LastIndexOf('/') + 1)..];
        var at = "/v1/participants/" + item;

        var (read, readBody) = await SendAsync("GET", at);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!.Tag;

        var (put, _) = await SendAsync("PUT", at, readBody, etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(etag, put.Headers.ETag!.Tag); // nothing changed, nothing written

        var (patched, _) = await SendAsync("PATCH", at, """{"name": "Renamed participant"}""", etag, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var (stale, _) = await SendAsync("PATCH", at, """{"name": "Stale"}""", etag, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (deleted, _) = await SendAsync("DELETE", at, null, patched.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (gone, _) = await SendAsync("GET", at);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        return 7;
    }

    public static TheoryData<string, string> WriteRoutes => new()
    {
        { "POST", "/v1/events" }, { "POST", "/v1/meetings" }, { "POST", "/v1/participants" }, { "POST", "/v1/statements" }, { "POST", "/v1/sources" },
        { "PUT", "/v1/events/{id}" }, { "PUT", "/v1/meetings/{id}" }, { "PUT", "/v1/participants/{id}" }, { "PUT", "/v1/statements/{id}" }, { "PUT", "/v1/sources/{id}" },
        { "PATCH", "/v1/events/{id}" }, { "PATCH", "/v1/meetings/{id}" }, { "PATCH", "/v1/participants/{id}" }, { "PATCH", "/v1/statements/{id}" }, { "PATCH", "/v1/sources/{id}" },
        { "POST", "/v1/suggestions/{id}/accept" },
    };

    /// <summary>Bodies that are not a JSON object of the record, as bytes: each must get a documented 4xx problem.</summary>
    private static readonly (string Label, byte[] Bytes, string ContentType)[] s_badBodies =
    [
        ("invalid UTF-8", [0x7B, 0x22, 0x6E, 0x61, 0x6D, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D], "application/json"),
        ("overlong UTF-8", [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D], "application/json"),
        ("truncated", Encoding.UTF8.GetBytes("""{"name": "x" """), "application/json"),
        ("trailing comma", Encoding.UTF8.GetBytes("""{"name": "x",}"""), "application/json"),
        ("comment", Encoding.UTF8.GetBytes("""{"name": "x" /* hi */}"""), "application/json"),
        ("single quotes", Encoding.UTF8.GetBytes("{'name': 'x'}"), "application/json"),
        ("unquoted key", Encoding.UTF8.GetBytes("{name: \"x\"}"), "application/json"),
        ("NaN", Encoding.UTF8.GetBytes("""{"durationMinutes": NaN}"""), "application/json"),
        ("lone surrogate escape", Encoding.UTF8.GetBytes("""{"name": "\ud800", "title": "\ud800", "text": "\ud800"}"""), "application/json"),
        ("too deep", Encoding.UTF8.GetBytes(new string('[', 17) + new string(']', 17)), "application/json"),
        ("nested past the limit", Encoding.UTF8.GetBytes("{\"name\":" + string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 21)), "application/json"),
        ("an array", Encoding.UTF8.GetBytes("[]"), "application/json"),
        ("null", Encoding.UTF8.GetBytes("null"), "application/json"),
        ("a string", Encoding.UTF8.GetBytes("\"x\""), "application/json"),
        ("empty", [], "application/json"),
        ("two objects", Encoding.UTF8.GetBytes("{}{}"), "application/json"),
        ("XML", Encoding.UTF8.GetBytes("<participant/>"), "application/xml"),
        ("form", Encoding.UTF8.GetBytes("name=x"), "application/x-www-form-urlencoded"),
        ("wrong member types", Encoding.UTF8.GetBytes("""{"name": 1, "title": [], "kind": {}, "text": false, "speaker": 2, "participants": "x", "span": "x"}"""), "application/json"),
    ];

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task BodiesALenientParserLetsThrough_GetADocumented4xxProblem(string method, string path)
    {
        var operation = fixture.Contract.Operation(method, path);
        var url = path.Contains("{id}", StringComparison.Ordinal) ? path.Replace("{id}", await ExistingIdAsync(path), StringComparison.Ordinal) : path;
        // An empty body is bad only where the contract requires one (accepting a suggestion takes an optional body).
        foreach (var (label, bytes, contentType) in s_badBodies.Where(b => b.Bytes.Length > 0 || operation.BodyRequired))
        {
            var etag = method is "PUT" or "PATCH" ? await EtagAsync(url) : null;
            var (response, body) = await SendAsync(method, url, bytes, etag, contentType);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {url} with {label}: {status} {body}");
            fixture.Contract.AssertDocumented(operation, $"{method} {url} with {label}", response, body);
        }
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task ABodyWithAByteOrderMark_IsReadAsTheJsonAfterIt(string method, string path)
    {
        var operation = fixture.Contract.Operation(method, path);
        var url = path.Contains("{id}", StringComparison.Ordinal) ? path.Replace("{id}", await ExistingIdAsync(path), StringComparison.Ordinal) : path;
        var etag = method is "PUT" or "PATCH" ? await EtagAsync(url) : null;
        var (response, body) = await SendAsync(method, url, [.. Encoding.UTF8.Preamble, .. "{}"u8.ToArray()], etag, "application/json");
        Assert.True((int)response.StatusCode is >= 200 and < 500, $"{method} {url}: {(int)response.StatusCode} {body}");
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode); // `{}` after a BOM is a JSON object: any refusal is about the record (422)
        fixture.Contract.AssertDocumented(operation, $"{method} {url} with a BOM", response, body);
    }

    private async Task<string> ExistingIdAsync(string path)
    {
        var collection = path[..path.IndexOf("/{id}", StringComparison.Ordinal)];
        return fixture.Ids[collection][0];
    }

    private async Task<string> EtagAsync(string url)
    {
        var (response, _) = await SendAsync("GET", url);
        return response.Headers.ETag?.Tag ?? "\"none\"";
    }

    private Task<(HttpResponseMessage Response, string Body)> SendAsync(string method, string url, string? json = null, string? ifMatch = null, string contentType = "application/json")
        => SendAsync(method, url, json is null ? null : Encoding.UTF8.GetBytes(json), ifMatch, contentType);

    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(string method, string url, byte[]? bytes, string? ifMatch, string contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (bytes is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (method != "GET")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var template = url.StartsWith("/v1/participants/", StringComparison.Ordinal) ? "/v1/participants/{id}" : url;
        if (fixture.Contract.Operations.FirstOrDefault(o => o.Method == method && o.Path == template) is { } operation)
        {
            fixture.Contract.AssertDocumented(operation, $"{method} {url}", response, body);
        }

        return (response, body);
    }
}
