using System.Text.RegularExpressions;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Common;

/// <summary>
/// The shape the code keeps so that a change stays small: files a reader can hold in mind, no database session that
/// flows unseen, and an event's member declared in one place (its shapes derive from <c>EventFields</c>, its columns
/// from the declaration), so that it is named only where something is done with it.
/// </summary>
public sealed class CodebaseTests
{
    private static readonly string s_source = RepositoryFiles.PathOf("src", "TimelineApi");

    private static IEnumerable<string> SourceFiles() => Directory.EnumerateFiles(s_source, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void NoSourceFile_IsOver450Lines()
    {
        var tooLong = SourceFiles().Select(f => (File: Path.GetRelativePath(s_source, f), Lines: File.ReadAllLines(f).Length)).Where(f => f.Lines > 450).ToList();
        Assert.True(tooLong.Count == 0, string.Join(", ", tooLong.Select(f => $"{f.File}: {f.Lines} lines")));
    }

    [Fact]
    public void NoDatabaseScope_FlowsThroughAnAsyncLocal()
        => Assert.DoesNotContain(SourceFiles(), f => File.ReadAllText(f).Contains("AsyncLocal<", StringComparison.Ordinal));

    [Theory]
    [InlineData("durationMinutes", "duration_minutes")]
    [InlineData("dateNote", "date_note")]
    [InlineData("datePrecision", "date_precision")]
    public void AnEventsMember_IsNamedInAtMostEightFiles_OutsideMigrationsAndTheExtractor(string member, string column)
    {
        var named = new Regex($"{member}|{column}", RegexOptions.IgnoreCase);
        var files = SourceFiles().Where(f => !f.Contains("Migrations", StringComparison.Ordinal) && !f.Contains("Extraction", StringComparison.Ordinal))
            .Where(f => named.IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(s_source, f)).ToList();
        Assert.True(files.Count <= 8, $"{member} is named in {files.Count} files: {string.Join(", ", files)}");
    }
}
