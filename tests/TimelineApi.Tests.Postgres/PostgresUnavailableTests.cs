using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests;

/// <summary>Compiled in place of the suite when this machine has no PostgreSQL to run it against.</summary>
public sealed class PostgresUnavailableTests
{
    [SkippableFact]
    public void TheSuiteRunsAgainstPostgreSql()
        => OutsideTools.Require(false,
            "PostgreSQL is not installed (Debian: apt-get install postgresql) and TIMELINE_TEST_POSTGRES names no server: the suite did not run against PostgreSQL.");
}
