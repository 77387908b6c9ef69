using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TimelineApi.Telemetry;

/// <summary>
/// Metrics, traces and logs, as OpenTelemetry and ASP.NET Core give them.
/// <para>Metrics: the meters of ASP.NET Core (request durations per route), Kestrel (connections), the .NET runtime,
/// Npgsql and the API's own (<see cref="TimelineMetrics"/>). Prometheus scrapes them at <c>Metrics:Path</c>
/// (<c>/metrics</c>), answered to loopback clients only unless <c>Metrics:Public</c> is true; <c>Metrics:Enabled=false</c>
/// gathers none.</para>
/// <para>Traces, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (metrics are then pushed there too, as OpenTelemetry's
/// exporter reads its variables): a span per request (ASP.NET Core's own, continuing a caller's <c>traceparent</c>),
/// per outgoing HTTP call, per Npgsql command, and one per read snapshot or write transaction of either engine
/// (<see cref="ActivitySourceName"/>). Without an endpoint no span is recorded: nothing is paid for them.</para>
/// <para>Logs carry the trace and span ids of the request they were written in, so a log line finds its trace;
/// <c>Logging:Console:FormatterName=json</c> writes them as one JSON object per line, ids among its scopes.</para>
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

    /// <summary>The source of the API's own spans: one per read snapshot or write transaction.</summary>
    public const string ActivitySourceName = "TimelineApi.Database";

    /// <summary>Where the API's own spans start (<see cref="ActivitySourceName"/>).</summary>
    public static readonly ActivitySource Database = new(ActivitySourceName);

    private static readonly string[] s_traced = ["Microsoft.AspNetCore", "System.Net.Http", "Npgsql", ActivitySourceName];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var exported = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry();
        if (MetricsEnabled(builder.Configuration))
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(s_meters).AddPrometheusExporter();
                foreach (var (instrument, name) in s_renamed)
                {
                    metrics.AddView(instrument, name);
                }

                if (exported)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        if (exported)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(s_traced).AddOtlpExporter());
        }

        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            builder.Services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true); // where the ids are
        }
        return builder;
    }

    /// <summary>The scrape endpoint, ahead of the API's own limits and caching, for loopback clients unless made public.</summary>
    public static IApplicationBuilder UseMetricsEndpoint(this WebApplication app)
    {
        if (!MetricsEnabled(app.Configuration))
        {
            return app;
        }

        var path = app.Configuration["Metrics:Path"] is { Length: > 0 } configured ? configured : "/metrics";
        var isPublic = app.Configuration.GetValue("Metrics:Public", false);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == path && (isPublic || IsLocal(http.Connection.RemoteIpAddress)),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    /// <summary>Whether metrics are gathered at all (<c>Metrics:Enabled</c>, true unless set false).</summary>
    private static bool MetricsEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", true);

    // An in-process client (the test server) has no address.
    private static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
