using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Formats;

public sealed class ExportFormatTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> Lists => new()
    {
        "/v1/events", "/v1/meetings", "/v1/participants", "/v1/statements", "/v1/sources", "/v1/timeline",
        "/v1/search?q=putin", "/v1/participants/russia/events", "/v1/participants/yuri-ushakov/statements",
        "/v1/participants/joe-biden/counterparts", "/v1/meetings/2021-12-07-biden-putin-video-call/history",
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Ndjson_StreamsEveryItem_InTheListsOrder_WithoutAPageCap(string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var paged = await _client.GetAllPagesAsync<JsonElement>($"{url}{separator}limit=1");

        using var response = await _client.GetAsync($"{url}{separator}format=ndjson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", body, StringComparison.Ordinal);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(paged.Select(e => e.GetRawText()), lines.Select(e => e.GetRawText()));
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Csv_HasAHeaderAndOneRowPerItem(string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var all = await _client.GetAllPagesAsync<JsonElement>($"{url}{separator}limit=500");
        using var response = await _client.GetAsync($"{url}{separator}format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(all.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
    }

    [Fact]
    public async Task Csv_KeepsVerbatimTextIntact_AndFlattensNestedValues()
    {
        var statements = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?limit=500");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/statements");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await _client.SendAsync(request);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());

        var header = rows[0];
        Assert.Equal(["id", "speaker.id", "speaker.name", "text", "date", "dateInferred", "event", "source", "sourceTitle", "sourcePublisher", "sourcePublishedAt", "span.start", "span.end", "attribution", "snippet"], header);
        var text = header.IndexOf("text");
        Assert.Equal(statements.Select(s => s.Text), rows.Skip(1).Select(r => r[text]));
        Assert.Contains(rows, r => r[text].Contains(',', StringComparison.Ordinal)); // quoted fields survive
    }

    [Fact]
    public async Task Csv_JoinsListsOfParticipantsWithTheirRoles()
    {
        var rows = Csv.Parse(await _client.GetStringAsync("/v1/events?format=csv&topic=ransomware"));
        var participants = rows[1][rows[0].IndexOf("participants")];
        Assert.Equal("Joe Biden (joe-biden): participant; Vladimir Putin (vladimir-putin): participant/host", participants);
    }

    [Fact]
    public async Task Export_WithAnExplicitLimit_IsOnePageWithALinkToTheNext()
    {
        using var response = await _client.GetAsync("/v1/events?format=ndjson&limit=3");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("format=ndjson", Assert.Single(response.Headers.GetValues("Link")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormatParameter_WinsOverAccept_AndJsonIsTheDefault()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events?format=json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await _client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        using var plain = await _client.GetAsync("/v1/events");
        Assert.Equal("application/json", plain.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/v1/events?format=xml")]
    [InlineData("/v1/statements?format=timelinejs")]
    [InlineData("/v1/participants/joe-biden/counterparts?format=pdf")]
    public async Task UnknownFormat_Answers400(string url)
        => await _client.AssertBadParameterAsync(url, "format");

    [Fact]
    public async Task ETag_DependsOnTheNegotiatedRepresentation()
    {
        using var json = await _client.GetAsync("/v1/events");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csv = await _client.SendAsync(request);
        Assert.NotEqual(json.Headers.ETag, csv.Headers.ETag);
    }
}

/// <summary>A small RFC 4180 reader for checking the API's CSV.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.False(quoted, "Unterminated quoted field.");
        Assert.Empty(row);
        return rows;
    }
}
