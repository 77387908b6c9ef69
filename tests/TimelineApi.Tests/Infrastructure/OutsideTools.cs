using System.Diagnostics;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// The outside programs some tests run: Node with the pinned packages of <c>tests/tools</c> (installed
/// by <c>npm ci --prefix tests/tools</c>, which <c>.ci/run</c> does) and a Chromium browser. Where one
/// is missing the test is skipped with the reason, except under <c>CI=true</c>, where that is a failure.
/// </summary>
public static class OutsideTools
{
    public static string ToolsDirectory { get; } = RepositoryFiles.PathOf("tests", "tools");

    public static string NodeModules { get; } = Path.Combine(ToolsDirectory, "node_modules");

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of the Node program, once the test tools are installed.</summary>
    public static string RequireNode()
    {
        var node = FindOnPath("node");
        Require(node is not null, "Node.js is not installed (Debian: apt-get install nodejs npm).");
        Require(Directory.Exists(NodeModules), "The test tools are not installed: run `npm ci --prefix tests/tools`.");
        return node!;
    }

    /// <summary>The path of a Chromium browser (CHROMIUM_PATH, or Debian's /usr/bin/chromium).</summary>
    public static string RequireChromium()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : FindOnPath("chromium");
        Require(path is not null && File.Exists(path), "Chromium is not installed (Debian: apt-get install chromium).");
        return path!;
    }

    /// <summary>Runs a program to its end (at most <paramref name="timeout"/>), returning its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepositoryFiles.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}.");
        }

        return (process.ExitCode, await output + await error);
    }

    /// <summary>Starts a program that runs until stopped (a server), its output read and dropped.</summary>
    public static Process StartQuietly(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static void Require(bool present, string reason)
    {
        if (!present && InCi)
        {
            Assert.Fail($"CI=true and a test tool is missing: {reason}");
        }

        Skip.IfNot(present, reason);
    }

    internal static string? FindOnPath(string program)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
