using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// Ajv (a validator written outside .NET, in <c>tests/tools</c>) judging answers against the committed document's
/// schemas by the letter of OpenAPI 3.0.3, in strict mode: one Node process for the test run, asked one answer a line.
/// Null when Node or the test tools are missing; <c>StrictValidatorTests</c> then says so (a failure under CI=true).
/// </summary>
public sealed class StrictValidator : IDisposable
{
    private static readonly Lazy<StrictValidator?> s_shared = new(Start);

    private readonly Process _process;
    private readonly SemaphoreSlim _one = new(1, 1);

    private StrictValidator(Process process) => _process = process;

    /// <summary>The run's validator, started at first use; null where Node or the tools are not installed.</summary>
    public static StrictValidator? Shared => s_shared.Value;

    /// <summary>Why <paramref name="instance"/> breaks the OpenAPI <paramref name="schema"/> object, or null when Ajv accepts it.</summary>
    public string? Violations(JsonNode schema, JsonElement instance)
    {
        var request = new JsonObject { ["schema"] = schema.DeepClone(), ["instance"] = JsonNode.Parse(instance.GetRawText()) }.ToJsonString();
        _one.Wait();
        try
        {
            _process.StandardInput.WriteLine(request);
            _process.StandardInput.Flush();
            var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The Ajv validator stopped.");
            var answer = JsonNode.Parse(line)!;
            return (bool)answer["valid"]! ? null : string.Join("; ", answer["errors"]!.AsArray().Select(e => (string)e!));
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static StrictValidator? Start()
    {
        var node = OutsideTools.FindOnPath("node");
        if (node is null || !Directory.Exists(Path.Combine(OutsideTools.NodeModules, "ajv")))
        {
            return null;
        }

        var start = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            WorkingDirectory = OutsideTools.ToolsDirectory,
        };
        start.ArgumentList.Add(Path.Combine(OutsideTools.ToolsDirectory, "validate-answers.mjs"));
        start.ArgumentList.Add(RepositoryFiles.PathOf("openapi", "openapi.json"));
        var validator = new StrictValidator(Process.Start(start)!);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => validator.Dispose();
        return validator;
    }
}
