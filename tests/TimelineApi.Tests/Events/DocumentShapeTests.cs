using System.Data.Common;
using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Events;

/// <summary>
/// Stored documents built by a release whose answers had another shape are rebuilt when this build starts; documents
/// of the same shape are not rebuilt at every start.
/// </summary>
public sealed class DocumentShapeTests
{
    private const string Event = "2021-12-07-biden-putin-video-call";
    private const string Stale = """{"id": "2021-12-07-biden-putin-video-call", "shapeOfAnOldRelease": true}""";

    [Fact]
    public async Task DocumentsOfAnotherShape_AreRebuiltAtStart_AndOfTheSameShape_Kept()
    {
        await using var first = new TimelineApiFactory();
        _ = first.Server;
        var built = await first.CreateClient().GetStringAsync($"/v1/events/{Event}");

        // The same shape: a start rebuilds nothing (the planted document stays, a sign that nothing was rebuilt).
        await PlantAsync(first.DatabasePath, fingerprint: null);
        await using (var same = TimelineApiFactory.ForDatabase(first.DatabasePath))
        {
            Assert.Contains("shapeOfAnOldRelease", await ListedAsync(same), StringComparison.Ordinal);
        }

        // Another shape (an older release's fingerprint): every document is rebuilt from the rows.
        await PlantAsync(first.DatabasePath, fingerprint: "the-shape-of-an-older-release");
        await using var upgraded = TimelineApiFactory.ForDatabase(first.DatabasePath);
        var listed = await ListedAsync(upgraded);
        Assert.DoesNotContain("shapeOfAnOldRelease", listed, StringComparison.Ordinal);
        var item = JsonDocument.Parse(listed).RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == Event);
        Assert.Equal(JsonDocument.Parse(built).RootElement.GetRawText(), item.GetRawText());
        await using var connection = await TestStore.OpenAsync(first.DatabasePath);
        Assert.Equal(TimelineApi.Data.DocumentShape.Fingerprint, await ScalarAsync(connection, "SELECT fingerprint FROM document_shapes WHERE name = 'documents';"));
    }

    private static async Task<string> ListedAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
        => await app.CreateClient().GetStringAsync("/v1/events?from=2021-12-07&to=2021-12-07&limit=50");

    /// <summary>Writes a document no build would write behind the API's back, and, when given, another shape's fingerprint.</summary>
    private static async Task PlantAsync(string database, string? fingerprint)
    {
        await using var connection = await TestStore.OpenAsync(database);
        await ExecuteAsync(connection, $"UPDATE events SET document = @stale WHERE id = '{Event}';", Stale);
        if (fingerprint is not null)
        {
            await ExecuteAsync(connection, "UPDATE document_shapes SET fingerprint = @stale WHERE name = 'documents';", fingerprint);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, string value)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "stale";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }
}
