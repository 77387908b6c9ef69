using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Operations;

/// <summary>
/// The built program as an operator runs it: JSON console logs whose lines carry the trace id of the request they were
/// written in (the caller's, from its <c>traceparent</c>), and the same trace exported over OTLP/HTTP to the collector
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names.
/// </summary>
public sealed class TracingTests : IDisposable
{
    private readonly string _database = TestStore.NewDatabase();

    public void Dispose() => TestStore.Delete(_database);

    [Fact]
    public async Task ARequestsTraceId_IsInItsJsonLogLines_AndInTheSpansSentToTheCollector()
    {
        using var collector = new OtlpCollector();
        var port = ServerProcess.FreePort();
        var environment = ServerProcess.StoreEnvironment(_database);
        environment["Logging__Console__FormatterName"] = "json";
        environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information"; // a line per request
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        environment["OTEL_SERVICE_NAME"] = "timeline-test";
        var lines = new ConcurrentQueue<string>();
        using var server = ServerProcess.Start(_database, ["--urls", $"http://127.0.0.1:{port}"], readOutput: true, environment: environment);
        server.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        server.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var client = await ServerProcess.ConnectAsync(port);
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events?kind=call");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using (var response = await client.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // The log: JSON objects, one per line, the request's among them with its trace id in its scopes.
            var logged = await Eventually(() => lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
                .FirstOrDefault(e => e.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
                    && e.GetProperty("Message").GetString()!.Contains("/v1/events", StringComparison.Ordinal)
                    && e.GetProperty("Scopes").EnumerateArray().Any(s => s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId)));
            Assert.True(logged.ValueKind == JsonValueKind.Object, "No JSON log line of the request with its trace id; the output was:\n" + string.Join('\n', lines));

            // The trace: a batch of spans posted to the collector, holding the trace id (16 bytes) and the API's own database span.
            var traceBytes = Convert.FromHexString(traceId);
            var sent = await Eventually(() => collector.Posts.FirstOrDefault(p => p.Path == "/v1/traces" && Contains(p.Body, traceBytes)
                && Contains(p.Body, Encoding.UTF8.GetBytes("read snapshot"))));
            Assert.True(sent.Body is not null, $"The collector got no span of trace {traceId} with the database's span; it got: "
                + string.Join(", ", collector.Posts.Select(p => $"{p.Path} ({p.Body.Length} bytes)")));
            Assert.Equal("application/x-protobuf", sent.ContentType);
            if (TestStore.IsPostgres)
            {
                // Npgsql's own spans (its instrumentation scope) go with them.
                Assert.True(await Eventually(() => collector.Posts.Any(p => p.Path == "/v1/traces" && Contains(p.Body, traceBytes)
                    && Contains(p.Body, Encoding.UTF8.GetBytes("Npgsql")))), "No span of Npgsql's in the trace.");
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static bool Contains(byte[] body, byte[] part) => body.AsSpan().IndexOf(part) >= 0;

    /// <summary>What <paramref name="look"/> finds within 15 seconds (exports are batched), else the default.</summary>
    private static async Task<T?> Eventually<T>(Func<T?> look)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            var found = look();
            if (!EqualityComparer<T?>.Default.Equals(found, default) || DateTime.UtcNow > deadline)
            {
                return found;
            }
        }
    }

    /// <summary>An OTLP/HTTP collector on loopback that keeps what it is sent and answers 200.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public OtlpCollector()
        {
            var port = ServerProcess.FreePort();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public ConcurrentBag<(string Path, string? ContentType, byte[] Body)> Posts { get; } = [];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Posts.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
