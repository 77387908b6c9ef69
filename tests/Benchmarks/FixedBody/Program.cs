// The ceiling the benchmark compares the API with: Kestrel answering a fixed body with no routing work, no
// database and no serialization. run.sh gives it the API's own answer to the measured page (BODY_FILE), so both
// send the same bytes; without one it sends a JSON body the size of a 50-event page.
var file = Environment.GetEnvironmentVariable("BODY_FILE");
var body = file is not null
    ? File.ReadAllBytes(file)
    : System.Text.Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', Enumerable.Repeat("{\"id\":\"0000000000\",\"title\":\"" + new string('x', 380) + "\"}", 50)) + "],\"next\":null}");

var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/", (HttpContext http) =>
{
    http.Response.ContentType = "application/json; charset=utf-8";
    return http.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
