using System.Net;
using OpenTelemetry.Metrics;

namespace TimelineApi.Telemetry;

/// <summary>
/// Metrics with OpenTelemetry: the meters of ASP.NET Core (request durations per route), Kestrel (connections), the .NET
/// runtime, Npgsql and the API's own (<see cref="TimelineMetrics"/>, which counts the limits' refusals). The rate limiter's
/// own meter is left out: it records a lease histogram on every request, a cost every request paid for little to learn. Prometheus scrapes them at
/// <c>Metrics:Path</c> (<c>/metrics</c>), answered to loopback clients only unless <c>Metrics:Public</c> is true; with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set they are also pushed over OTLP, as OpenTelemetry's exporter reads it.
/// </summary>
public static class TelemetrySetup
{
    private static readonly string[] s_meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime", "Npgsql", TimelineMetrics.MeterName,
    ];

    // Gauges of the runtime and Npgsql whose names end in ".count": Prometheus keeps the "_count" suffix for histograms and
    // summaries (promtool check metrics refuses it elsewhere), so they are exposed under names that say the same.
    private static readonly (string Instrument, string Name)[] s_renamed =
    [
        ("dotnet.assembly.count", "dotnet.assemblies.loaded"),
        ("dotnet.process.cpu.count", "dotnet.process.cpus"),
        ("dotnet.thread_pool.thread.count", "dotnet.thread_pool.threads"),
        ("dotnet.timer.count", "dotnet.timers"),
        ("db.client.connection.count", "db.client.connections"),
    ];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(s_meters).AddPrometheusExporter();
            foreach (var (instrument, name) in s_renamed)
            {
                metrics.AddView(instrument, name);
            }

            if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            {
                metrics.AddOtlpExporter();
            }
        });
        return services;
    }

    /// <summary>The scrape endpoint, ahead of the API's own limits and caching, for loopback clients unless made public.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this WebApplication app)
    {
        var path = app.Configuration["Metrics:Path"] is { Length: > 0 } configured ? configured : "/metrics";
        var isPublic = app.Configuration.GetValue("Metrics:Public", false);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == path && (isPublic || IsLocal(http.Connection.RemoteIpAddress)),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    // An in-process client (the test server) has no address.
    private static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
