using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class OpenApiContractTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true, IndentSize = 2 };

    private static readonly string[] s_problemTypes = ["application/problem+json"];

    [Fact]
    public async Task CommittedDocument_EqualsTheServedOne()
    {
        var served = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var path = RepositoryFiles.PathOf("openapi", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served.ToJsonString(s_indented).ReplaceLineEndings("\n") + "\n");
        }

        Assert.True(File.Exists(path), "openapi/openapi.json is missing: run the tests with UPDATE_OPENAPI=1 to write it.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(
            JsonNode.DeepEquals(committed, served),
            "openapi/openapi.json differs from the served document: run the tests with UPDATE_OPENAPI=1 and review the diff.");
    }

    [Fact]
    public async Task EveryOperation_IsDocumented()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToList();
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(mapped, operations.Select(o => o.Name).Order(StringComparer.Ordinal));

        foreach (var (name, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["operationId"]), $"{name}: no operationId");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{name}: no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["description"]), $"{name}: no description");

            var responses = operation["responses"]!.AsObject();
            var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{name}: no success response");
            Assert.All(success.Where(r => r.Key != "204"), r => Assert.NotNull(r.Value!["content"])); // 204 has no body
            var problems = responses.Where(r => r.Key[0] is '4' or '5').ToList();
            Assert.True(problems.Count > 0, $"{name}: no problem response");
            Assert.All(problems, r => Assert.Contains(r.Value!["content"]!.AsObject().Select(c => c.Key), s_problemTypes.Contains));

            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
            {
                var parameterName = (string)parameter!["name"]!;
                Assert.False(string.IsNullOrWhiteSpace((string?)parameter["description"]), $"{name}: parameter {parameterName} has no description");
                // Required parameters carry an example Swagger UI fills in; optional ones give theirs in the
                // description, so that Try it out's defaults do not filter the answer down to nothing.
                if ((bool?)parameter["required"] == true)
                {
                    Assert.True(parameter["example"] is not null, $"{name}: parameter {parameterName} has no example");
                }
                else if (parameterName != "cursor")
                {
                    Assert.Null(parameter["example"]);
                    Assert.Contains("Example: `", (string)parameter["description"]!, StringComparison.Ordinal);
                }
            }
        }
    }
}
