using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

/// <summary>The committed OpenAPI document, judged by Redocly CLI's recommended rules (pinned in tests/tools).</summary>
public sealed class OpenApiLintTests
{
    [SkippableFact]
    public async Task CommittedDocument_PassesRedoclyRecommendedRules_WithNoErrorOrWarning()
    {
        var node = OutsideTools.RequireNode();
        var redocly = Path.Combine(OutsideTools.NodeModules, "@redocly", "cli", "bin", "cli.js");
        var (exitCode, output) = await OutsideTools.RunAsync(
            node, [redocly, "lint", "openapi/openapi.json", "--config", "openapi/redocly.yaml", "--format", "stylish"], TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"redocly lint failed:\n{output}");
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
        var problems = System.Text.RegularExpressions.Regex.Matches(output, @"^\s*\d+:\d+\s+(error|warning)\s+.*$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(problems.Count == 0, $"redocly lint reports:\n{string.Join('\n', problems.Select(m => m.Value))}");
    }
}
