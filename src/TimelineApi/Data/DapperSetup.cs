namespace TimelineApi.Data;

public static class DapperSetup
{
    private static int s_configured;

    /// <summary>Maps snake_case columns onto PascalCase members. Safe to call more than once.</summary>
    public static void Configure()
    {
        if (Interlocked.Exchange(ref s_configured, 1) == 0)
        {
            Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        }
    }
}
