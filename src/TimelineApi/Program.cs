using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.OpenApi;
using TimelineApi.Seed;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services.AddSingleton<SqliteConnectionFactory>();
builder.Services.AddSingleton<SchemaMigrator>();
builder.Services.AddSingleton<Seeder>();
builder.Services.AddSingleton<EventStore>();

builder.Services.AddEndpointsApiExplorer();
builder.Services.AddSwaggerGen(options =>
{
    options.SupportNonNullableReferenceTypes();
    options.OperationFilter<QueryParameterOperationFilter>();
});

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSwagger();
app.UseSwaggerUI();

app.MapEvents();

DapperSetup.Configure();
await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
await app.Services.GetRequiredService<Seeder>().ApplyAsync(SeedSet.LoadEmbedded(), CancellationToken.None);

app.Run();
