namespace TimelineApi.Http;

/// <summary>
/// A process that is stopping (a replica taken out of a deployment) finishes the requests it has, ends its change streams
/// with a hint to reconnect (see <see cref="Changes.ChangeEvents"/>), and refuses what still arrives on an open connection
/// with 503, <c>Retry-After</c> and <c>Connection: close</c>, so a client or balancer sends it to another replica. The
/// health paths still answer: <c>/health/ready</c> says the process is stopping, <c>/health/live</c> that it is alive.
/// </summary>
public static class Stopping
{
    public static IApplicationBuilder UseStoppingRefusal(this IApplicationBuilder app)
    {
        var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        return app.Use(async (http, next) =>
        {
            if (!stopping.IsCancellationRequested || http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }

            http.Response.Headers.Connection = "close";
            await ClientLimits.WriteRefusalAsync(http, StatusCodes.Status503ServiceUnavailable, 1,
                "This process is stopping: send the request again (to another replica) after the Retry-After header's seconds.");
        });
    }
}
