using System.Globalization;

namespace TimelineApi.Common;

public static class Clock
{
    /// <summary>The current instant as the database stores change times: UTC, ISO 8601, milliseconds.</summary>
    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
