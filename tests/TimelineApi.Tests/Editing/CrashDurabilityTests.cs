using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>
/// The real program in its own process, killed with SIGKILL in the middle of a write load: after a
/// restart the database must be intact and hold every write that was acknowledged.
/// </summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"timeline-crash-{Guid.NewGuid():N}.db");

    public void Dispose() => TimelineApiFactory.DeleteDatabase(_database);

    [Fact]
    public async Task KilledDuringWrites_RestartsIntact_WithEveryAcknowledgedWrite()
    {
        var key = (await RunAsync("keys", "create", "--name", "crash")).Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("tla_", key, StringComparison.Ordinal);

        var acknowledged = new ConcurrentBag<string>();
        var port = ServerProcess.FreePort();
        using (var server = Start(port))
        {
            using var client = await ServerProcess.ConnectAsync(port);
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var id = $"crash-{w}-{i}";
                    try
                    {
                        using var response = await client.SendJsonAsync(HttpMethod.Post, "/v1/events",
                            $$"""{"id": "{{id}}", "title": "Write {{w}}.{{i}}", "kind": "meeting", "status": "scheduled", "start": "2023-02-01"}""", key);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(id);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the server is gone
                    }
                    catch (TaskCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (acknowledged.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            server.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.True(acknowledged.Count >= 200, $"Only {acknowledged.Count} writes were acknowledged before the kill.");

        using (var restarted = Start(port))
        {
            using var client = await ServerProcess.ConnectAsync(port);
            foreach (var id in acknowledged)
            {
                using var response = await client.GetAsync($"/v1/events/{id}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"Acknowledged write {id} is missing after the restart.");
            }

            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }

        await using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
    }

    private Process Start(int port, params string[] args)
        => ServerProcess.Start(_database, args.Length > 0 ? args : ["--urls", $"http://127.0.0.1:{port}"], readOutput: args.Length > 0);

    private async Task<string> RunAsync(params string[] args)
    {
        using var process = Start(0, args);
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"'{string.Join(' ', args)}' exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
