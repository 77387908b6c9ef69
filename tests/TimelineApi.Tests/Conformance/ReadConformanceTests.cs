using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using TimelineApi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TimelineApi.Tests.Conformance;

/// <summary>A request the contract drives: what kind of input it is, and the operation it is for.</summary>
public sealed record GeneratedRequest(string Kind, ContractOperation Operation, string Url, string? Accept)
{
    public override string ToString() => $"[{Kind}] GET {Url}{(Accept is null ? "" : $" (Accept: {Accept})")}";
}

/// <summary>
/// Property-based conformance of every read operation, driven by the committed OpenAPI document (CsCheck
/// generates, JsonSchema.Net judges). Schema-valid inputs get a documented status other than 400 and a
/// body that validates against its declared schema; schema-invalid inputs (wrong types, out-of-range
/// numbers, unknown enum values, malformed dates and cursors, overlong values, unknown parameters) get a
/// documented 4xx problem whose <c>status</c> is the HTTP status; odd but valid text (FTS and SQL syntax,
/// NUL, bidi marks, lone surrogates) never gets a 5xx. Seeded: a failure prints its seed and the smallest
/// failing request; <c>CONFORMANCE_SEED</c> replays one.
/// </summary>
public sealed class ReadConformanceTests(ConformanceFixture fixture, ITestOutputHelper output) : IClassFixture<ConformanceFixture>
{
    private const int ValidRequests = 3000;
    private const int InvalidRequests = 1500;
    private const int OddRequests = 600;

    private static readonly string[] s_accepts = ["application/json", "text/csv", "application/x-ndjson", "*/*"];

    private static readonly string[] s_words = ["putin", "biden", "talks", "\"practical work\"", "sanct*", "kremlin", "ushakov", "geneva", "zzzz", "ukraine", "call"];

    private static readonly string[] s_oddText =
    [
        "\"unbalanced", "NEAR(putin biden)", "' OR 1=1 --", "putin AND", "*", "-", "a:b", "^putin", "putin)", "(", "\u0000", "\u202Eputin\u202C",
        "\uD83D\uDE00 talks", "\uD800", "\uDC00x", "\u200Bputin", "ﬁ", "İstanbul", "putin; DROP TABLE events;", "%", "_", "\\", "\"\"",
    ];

    [Fact]
    public Task ValidInputs_GetADocumentedStatus_AndABodyTheirSchemaAccepts()
        => SampleAsync(Gen.OneOf([.. Reads.Select(ValidFor)]), ValidRequests, AssertValidAsync);

    [Fact]
    public Task InvalidInputs_GetADocumented4xxProblem()
        => SampleAsync(Gen.OneOf([.. Reads.Where(op => QueryParameters(op).Any()).Select(InvalidFor)]), InvalidRequests, AssertProblemAsync);

    [Fact]
    public Task OddText_NeverGetsA5xx()
        => SampleAsync(Gen.OneOf([.. Reads.Where(op => TextParameters(op).Any()).Select(OddFor)]), OddRequests, AssertDocumentedAsync);

    private IEnumerable<ContractOperation> Reads => fixture.Contract.Operations.Where(op => op.Method == "GET");

