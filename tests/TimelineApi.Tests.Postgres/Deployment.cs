using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests;

/// <summary>
/// A deployment on 127.0.0.1 as an operator runs one: API replicas (the built program, each a process of its own) over
/// one PostgreSQL database, and what is put beside them (HAProxy, Prometheus), every process ended on disposal.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    private readonly string _database = TestStore.NewDatabase();
    private readonly string _folder = Directory.CreateTempSubdirectory("timeline-deployment-").FullName;
    private readonly List<Process> _processes = [];

    /// <summary>The database the replicas share (its name on the suite's PostgreSQL server).</summary>
    public string Database => _database;

    /// <summary>The replicas' ports, in the order they were started.</summary>
    public List<int> Replicas { get; } = [];

    /// <summary>The process of each replica, by port.</summary>
    public Dictionary<int, Process> ReplicaProcesses { get; } = [];

    /// <summary>Starts <paramref name="count"/> replicas, one after the other (the first migrates and seeds the database), and waits until each answers.</summary>
    public async Task StartReplicasAsync(int count)
    {
        var environment = ServerProcess.StoreEnvironment(_database);
        environment["Limits__ReadsPerMinute"] = "100000000";
        environment["Limits__WritesPerMinute"] = "100000000";
        for (var i = 0; i < count; i++)
        {
            var port = ServerProcess.FreePort();
            var process = ServerProcess.Start(_database, ["--urls", $"http://127.0.0.1:{port}"], environment: environment);
            _processes.Add(process);
            ReplicaProcesses[port] = process;
            Replicas.Add(port);
            (await ServerProcess.ConnectAsync(port)).Dispose();
        }
    }

    /// <summary>
    /// Starts HAProxy in front of the replicas with the one-box cluster's configuration (<c>tests/Cluster/haproxy.cfg</c>):
    /// round robin, each replica's <c>/health/ready</c> checked every half second, a request whose connection fails sent
    /// to another replica; each answer says which replica gave it (<c>X-Replica</c>, the replica's port). Answers the
    /// balancer's address.
    /// </summary>
    public async Task<string> StartBalancerAsync()
    {
        var haproxy = OutsideTools.FindOnPath("haproxy") ?? (File.Exists("/usr/sbin/haproxy") ? "/usr/sbin/haproxy" : null);
        OutsideTools.Require(haproxy is not null, "HAProxy is not installed (Debian: apt-get install haproxy).");
        var port = ServerProcess.FreePort();
        var servers = Replicas.Select(r => $"    server {r} 127.0.0.1:{r} check inter 500ms fall 1 rise 2\n");
        var config = Path.Combine(_folder, "haproxy.cfg");
        var shared = await File.ReadAllTextAsync(RepositoryFiles.PathOf("tests", "Cluster", "haproxy.cfg"));
        await File.WriteAllTextAsync(config, shared.Replace("BALANCER_PORT", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) + string.Concat(servers));
        StartProcess(haproxy!, ["-f", config]);
        var address = $"http://127.0.0.1:{port}";
        await WaitUntilAsync(address + "/health/ready", TimeSpan.FromSeconds(20));
        return address;
    }

    /// <summary>Starts Prometheus scraping every replica's <c>/metrics</c> each second (job <c>timeline</c>); answers its address.</summary>
    public async Task<string> StartPrometheusAsync()
    {
        var prometheus = OutsideTools.FindOnPath("prometheus");
        OutsideTools.Require(prometheus is not null, "Prometheus is not installed (Debian: apt-get install prometheus).");
        var port = ServerProcess.FreePort();
        var config = Path.Combine(_folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: timeline
                static_configs:
                  - targets: [{string.Join(", ", Replicas.Select(r => $"'127.0.0.1:{r}'"))}]

            """);
        StartProcess(prometheus!, [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_folder, "prometheus")}",
            $"--web.listen-address=127.0.0.1:{port}"]);
        var address = $"http://127.0.0.1:{port}";
        await WaitUntilAsync(address + "/-/ready", TimeSpan.FromSeconds(30));
        return address;
    }

    /// <summary>Asks a replica to stop as a service manager does (SIGTERM): it drains and exits.</summary>
    public void Terminate(int replica) => _ = Kill(ReplicaProcesses[replica].Id, 15);

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    private void StartProcess(string program, IEnumerable<string> arguments) => _processes.Add(OutsideTools.StartQuietly(program, arguments));

    private static async Task WaitUntilAsync(string url, TimeSpan within)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var deadline = DateTime.UtcNow + within; ; await Task.Delay(100))
        {
            try
            {
                using var answer = await client.GetAsync(url);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not up yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not answer 200 within {within}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
        TestStore.Delete(_database);
    }
}
