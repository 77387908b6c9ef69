using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Dapper;

namespace TimelineApi.Data;

/// <summary>
/// The shape of the stored documents (the events' JSON and their timeline items, the statements' timeline items) as
/// this build writes them, as a fingerprint: every member of the answers they hold, by JSON name, type and when it is
/// left out, read from the serializer's own contract, and <see cref="LogicVersion"/> for what a member's value is
/// computed from. At start-up a database whose documents were built with another shape has every document rebuilt,
/// so a release that changes an event's answer never serves the old one.
/// </summary>
internal static class DocumentShape
{
    /// <summary>Raise when the values of the documents change without their members changing (a value computed otherwise).</summary>
    private const int LogicVersion = 1;

    private const string Name = "documents";

    private static readonly Type[] s_roots = [typeof(Events.EventResponse), typeof(Timeline.TimelineItem)];

    /// <summary>This build's fingerprint.</summary>
    public static string Fingerprint { get; } = Compute();

    private static string Compute()
    {
        var text = new StringBuilder().Append(LogicVersion).Append('\n');
        var seen = new HashSet<Type>();
        foreach (var root in s_roots)
        {
            Describe(Http.ApiJsonContext.Answers.GetTypeInfo(root), text, seen);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Describe(JsonTypeInfo type, StringBuilder text, HashSet<Type> seen)
    {
        if (!seen.Add(type.Type))
        {
            return;
        }

        text.Append(type.Type.FullName).Append(' ').Append(type.Kind).Append('\n');
        foreach (var property in type.Properties)
        {
            text.Append("  ").Append(property.Name).Append(' ').Append(property.PropertyType.FullName)
                .Append(property.ShouldSerialize is null ? string.Empty : " conditional").Append('\n');
            Describe(type.Options.GetTypeInfo(property.PropertyType), text, seen);
        }

        if (type.ElementType is { } element)
        {
            Describe(type.Options.GetTypeInfo(element), text, seen);
        }
    }

    /// <summary>The fingerprint the stored documents were last built with, if any.</summary>
    public static async Task<string?> StoredAsync(Database db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT fingerprint FROM document_shapes WHERE name = @Name;", new { Name }, cancellationToken: ct));
    }

    /// <summary>Records that the stored documents now have this build's shape.</summary>
    public static async Task RecordAsync(Database db, CancellationToken ct)
    {
        await using var write = db.BeginWrite();
        var connection = await write.ConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO document_shapes (name, fingerprint) VALUES (@Name, @Fingerprint)
            ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint;
            """, new { Name, Fingerprint }, cancellationToken: ct));
        await write.CommitAsync(ct);
    }
}