    /// <summary>
    /// The forms a query string can take that URL and form encoding allow (RFC 3986, the WHATWG URL standard's
    /// application/x-www-form-urlencoded), each on every parameter of every read route: a value left empty or a
    /// name with no `=` (refused: the schema takes no empty value), a name given twice (refused: OpenAPI's form style
    /// gives a scalar once), a percent-encoded name (the same parameter), `+` for a space, broken percent escapes,
    /// empty pairs, and `;` (not a separator). Each gets a documented answer, never a 5xx.
    /// </summary>
    [Fact]
    public async Task QueryStringForms_FromTheStandards_GetTheirDocumentedAnswer_OnEveryReadRoute()
    {
        var sent = 0;
        foreach (var op in Reads)
        {
            var path = Check.Single(PathFor(op));
            var required = Generated(op).Where(p => (bool?)p["required"] == true)
                .Select(p => $"{p["name"]}={Escape(Check.Single(ValueFor(p)))}").ToList();
            foreach (var parameter in QueryParameters(op))
            {
                var name = (string)parameter["name"]!;
                var others = required.Where(r => !r.StartsWith(name + "=", StringComparison.Ordinal)).ToList();
                string Url(string pair) => $"{path}?{string.Join('&', [pair, .. others])}";
                foreach (var refused in new[] { $"{name}=", name, $"{name}=&{name}=" })
                {
                    sent++;
                    await AssertProblemAsync(new GeneratedRequest("empty", op, Url(refused), null));
                }

                if (name == "cursor")
                {
                    continue;
                }

                var value = Escape(Check.Single(ValueFor(parameter)));
                sent += 5;
                await AssertProblemAsync(new GeneratedRequest("repeated", op, Url($"{name}={value}&{name}={value}"), null));
                var encodedName = string.Concat(name.Select(c => $"%{(int)c:X2}"));
                await AssertValidAsync(new GeneratedRequest("percent-encoded name", op, Url($"{encodedName}={value}"), null));
                await AssertValidAsync(new GeneratedRequest("empty pairs", op, $"{path}?&&{string.Join("&&", [$"{name}={value}", .. others])}&", null));
                await AssertDocumentedAsync(new GeneratedRequest("semicolon", op, Url($"{name}={value};limit=1"), null));
                await AssertDocumentedAsync(new GeneratedRequest("plus", op, Url($"{name}={value}+{value}"), null));
                foreach (var broken in new[] { "%", "%zz", "%E2%82", "%C0%AF", "%F4%90%80%80", "a%2", "%%41" })
                {
                    sent++;
                    await AssertDocumentedAsync(new GeneratedRequest("broken percent escape", op, Url($"{name}={broken}"), null));
                }
            }
        }

        output.WriteLine($"{sent} requests sent.");
        Assert.True(sent > 300);
    }


    private async Task SampleAsync(Gen<GeneratedRequest> gen, int iterations, Func<GeneratedRequest, Task> assert)
    {
        var seed = Environment.GetEnvironmentVariable("CONFORMANCE_SEED");
        var sent = 0;
        await gen.SampleAsync(
            async request =>
            {
                Interlocked.Increment(ref sent);
                await assert(request);
            },
            writeLine: output.WriteLine,
            seed: seed,
            iter: iterations,
            threads: 1,
            print: r => r.ToString());
        output.WriteLine($"{sent} requests sent.");
        Assert.True(sent >= iterations);
    }

    // ---- generators ----

    private Gen<GeneratedRequest> ValidFor(ContractOperation op)
        => Request("valid", op, [.. Generated(op).Select(p => (bool?)p["required"] == true
            ? ValueFor(p).Select(v => ((string Name, string Value)?)((string)p["name"]!, v))
            : ValueFor(p).Select(v => ((string)p["name"]!, v)).Nullable(0.6))]);

    private Gen<GeneratedRequest> InvalidFor(ContractOperation op)
    {
        var parameters = QueryParameters(op).ToList();
        return Gen.Int[0, parameters.Count].SelectMany(i =>
        {
            // One parameter gets a value its schema refuses (or an unknown parameter is added); the others stay valid or absent.
            var broken = i == parameters.Count
                ? Gen.OneOf("bogus", "Limit", "q ").Select(name => ((string Name, string Value)?)(name, "1"))
                : BrokenValueFor(parameters[i]).Select(v => ((string Name, string Value)?)((string)parameters[i]["name"]!, v));
            var rest = parameters.Where((p, j) => j != i && Generated(op).Contains(p)).Select(p => (bool?)p["required"] == true
                ? ValueFor(p).Select(v => ((string Name, string Value)?)((string)p["name"]!, v))
                : ValueFor(p).Select(v => ((string)p["name"]!, v)).Nullable(0.7));
            return Request("invalid", op, [broken, .. rest]);
        });
    }

