using System.Net;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Statements;

/// <summary>A statement shows its source's title, publisher and date, and changes (its ETag too) exactly when they do.</summary>
public sealed class StatementSourceTests : WriterTestBase
{
    private const string Source = "/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks";
    private const string Statement = "/v1/statements/peskov-the-current-tensions";

    private async Task PatchSourceAsync(string json)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Patch, Source, json, Key, await Client.ETagOfAsync(Source), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ASourcesTitle_ChangesItsStatements_ItsAuthorDoesNot()
    {
        var before = await Client.ETagOfAsync(Statement);
        await PatchSourceAsync("""{"author": "A correspondent"}""");
        Assert.Equal(before, await Client.ETagOfAsync(Statement)); // not shown on a statement

        await PatchSourceAsync("""{"title": "Putin and Biden agreed to hold more talks"}""");
        Assert.NotEqual(before, await Client.ETagOfAsync(Statement));
        Assert.Equal("Putin and Biden agreed to hold more talks", (await Client.GetAsync<StatementResponse>(Statement)).SourceTitle);
    }
}
