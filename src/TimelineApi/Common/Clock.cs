using System.Globalization;

namespace TimelineApi.Common;

/// <summary>Times as the database stores them, read from the app's <see cref="TimeProvider"/> (which tests can set).</summary>
public static class Clock
{
    /// <summary>The current instant as the database stores change times: UTC, ISO 8601, milliseconds.</summary>
    public static string Now(this TimeProvider time) => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The current day (UTC), as the database stores days.</summary>
    public static string Today(this TimeProvider time) => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
