using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TimelineApi.Data;

namespace TimelineApi.Health;

/// <summary>
/// The database answers within <c>Health:ReadyTimeoutSeconds</c> (2 by default), at the schema version this build's
/// migrations reach. Its data carries the schema version found.
/// </summary>
public sealed partial class DatabaseHealthCheck(Database db, IConfiguration configuration, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public const string Name = "database";
    public const string ReadyTag = "ready";
    public const string SchemaVersionKey = "schemaVersion";

    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(configuration.GetValue("Health:ReadyTimeoutSeconds", 2.0));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await using var connection = await db.OpenAsync(timeout.Token);
            var version = await SchemaMigrator.VersionAsync(db, connection, timeout.Token);
            var data = new Dictionary<string, object> { [SchemaVersionKey] = version };
            return version < SchemaMigrator.LatestVersion(db.Provider)
                ? HealthCheckResult.Unhealthy($"The database's schema is at version {version}; this build needs {SchemaMigrator.LatestVersion(db.Provider)} (its migrations are not applied yet).", data: data)
                : HealthCheckResult.Healthy(data: data);
        }
        catch (Exception e) when (e is DbException or TimeoutException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnhealthy(logger, e);
            return HealthCheckResult.Unhealthy(e is OperationCanceledException
                ? $"The database did not answer within {_timeout.TotalSeconds:0.#} s."
                : "The database cannot be reached.", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check failed: the database cannot be reached in time")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