    private Gen<GeneratedRequest> OddFor(ContractOperation op)
    {
        var text = TextParameters(op).ToList();
        return Gen.Int[0, text.Count - 1].SelectMany(i => Request("odd", op,
        [
            Gen.OneOf(s_oddText).Select(v => ((string Name, string Value)?)((string)text[i]["name"]!, v)),
            .. QueryParameters(op).Where(p => p != text[i] && (bool?)p["required"] == true)
                .Select(p => ValueFor(p).Select(v => ((string Name, string Value)?)((string)p["name"]!, v))),
        ]));
    }

    private Gen<GeneratedRequest> Request(string kind, ContractOperation op, IEnumerable<Gen<(string Name, string Value)?>> parameters)
        => PathFor(op).SelectMany(path => Sequence(parameters).SelectMany(values => Gen.OneOf([null, .. s_accepts]).Select(accept =>
        {
            var query = string.Join('&', values.OfType<(string Name, string Value)>().Select(v => $"{Uri.EscapeDataString(v.Name)}={Escape(v.Value)}"));
            return new GeneratedRequest(kind, op, query.Length == 0 ? path : $"{path}?{query}", accept);
        })));

    /// <summary>Escapes a value for a URL; a lone surrogate, which UTF-8 cannot hold, is sent as the bytes a careless client would send.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value)
        {
            text.Append(char.IsSurrogate(c) ? "%ED%A0%80" : Uri.EscapeDataString(c.ToString()));
        }

