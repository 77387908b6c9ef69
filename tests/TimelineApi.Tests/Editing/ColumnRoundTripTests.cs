using System.Net;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>
/// Records written with every member given reach every column of every table: the writer passes rows to the
/// database as JSON read back by member name, where a renamed member would silently write NULL; and the columns a
/// record's members name (<see cref="Data.Column"/>) are the tables' own.
/// </summary>
public sealed class ColumnRoundTripTests() : WriterTestBase("columns")
{
    [Fact]
    public async Task EveryMemberGiven_FillsEveryColumnOfEveryTable()
    {
        await PostAsync("/v1/sources", """
            {"id": "full-source", "fileName": "full.txt", "title": "Full source", "publisher": "Example Wire", "author": "A. Writer",
             "dateline": "Vienna", "publishedAt": "2022-01-11", "publishedAtText": "11 Jan 2022", "publishedAtInferred": true,
             "publishedAtNote": "From the byline.", "updatedAtText": "updated 12:00", "text": "Talks went on. \"We will meet again,\" the envoy said."}
            """);
        await PostAsync("/v1/participants", """
            {"id": "full-envoy", "name": "Full Envoy", "kind": "person", "country": "russia",
             "aliases": [{"name": "The Envoy", "source": "full-source"}], "roles": [{"title": "envoy", "source": "full-source"}]}
            """);
        await PostAsync("/v1/meetings", """
            {"id": "full-talks", "title": "Full talks", "kind": "talks", "format": "in-person", "status": "scheduled",
             "start": "2022-01-12", "end": "2022-01-13", "dateInferred": true, "dateNote": "As reported.", "durationMinutes": 90,
             "location": "Vienna", "summary": "Talks with every member.",
             "participants": [{"id": "full-envoy", "roles": [{"role": "host", "source": "full-source"}]}],
             "topics": ["security-guarantees"], "sources": ["full-source"],
             "report": {"source": "full-source", "note": "Announced."}}
            """);
        await PostAsync("/v1/statements", """
            {"id": "full-quote", "speaker": "full-envoy", "text": "We will meet again,", "date": "2022-01-11", "dateInferred": true,
             "event": "full-talks", "source": "full-source", "span": {"start": 16, "end": 35}, "attribution": "the envoy said"}
            """);

        await using var connection = await App.OpenDatabaseAsync();
        var checks = new (string Table, string Where)[]
        {
            ("sources", "id = 'full-source'"),
            ("participants", "id = 'full-envoy'"),
            ("participant_aliases", "participant_id = 'full-envoy'"),
            ("participant_roles", "participant_id = 'full-envoy'"),
            ("events", "id = 'full-talks'"),
            ("event_participants", "event_id = 'full-talks'"),
            ("event_topics", "event_id = 'full-talks'"),
            ("event_sources", "event_id = 'full-talks'"),
            ("statements", "id = 'full-quote'"),
            ("meeting_status_changes", "event_id = 'full-talks'"),
            ("changes", "resource_id IN ('full-source', 'full-envoy', 'full-talks', 'full-quote')"),
        };
        var empty = new List<string>();
        foreach (var (table, where) in checks)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} WHERE {where};";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (reader.IsDBNull(i))
                    {
                        empty.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }

            Assert.True(rows > 0, $"no row in {table} where {where}");
        }

        Assert.True(empty.Count == 0, "Columns left NULL although every member was given: " + string.Join(", ", empty.Distinct()));
    }

    [Fact]
    public async Task EveryMemberOfAnEvent_IsAColumnOfItsTable_AndEveryMemberOfASchedule_OfBothTablesThatHoldOne()
    {
        await using var connection = await App.OpenDatabaseAsync();
        foreach (var (table, columns) in new[] { ("events", Data.EventTable.Columns), ("events", Data.ScheduleState.Columns), ("meeting_status_changes", Data.ScheduleState.Columns) })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} WHERE 1 = 0;";
            await using var reader = await command.ExecuteReaderAsync();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
            Assert.True(columns.All(c => names.Contains(c.Name)), $"{table} lacks {string.Join(", ", columns.Where(c => !names.Contains(c.Name)).Select(c => c.Name))}");
        }
    }

    [Fact]
    public async Task AColumnOfANestedMember_IsReadFromItsPath_AsTextNumberOrFlag()
    {
        await using var connection = await App.OpenDatabaseAsync();
        var d = TestStore.IsPostgres ? Data.SqlDialect.Postgres : Data.SqlDialect.Sqlite;
        Data.Column[] columns = [new("a", "Text", Data.ColumnKind.Text), new("b", "Number", Data.ColumnKind.Number), new("c", "Flag", Data.ColumnKind.Flag)];
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Data.ColumnLists.Read(columns.Select(c => c.Within("Inner")), d)} FROM {d.Rows("@rows")};";
        var rows = command.CreateParameter();
        rows.ParameterName = "rows";
        rows.Value = """[{"Inner": {"Text": "held", "Number": 90, "Flag": true}}]""";
        command.Parameters.Add(rows);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("held", reader.GetString(0));
        Assert.Equal(90, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task PostAsync(string url, string json)
    {
        using var response = await Client.SendJsonAsync(HttpMethod.Post, url, json, Key);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
