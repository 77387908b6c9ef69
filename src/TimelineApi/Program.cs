using TimelineApi.Auth;
using TimelineApi.Changes;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Extraction;
using TimelineApi.Health;
using TimelineApi.Http;
using TimelineApi.Import;
using TimelineApi.Meetings;
using TimelineApi.OpenApi;
using TimelineApi.Participants;
using TimelineApi.Search;
using TimelineApi.Seed;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Suggestions;
using TimelineApi.Telemetry;
using TimelineApi.Timeline;

// Configuration is read once, at start: watching the configuration files for changes would add tens of milliseconds to
// start-up. A change takes effect on restart; `--hostBuilder:reloadConfigOnChange=true` turns the watching back on.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemWriter.Explain);
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemWriter>(); // after the framework's: a problem whatever the Accept
builder.Services.AddExceptionHandler<OverBudgetHandler>();
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.ConfigureHttpJsonOptions(options => ApiJsonContext.Configure(options.SerializerOptions));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => Database.Create(builder.Configuration, builder.Environment));
builder.Services.AddScoped<DbSession>(); // a request's reads and writes: its read snapshot or its write
builder.Services.AddScoped<TimelineApi.Editing.PendingWrite>(); // a write request's body and write, from its endpoint filters
builder.Services.AddSingleton<SchemaMigrator>();
builder.Services.AddSingleton<Seeder>();
builder.Services.AddSingleton<DataVersion>();
builder.Services.AddSingleton<ChangeSignal>();
builder.Services.AddHostedService(services => services.GetRequiredService<ChangeSignal>());
builder.Services.AddSingleton<DatabaseInitializer>();
// What every write of records keeps in step, and start-up builds: the features' stored documents.
builder.Services.AddSingleton<ReadModel, EventDocuments>();
builder.Services.AddSingleton<ReadModel, StatementDocuments>();
builder.Services.AddScoped<EventStore>();
builder.Services.AddScoped<EventFacets>();
builder.Services.AddScoped<MeetingStore>();
builder.Services.AddScoped<ParticipantStore>();
builder.Services.AddScoped<ParticipantNames>();
builder.Services.AddScoped<StatementStore>();
builder.Services.AddScoped<SourceStore>();
builder.Services.AddScoped<TimelineQueries>();
builder.Services.AddScoped<SearchQueries>();
builder.Services.AddScoped<SuggestionStore>();
builder.Services.AddSingleton<Importer>();

builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [DatabaseHealthCheck.ReadyTag]);
builder.AddTelemetry();
builder.Services.AddHttpCaching();
builder.Services.AddProtection();
builder.Services.AddApiKeys();
builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(OpenApiSetup.Configure);

var app = builder.Build();

app.UseHeadAsGet();
app.UseRouting(); // after HEAD is turned into GET, so HEAD finds the GET endpoints
app.UseExceptionHandler();
app.UseMetricsEndpoint();
app.UseStoppingRefusal();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseCompressionAndCors();
app.UseDashboard();
app.UseAuthentication();
app.UseClientLimits();
app.UseHttpCaching();
app.UseReadSnapshots();
ParticipantNames.UseKnownParticipants(app);
app.UseAuthorization();
app.UseSwagger();
app.UseSwaggerUI();

// A newcomer who opens the server's address lands on the interactive documentation.
app.MapHealth();
app.MapEvents();
app.MapMeetings();
app.MapParticipants();
app.MapStatements();
app.MapSources();
app.MapTimeline();
app.MapSearch();
app.MapSourceWrites();
app.MapParticipantWrites();
app.MapEventWrites();
app.MapMeetingWrites();
app.MapStatementWrites();
app.MapChanges();
app.MapChangeStream();
app.MapImport();
app.MapSuggestions();

if (args is ["extract", .. var extractArgs])
{
    return await ExtractCommands.RunAsync(extractArgs, Console.Out, Console.Error, CancellationToken.None);
}

if (args is ["generate", .. var generateArgs])
{
    return await ImportCommands.GenerateAsync(generateArgs, Console.Out, Console.Error, CancellationToken.None);
}

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);

switch (args)
{
    case ["keys", .. var keyArgs]:
        return await KeyCommands.RunAsync(app.Services.GetRequiredService<ApiKeyStore>(), keyArgs, Console.Out, Console.Error, CancellationToken.None);
    case ["import", .. var importArgs]:
        return await ImportCommands.ImportAsync(app.Services.GetRequiredService<Importer>(), importArgs, Console.Out, Console.Error, CancellationToken.None);
}

app.Run();
return 0;
