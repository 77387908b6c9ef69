// The ceiling the benchmark compares the API with: Kestrel answering a fixed JSON body the size of
// a 50-event page, with no routing work, no database and no serialization.
var body = System.Text.Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', Enumerable.Repeat("{\"id\":\"0000000000\",\"title\":\"" + new string('x', 380) + "\"}", 50)) + "],\"next\":null}");

var app = WebApplication.CreateSlimBuilder(args).Build();
app.MapGet("/", (HttpContext http) =>
{
    http.Response.ContentType = "application/json";
    return http.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