        return text.ToString();
    }

    private Gen<string> PathFor(ContractOperation op)
    {
        if (!op.Path.Contains("{id}", StringComparison.Ordinal))
        {
            return Gen.Const(op.Path);
        }

        var collection = op.Path[..op.Path.IndexOf("/{id}", StringComparison.Ordinal)];
        return Gen.OneOf(fixture.Ids[collection]).Select(id => op.Path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal));
    }

    private Gen<string> ValueFor(JsonObject parameter)
    {
        var name = (string)parameter["name"]!;
        var schema = parameter["schema"]!;
        if (schema["enum"] is JsonArray values)
        {
            return Gen.OneOf([.. values.Select(v => (string)v!)]);
        }

        if ((string?)schema["type"] == "integer")
        {
            var min = (long)schema["minimum"]!;
            return Gen.Long[min, Math.Min((long)schema["maximum"]!, min + 600)].Select(v => v.ToString(CultureInfo.InvariantCulture));
        }

        var pattern = (string?)schema["pattern"];
        if (pattern is not null && ListValues(pattern) is { } listed)
        {
            return Gen.OneOf(listed).Array[1, 3].Select(a => string.Join(',', a.Distinct()));
        }

        if (pattern == TimelineApi.Common.IsoDate.Pattern)
        {
            return Dates;
        }

        return name switch
        {
            // A participant filter names somebody (a name that finds nobody is refused, offering the closest); `name` finds by part of one.
            "participant" => Gen.OneOf(fixture.ParticipantNames).SelectMany(n => Gen.OneOf(n, n.ToUpperInvariant())),
            "name" => Gen.OneOf(fixture.ParticipantNames).SelectMany(n => Gen.OneOf(n, n.ToUpperInvariant(), n[..Math.Min(n.Length, 4)])),
            "q" => Gen.OneOf(s_words).Array[1, 2].Select(w => string.Join(' ', w)),
            "event" => Gen.OneOf(fixture.Ids["/v1/events"]),
            "source" => Gen.OneOf(fixture.Ids["/v1/sources"]),
            "topic" => Gen.OneOf([.. fixture.Topics, "no-such-topic"]),
            _ => Gen.Char["abcdefghijklmnopqrstuvwxyz-–é "].Array[1, 12].Select(c => new string(c)),
        };
    }

    private static Gen<string> BrokenValueFor(JsonObject parameter)
    {
        var schema = parameter["schema"]!;
        var overlong = new string('x', (int?)schema["maxLength"] is { } maxLength ? maxLength + 1 : 501);
        if ((string?)schema["type"] == "integer")
        {
            var min = (long)schema["minimum"]!;
            var max = (long)schema["maximum"]!;
            return Gen.OneOf([(min - 1).ToString(CultureInfo.InvariantCulture), max == long.MaxValue ? "99999999999999999999" : (max + 1).ToString(CultureInfo.InvariantCulture), "abc", "1.5", "1e3", " 2", "0x10"]);
        }

        if (schema["enum"] is not null)
        {
            return Gen.OneOf("zzz-unknown", "JSON", "true ", "1");
        }

        var pattern = (string?)schema["pattern"];
        if (pattern is not null && ListValues(pattern) is not null)
        {
            return Gen.OneOf("party", "call,,talks", "call,party", ",", overlong);
        }

        if (pattern == TimelineApi.Common.IsoDate.Pattern)
        {
            return Gen.OneOf("2021-13-01", "2021-02-30", "yesterday", "2021/12/07", "21-12-07", "2021-12-07T25:00Z", "2021-12-07T10:00", overlong);
        }

        return (string)parameter["name"]! switch
        {
            "cursor" => Gen.OneOf("abc", "%%%", "eyJ4IjoxfQ", "WyJ4Il0", new string('A', 400)),
            "q" => Gen.OneOf("***", "\"\"", "-", overlong),
            _ => Gen.Const(overlong),
        };
    }

    private static Gen<string> Dates => Gen.OneOf(
        Gen.Int[0, 400].Select(d => new DateOnly(2021, 6, 1).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        Gen.Int[0, 13].Select(m => new DateOnly(2021, 5, 1).AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture)),
        Gen.Int[0, 400 * 24].Select(h => new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.FromHours(3)).AddHours(h).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)),
        Gen.Int[0, 400].Select(d => new DateTime(2021, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(d).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

    private static string[]? ListValues(string pattern)
        => Regex.Match(pattern, @"^\^ \*\((?<one>[^()]*)\)\( \*, \*\(\k<one>\)\)\* \*\$$") is { Success: true } m
            ? [.. m.Groups["one"].Value.Split('|').Select(Regex.Unescape)]
            : null;

    private static IEnumerable<JsonObject> QueryParameters(ContractOperation op) => op.Parameters.Where(p => (string?)p["in"] == "query");

    /// <summary>The parameters a valid value can be generated for: all but <c>cursor</c>, whose values only a page gives.</summary>
    private static IEnumerable<JsonObject> Generated(ContractOperation op) => QueryParameters(op).Where(p => (string?)p["name"] != "cursor");

    private static IEnumerable<JsonObject> TextParameters(ContractOperation op)
        => QueryParameters(op).Where(p => (string?)p["schema"]!["type"] == "string" && p["schema"]!["enum"] is null
            && ((string?)p["schema"]!["pattern"] is null || (string)p["name"]! == "q"));

    private static Gen<ImmutableList<T>> Sequence<T>(IEnumerable<Gen<T>> gens)
        => gens.Aggregate(Gen.Const(ImmutableList<T>.Empty), (all, gen) => all.SelectMany(list => gen.Select(list.Add)));

    // ---- judges ----

    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(GeneratedRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
        if (request.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        }

        var response = await fixture.Client.SendAsync(message);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task AssertValidAsync(GeneratedRequest request)
    {
        var (response, body) = await SendAsync(request);
        using (response)
        {
            fixture.Contract.AssertDocumented(request.Operation, request.ToString(), response, body);
            Assert.True(response.StatusCode != HttpStatusCode.BadRequest, $"{request}: a schema-valid request got 400: {body}");
        }
    }

    private async Task AssertProblemAsync(GeneratedRequest request)
    {
        var (response, body) = await SendAsync(request);
        using (response)
        {
            var status = (int)response.StatusCode;
            Assert.True(status is >= 400 and < 500, $"{request}: a schema-invalid request got {status}: {body[..Math.Min(body.Length, 300)]}");
            fixture.Contract.AssertDocumented(request.Operation, request.ToString(), response, body);
        }
    }

    private async Task AssertDocumentedAsync(GeneratedRequest request)
    {
        var (response, body) = await SendAsync(request);
        using (response)
        {
            fixture.Contract.AssertDocumented(request.Operation, request.ToString(), response, body);
        }
    }
}
