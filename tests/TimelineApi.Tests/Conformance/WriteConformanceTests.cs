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
        if (created.StatusCode == HttpStatusCode.UnprocessableEntity
            || created.StatusCode == HttpStatusCode.BadRequest && body.ToJsonString().Contains("\\u0000", StringComparison.Ordinal))
        {
            return 1; // a name the rules refuse (blank, control characters; U+0000, which no store holds): refused as the contract says
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

    /// <summary>
    /// Bodies that are not a JSON object of the record, as bytes: each must get a documented 4xx problem and write nothing.
    /// Beside what RFC 8259 forbids, the classes it leaves to each reader and I-JSON (RFC 7493) refuses: a member
    /// twice, text that is not well-formed Unicode or holds noncharacters, numbers past IEEE 754 double precision;
    /// and what the stores cannot hold (U+0000), and encodings other than UTF-8 (RFC 8259 8.1).
    /// </summary>
    private static readonly (string Label, byte[] Bytes, string ContentType)[] s_badBodies =
    [
        ("a member twice", Encoding.UTF8.GetBytes("""{"id": "twice-1", "id": "twice-2", "name": "x", "title": "x", "text": "x"}"""), "application/json"),
        ("a member twice, differently escaped", Encoding.UTF8.GetBytes("""{"name": "x", "n\u0061me": "y", "title": "x", "t\u0069tle": "y"}"""), "application/json"),
        ("a nested member twice", Encoding.UTF8.GetBytes("""{"participants": [{"id": "a", "id": "b"}], "aliases": [{"name": "a", "name": "b"}], "span": {"start": 1, "start": 2}}"""), "application/json"),
        ("a lone surrogate as a member name", Encoding.UTF8.GetBytes("""{"\ud800": 1}"""), "application/json"),
        ("a low surrogate first", Encoding.UTF8.GetBytes("""{"name": "\udc00\ud800", "title": "\udc00\ud800"}"""), "application/json"),
        ("a noncharacter", Encoding.UTF8.GetBytes("""{"name": "a\uffff", "title": "a\ufdd0", "text": "\ufffe"}"""), "application/json"),
        ("a raw noncharacter", [.. "{\"name\": \"a"u8, 0xEF, 0xBF, 0xBF, .. "\", \"title\": \"a"u8, 0xEF, 0xBF, 0xBF, .. "\"}"u8], "application/json"),
        ("an escaped NUL", Encoding.UTF8.GetBytes("""{"name": "a\u0000", "title": "a\u0000", "text": "a\u0000", "id": "a\u0000"}"""), "application/json"),
        ("a raw NUL byte", [.. "{\"name\": \"a"u8, 0x00, .. "\"}"u8], "application/json"),
        ("a raw control character in a string", Encoding.UTF8.GetBytes("{\"name\": \"a\nb\"}"), "application/json"),
        ("an unknown escape", Encoding.UTF8.GetBytes("""{"name": "a\x41"}"""), "application/json"),
        ("a short \\u escape", Encoding.UTF8.GetBytes("""{"name": "a\u12"}"""), "application/json"),
        ("a number past double precision", Encoding.UTF8.GetBytes("""{"durationMinutes": 1e400, "span": {"start": 1e400, "end": -1e400}, "confidence": 1e400}"""), "application/json"),
        ("an integer past 2^53", Encoding.UTF8.GetBytes("""{"durationMinutes": 9007199254740993, "span": {"start": 9007199254740993, "end": 9007199254740994}}"""), "application/json"),
        ("a leading zero", Encoding.UTF8.GetBytes("""{"durationMinutes": 012}"""), "application/json"),
        ("a plus sign", Encoding.UTF8.GetBytes("""{"durationMinutes": +1}"""), "application/json"),
        ("a bare fraction", Encoding.UTF8.GetBytes("""{"durationMinutes": .5}"""), "application/json"),
        ("hexadecimal", Encoding.UTF8.GetBytes("""{"durationMinutes": 0x10}"""), "application/json"),
        ("Infinity", Encoding.UTF8.GetBytes("""{"durationMinutes": Infinity}"""), "application/json"),
        ("only white space", Encoding.UTF8.GetBytes(" \r\n\t "), "application/json"),
        ("true", Encoding.UTF8.GetBytes("true"), "application/json"),
        ("UTF-16 with its byte order mark", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"name": "x"}""")], "application/json"),
        ("UTF-16 said in the charset", Encoding.Unicode.GetBytes("""{"name": "x"}"""), "application/json; charset=utf-16"),
        ("UTF-32", Encoding.UTF32.GetBytes("""{"name": "x"}"""), "application/json"),
        ("a byte order mark, then nothing", [.. Encoding.UTF8.Preamble], "application/json"),
        ("two byte order marks", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.Preamble, .. "{}"u8], "application/json"),
        ("JSON under another media type", Encoding.UTF8.GetBytes("""{"name": "x"}"""), "application/json-patch+json"),
        ("a media type that only starts like JSON", Encoding.UTF8.GetBytes("""{"name": "x"}"""), "application/jsonx"),
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
        var changes = await ChangeCountAsync();
        foreach (var (label, bytes, contentType) in s_badBodies.Where(b => b.Bytes.Length > 0 || operation.BodyRequired))
        {
            var etag = method is "PUT" or "PATCH" ? await EtagAsync(url) : null;
            var (response, body) = await SendAsync(method, url, bytes, etag, contentType);
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{method} {url} with {label}: {status} {body}");
            fixture.Contract.AssertDocumented(operation, $"{method} {url} with {label}", response, body);
            Assert.DoesNotContain("reader options", body, StringComparison.OrdinalIgnoreCase); // the API's words, not the parser's
        }

        Assert.Equal(changes, await ChangeCountAsync()); // nothing was written
    }

    /// <summary>How many changes the feed holds: any write adds one.</summary>
    private async Task<int> ChangeCountAsync()
    {
        var count = 0;
        for (var url = "/v1/changes?limit=500"; ;)
        {
            var page = JsonNode.Parse(await fixture.Client.GetStringAsync(url))!;
            count += page["items"]!.AsArray().Count;
            if ((string?)page["next"] is not { } next)
            {
                return count;
            }

            url = "/v1/changes?limit=500&cursor=" + Uri.EscapeDataString(next);
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
