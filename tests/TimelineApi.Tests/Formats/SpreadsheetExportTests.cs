using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Formats;

/// <summary>CSV exports as a spreadsheet opens them, read with a strict CSV parser (CsvHelper).</summary>
public sealed class SpreadsheetExportTests : WriterTestBase
{
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"x\")";

    [Theory]
    [InlineData("/v1/participants?limit=500")]
    [InlineData("/v1/events?limit=500")]
    [InlineData("/v1/statements?limit=500")]
    [InlineData("/v1/sources?limit=500")]
    [InlineData("/v1/timeline?limit=500")]
    public async Task EveryScalarField_RoundTrips_AndNoCellStartsAFormula(string url)
    {
        await CreateParticipantAsync(Formula);
        await CreateParticipantAsync("@handle, +1 -2");

        var items = JsonDocument.Parse(await Client.GetStringAsync(url)).RootElement.GetProperty("items").EnumerateArray().ToList();
        var (header, rows) = Parse(await Client.GetStringAsync(url + "&format=csv"));
        Assert.Equal(items.Count, rows.Count);

        var checkedCells = 0;
        for (var i = 0; i < items.Count; i++)
        {
            for (var c = 0; c < header.Length; c++)
            {
                var cell = rows[i][c];
                Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), $"{url}: row {i}, {header[c]} starts a formula: {cell}");
                if (ScalarAt(items[i], header[c]) is { } value)
                {
                    Assert.Equal(value, Unneutralise(cell));
                    checkedCells++;
                }
            }
        }

        Assert.True(checkedCells > items.Count, $"{url}: only {checkedCells} scalar cells compared.");
    }

    [Fact]
    public async Task AFormulaName_IsExportedAsText_WithTheOwaspQuote()
    {
        await CreateParticipantAsync(Formula);
        var (header, rows) = Parse(await Client.GetStringAsync("/v1/participants?format=csv"));
        var name = Array.IndexOf(header, "name");
        Assert.Contains(rows, r => r[name] == "'" + Formula);
        var aliases = Array.IndexOf(header, "aliases");
        Assert.Contains(rows, r => r[aliases].StartsWith("'@POTUS; ", StringComparison.Ordinal)); // a seeded alias list that starts with a handle
    }

    [Fact]
    public async Task Csv_IsADownload_WithAFileName_AndABomOnlyWhenAskedFor()
    {
        using var plain = await Client.GetAsync("/v1/events?format=csv");
        Assert.Equal("attachment", plain.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("events.csv", plain.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));

        using var withBom = await Client.GetAsync("/v1/events?format=csv&bom=true");
        var bomBytes = await withBom.Content.ReadAsByteArrayAsync();
        Assert.True(bomBytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        Assert.Equal(bytes, bomBytes[Encoding.UTF8.Preamble.Length..]);
        Assert.Contains("Biden–Putin", Encoding.UTF8.GetString(bomBytes), StringComparison.Ordinal);

        await Client.AssertBadParameterAsync("/v1/events?format=csv&bom=yes", "bom");
    }

    [Theory]
    [InlineData("/v1/events?format=csv")]
    [InlineData("/v1/events?format=ndjson")]
    [InlineData("/v1/timeline/timelinejs")]
    public async Task AnExportOverTheCap_AnswersAProblem_AndAPageOfItStillWorks(string url)
    {
        using var capped = App.WithWebHostBuilder(b => b.UseSetting("Limits:MaxExportItems", "3"));
        var client = capped.CreateClient();
        using var refused = await client.GetAsync(url);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var path = url.Split('?')[0];
        Assert.NotNull(new ContractDocument().Operation("GET", path).Content(422)); // the contract says it can happen
        Assert.Contains("More than 3 items", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        if (!url.Contains("timelinejs", StringComparison.Ordinal))
        {
            using var page = await client.GetAsync(url + "&limit=3");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.True(page.Headers.Contains("Link"));
        }
    }

    private async Task CreateParticipantAsync(string name)
    {
        using var created = await Client.SendJsonAsync(HttpMethod.Post, "/v1/participants", JsonSerializer.Serialize(new { name, kind = "person" }), Key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static (string[] Header, List<string[]> Rows) Parse(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectColumnCountChanges = true,
            BadDataFound = bad => Assert.Fail($"Bad CSV: {bad.RawRecord}"),
        });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(reader.Parser.Record!);
        }

        return (records[0], records.Skip(1).ToList());
    }

    /// <summary>The text a cell stands for: the OWASP quote taken off a neutralised formula.</summary>
    private static string Unneutralise(string cell)
        => cell.Length > 1 && cell[0] == '\'' && "=+-@\t\r".Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;

    /// <summary>The JSON scalar at a dotted column path as CSV text, or null for lists, objects and nulls.</summary>
    private static string? ScalarAt(JsonElement item, string column)
    {
        foreach (var name in column.Split('.'))
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out item))
            {
                return null;
            }
        }

        return item.ValueKind switch
        {
            JsonValueKind.String => item.GetString(),
            JsonValueKind.Number => item.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }
}
