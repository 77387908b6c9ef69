using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Data;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Storage;

/// <summary>A read model a feature registers is told of every write of records, inside the write, and built at start-up.</summary>
public sealed class ReadModelTests
{
    /// <summary>Records what it is told; has no rows of its own to build.</summary>
    private sealed class Recorder : ReadModel
    {
        public List<(string Resource, string[] Ids)> Written { get; } = [];

        public int Builds { get; private set; }

        protected override string Resource => "recorder";

        protected override string AllAfter => "SELECT id FROM events WHERE id > @after AND 1 = 0 LIMIT @limit;";

        protected override string Table => "events";

        protected override string MissingCondition => "1 = 0";

        public override Task WrittenAsync(DbConnection connection, string resource, IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            Assert.Throws<InvalidOperationException>(() => DbSession.Within(connection).BeginWrite()); // it is inside the write
            lock (Written)
            {
                Written.Add((resource, [.. ids]));
            }

            return Task.CompletedTask;
        }

        protected override Task RefreshAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken ct)
        {
            Builds++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task ARegisteredReadModelIsToldWhichRecordsEachWriteChanged()
    {
        var recorder = new Recorder();
        await using var factory = new TimelineApiFactory();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ReadModel>(recorder)));
        using var client = app.CreateClient();
        var key = await app.CreateKeyAsync("read-model-test");
        Assert.Contains(recorder.Written, w => w.Resource == RecordWriter.Event); // the seed, written at start-up
        recorder.Written.Clear();

        const string url = "/v1/participants/yuri-ushakov";
        using var renamed = await client.SendJsonAsync(HttpMethod.Patch, url, """{"name": "Yury Ushakov"}""", key,
            await client.ETagOfAsync(url), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        Assert.Equal([(RecordWriter.Participant, new[] { "yuri-ushakov" })], recorder.Written.Select(w => (w.Resource, w.Ids)));
        Assert.Equal(0, recorder.Builds);
    }
}
