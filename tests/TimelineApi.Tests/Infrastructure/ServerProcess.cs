using System.Diagnostics;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>The API's own build run as a program in a process of its own, as a service manager would start it.</summary>
public static class ServerProcess
{
    /// <summary>The API's build output, next to the tests' (same configuration).</summary>
    public static string Program { get; } = LocateProgram();

    /// <summary>
    /// Starts the program over <paramref name="database"/> with <paramref name="args"/>, in <paramref name="workingDirectory"/>
    /// (the build's own folder when null), with <paramref name="environment"/> besides; its output is read and dropped
    /// unless the caller reads it. <paramref name="database"/> is a SQLite file, unless <paramref name="environment"/>
    /// names the database itself (<see cref="StoreEnvironment"/>).
    /// </summary>
    public static Process Start(string database, IEnumerable<string> args, string? workingDirectory = null, bool readOutput = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(Program)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Timeline"] = $"Data Source={database}";
        start.Environment["Limits__WritesPerMinute"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = System.Diagnostics.Process.Start(start)!;
        if (!readOutput)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>A client of the server on <paramref name="port"/>, once its <c>/health</c> answers (a minute at most).</summary>
    public static async Task<HttpClient> ConnectAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return client;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
        }

        client.Dispose();
        throw new TimeoutException("The server did not answer /health within a minute.");
    }

    public static int FreePort() => KestrelHosting.FreePort();

    /// <summary>The variables that point the program at the suite's store's database <paramref name="database"/> (<see cref="TestStore"/>).</summary>
    public static Dictionary<string, string> StoreEnvironment(string database) => new()
    {
        ["Storage__Provider"] = TestStore.IsPostgres ? "postgres" : "sqlite",
        ["ConnectionStrings__Timeline"] = TestStore.ConnectionString(database, pooling: true),
    };

    private static string LocateProgram()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
        var program = RepositoryFiles.PathOf("src", "TimelineApi", "bin", configuration, "net10.0", "TimelineApi.dll");
        return File.Exists(program) ? program : throw new FileNotFoundException("Build the API first.", program);
    }
}
